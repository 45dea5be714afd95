package dev.promptgate.events.report;

import dev.promptgate.api.ProblemException;
import dev.promptgate.policy.group.GroupService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * What a report covers, from its query parameters ({@link ReportScope}): its days and, optionally, one group. Reports read the rollups only
 * ({@code event_daily_count}, {@code event_active_subject}), never the events, so they answer in milliseconds
 * however many events are kept. Days are UTC days; the rollups trail ingest by up to
 * {@code promptgate.events.rollup-interval}.
 */
@ApplicationScoped
public class ReportFilters {

    /** The longest range a report covers. */
    static final int MAX_DAYS = 366;
    /** The range a report covers when none is given: the last 30 days, today included. */
    static final int DEFAULT_DAYS = 30;

    private final GroupService groups;

    ReportFilters(GroupService groups) {
        this.groups = groups;
    }

    /** A report's days, both included. */
    public record DayRange(LocalDate from, LocalDate to) {}

    public DayRange range(LocalDate from, LocalDate to) {
        LocalDate end = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS - 1L);
        if (start.isAfter(end)) {
            throw new ProblemException.InvalidInput("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw new ProblemException.InvalidInput("from", "a report covers at most " + MAX_DAYS + " days");
        }
        return new DayRange(start, end);
    }

    /** The group a report is limited to, or null for everyone; 400 when there is no such group. */
    public GroupRef group(Long groupId) {
        return groupId == null ? null : new GroupRef(groupId, groups.nameOf(groupId, "groupId"));
    }
}
