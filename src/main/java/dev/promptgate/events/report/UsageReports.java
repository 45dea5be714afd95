package dev.promptgate.events.report;

import dev.promptgate.catalog.CatalogService;
import dev.promptgate.db.Database;
import dev.promptgate.db.Sql;
import dev.promptgate.events.EventTypes;
import dev.promptgate.policy.group.GroupService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Use of catalog services per day, from the rollups. */
@ApplicationScoped
public class UsageReports {

    private final Database database;
    private final CatalogService catalog;
    private final GroupService groups;

    UsageReports(Database database, CatalogService catalog, GroupService groups) {
        this.database = database;
        this.catalog = catalog;
        this.groups = groups;
    }

    public UsageReport usage(ReportFilters.DayRange range, GroupRef group, String serviceKey) {
        Map<String, String> names = serviceNames();
        List<UsageReport.Day> days = database.call(connection -> {
            Sql sql = new Sql("select day, service_key,"
                            + " " + RollupSql.count(EventTypes.VISIT) + ", max(subjects) filter (where type = '*'),"
                            + " " + RollupSql.count(EventTypes.WARNED) + ", " + RollupSql.count(EventTypes.PROCEEDED)
                            + ","
                            + " " + RollupSql.count(EventTypes.ACKNOWLEDGED) + ", "
                            + RollupSql.count(EventTypes.BLOCKED) + ","
                            + " " + RollupSql.count(EventTypes.REMINDER_SHOWN) + ", "
                            + RollupSql.count(EventTypes.REMINDER_DONE) + ","
                            + " " + RollupSql.count(RollupSql.ALL_TYPES)
                            + " from event_daily_count")
                    .filter("grp = ?", RollupSql.group(group))
                    .filter("day >= ?", range.from())
                    .filter("day <= ?", range.to())
                    .require("service_key <> ''")
                    .filter("service_key = ?", serviceKey)
                    .append(" group by day, service_key order by day, service_key");
            List<UsageReport.Day> rows = new ArrayList<>();
            try (PreparedStatement statement = sql.prepare(connection);
                    ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    String key = r.getString(2);
                    rows.add(new UsageReport.Day(
                            r.getObject(1, LocalDate.class),
                            key,
                            names.get(key),
                            r.getLong(3),
                            r.getLong(4),
                            r.getLong(5),
                            r.getLong(6),
                            r.getLong(7),
                            r.getLong(8),
                            r.getLong(9),
                            r.getLong(10),
                            r.getLong(11)));
                }
            }
            return rows;
        });
        return new UsageReport(range.from(), range.to(), group, days, totals(days));
    }

    /** Use of catalog services over the range per group, busiest first; people in no group are not listed. */
    public List<UsageReport.GroupTotal> perGroup(ReportFilters.DayRange range, String serviceKey) {
        Map<String, Long> groupIds = groups.idsByName();
        return database.call(connection -> {
            Sql sql = new Sql("select grp, " + RollupSql.count(EventTypes.VISIT) + ", "
                            + RollupSql.count(EventTypes.WARNED) + ", " + RollupSql.count(EventTypes.ACKNOWLEDGED)
                            + ", " + RollupSql.count(EventTypes.BLOCKED) + ", " + RollupSql.count(RollupSql.ALL_TYPES)
                            + " from event_daily_count")
                    .require("grp <> ''")
                    .filter("day >= ?", range.from())
                    .filter("day <= ?", range.to())
                    .require("service_key <> ''")
                    .filter("service_key = ?", serviceKey)
                    .append(" group by grp order by 6 desc, grp");
            List<UsageReport.GroupTotal> rows = new ArrayList<>();
            try (PreparedStatement statement = sql.prepare(connection);
                    ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    String group = r.getString(1);
                    rows.add(new UsageReport.GroupTotal(
                            groupIds.get(group),
                            group,
                            r.getLong(2),
                            r.getLong(3),
                            r.getLong(4),
                            r.getLong(5),
                            r.getLong(6)));
                }
            }
            return rows;
        });
    }

    private static List<UsageReport.Total> totals(List<UsageReport.Day> days) {
        Map<String, UsageReport.Total> totals = new LinkedHashMap<>();
        days.stream()
                .sorted(Comparator.comparing(UsageReport.Day::serviceKey))
                .forEach(d -> totals.merge(
                        d.serviceKey(),
                        new UsageReport.Total(
                                d.serviceKey(),
                                d.serviceName(),
                                d.visits(),
                                d.users(),
                                d.warned(),
                                d.proceeded(),
                                d.acknowledged(),
                                d.blocked(),
                                d.remindersShown(),
                                d.remindersDone(),
                                d.events()),
                        (a, b) -> new UsageReport.Total(
                                a.serviceKey(),
                                a.serviceName(),
                                a.visits() + b.visits(),
                                Math.max(a.peakDailyUsers(), b.peakDailyUsers()),
                                a.warned() + b.warned(),
                                a.proceeded() + b.proceeded(),
                                a.acknowledged() + b.acknowledged(),
                                a.blocked() + b.blocked(),
                                a.remindersShown() + b.remindersShown(),
                                a.remindersDone() + b.remindersDone(),
                                a.events() + b.events())));
        return totals.values().stream()
                .sorted(Comparator.comparingLong(UsageReport.Total::events)
                        .reversed()
                        .thenComparing(UsageReport.Total::serviceKey))
                .toList();
    }

    private Map<String, String> serviceNames() {
        Map<String, String> names = new HashMap<>();
        catalog.listAll().forEach(service -> names.put(service.key, service.name));
        return names;
    }
}
