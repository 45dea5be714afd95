package dev.promptgate.events.report;

/** SQL pieces the reports share when they read {@code event_daily_count}. */
final class RollupSql {

    /** The {@code grp} of the rows that count everyone. */
    static final String EVERYONE = "";
    /** The {@code type} of the rows that count all event types. */
    static final String ALL_TYPES = "*";

    private RollupSql() {}

    /** The number of events of a type (a fixed constant, never input) in the grouped rows. */
    static String count(String type) {
        return "coalesce(sum(events) filter (where type = '" + type + "'), 0)";
    }

    static String group(GroupRef group) {
        return group == null ? EVERYONE : group.name();
    }
}
