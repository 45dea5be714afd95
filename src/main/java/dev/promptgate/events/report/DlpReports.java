package dev.promptgate.events.report;

import dev.promptgate.db.Database;
import dev.promptgate.db.Sql;
import dev.promptgate.events.DlpDetection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Data-protection detections from their rollup, {@code dlp_daily_count}. */
@ApplicationScoped
public class DlpReports {

    /** A warning the person saw: the action WARN, not in monitor mode. */
    private static final String WARNED = "action = 'WARN' and outcome <> 'monitored'";

    private final Database database;

    DlpReports(Database database) {
        this.database = database;
    }

    /** One row per day, detector and service, with the outcome counts the totals are made of. */
    private record Row(DlpReport.Day day, long sentAnyway, long notSensitive) {}

    public DlpReport detections(ReportFilters.DayRange range, GroupRef group, String serviceKey, String detector) {
        List<Row> rows = database.call(connection -> {
            Sql sql = new Sql("select day, detector, service_key, sum(events),"
                            + " coalesce(sum(events) filter (where " + WARNED + "), 0),"
                            + " coalesce(sum(events) filter (where outcome = 'redacted'), 0),"
                            + " coalesce(sum(events) filter (where outcome = 'blocked'), 0),"
                            + " coalesce(sum(events) filter (where outcome = 'monitored'), 0),"
                            + " coalesce(sum(events) filter (where " + WARNED + " and outcome = '"
                            + DlpDetection.SENT_ANYWAY + "'), 0),"
                            + " coalesce(sum(events) filter (where " + WARNED + " and outcome = '"
                            + DlpDetection.NOT_SENSITIVE + "'), 0)"
                            + " from dlp_daily_count")
                    .filter("grp = ?", RollupSql.group(group))
                    .filter("day >= ?", range.from())
                    .filter("day <= ?", range.to())
                    .filter("service_key = ?", serviceKey)
                    .filter("detector = ?", detector)
                    .append(" group by day, detector, service_key order by day, detector, service_key");
            List<Row> found = new ArrayList<>();
            try (PreparedStatement statement = sql.prepare(connection);
                    ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    found.add(new Row(
                            new DlpReport.Day(
                                    r.getObject(1, LocalDate.class),
                                    r.getString(2),
                                    r.getString(3),
                                    r.getLong(4),
                                    r.getLong(5),
                                    r.getLong(6),
                                    r.getLong(7),
                                    r.getLong(8)),
                            r.getLong(9),
                            r.getLong(10)));
                }
            }
            return found;
        });
        return new DlpReport(
                range.from(), range.to(), group, rows.stream().map(Row::day).toList(), totals(rows));
    }

    private static List<DlpReport.DetectorTotal> totals(List<Row> rows) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (Row row : rows) {
            long[] sum = sums.computeIfAbsent(row.day().detector(), d -> new long[7]);
            DlpReport.Day d = row.day();
            long[] add = {
                d.detections(),
                d.warned(),
                row.sentAnyway(),
                row.notSensitive(),
                d.redacted(),
                d.blocked(),
                d.monitored()
            };
            for (int i = 0; i < sum.length; i++) {
                sum[i] += add[i];
            }
        }
        return sums.entrySet().stream()
                .map(e -> {
                    long[] s = e.getValue();
                    return new DlpReport.DetectorTotal(
                            e.getKey(), s[0], s[1], s[2], s[3], rate(s[2], s[1]), rate(s[3], s[1]), s[4], s[5], s[6]);
                })
                .sorted(Comparator.comparingLong(DlpReport.DetectorTotal::detections)
                        .reversed()
                        .thenComparing(DlpReport.DetectorTotal::detector))
                .toList();
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
