package dev.promptgate.events.report;

import dev.promptgate.api.ProblemException;
import dev.promptgate.db.Database;
import dev.promptgate.db.Sql;
import dev.promptgate.policy.group.GroupService;
import dev.promptgate.policy.guideline.GuidelineService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How many people active in a period acknowledged a guideline version, per group. */
@ApplicationScoped
public class CoverageReports {

    private final Database database;
    private final GroupService groups;
    private final GuidelineService guidelines;

    CoverageReports(Database database, GroupService groups, GuidelineService guidelines) {
        this.database = database;
        this.groups = groups;
        this.guidelines = guidelines;
    }

    public CoverageReport coverage(Integer guidelineVersion, ReportFilters.DayRange range, GroupRef group) {
        int version = guidelineVersion != null ? guidelineVersion : currentGuidelineVersion();
        Map<String, Long> groupIds = groups.idsByName();
        record Row(String group, long active, long acknowledged) {}
        List<Row> rows = database.call(connection -> {
            Sql sql = new Sql("select a.grp, count(*), count(k.subject) from event_active_subject a"
                            + " left join acknowledgement k on k.guideline_version = ? and k.subject = a.subject")
                    .params(version)
                    .require("a.days && daterange(?, ?, '[]')", range.from(), range.to())
                    .filter("a.grp = ?", group == null ? null : group.name())
                    .append(" group by a.grp order by a.grp");
            List<Row> found = new ArrayList<>();
            try (PreparedStatement statement = sql.prepare(connection);
                    ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    found.add(new Row(r.getString(1), r.getLong(2), r.getLong(3)));
                }
            }
            return found;
        });
        String overall = group == null ? RollupSql.EVERYONE : group.name();
        Row total = rows.stream()
                .filter(row -> row.group().equals(overall))
                .findFirst()
                .orElse(new Row(overall, 0, 0));
        List<CoverageReport.GroupCoverage> perGroup = rows.stream()
                .filter(row -> !row.group().equals(RollupSql.EVERYONE))
                .map(row -> new CoverageReport.GroupCoverage(
                        groupIds.get(row.group()),
                        row.group(),
                        row.active(),
                        row.acknowledged(),
                        CoverageReport.ratio(row.acknowledged(), row.active())))
                .toList();
        return new CoverageReport(
                version,
                range.from(),
                range.to(),
                group,
                total.active(),
                total.acknowledged(),
                CoverageReport.ratio(total.acknowledged(), total.active()),
                perGroup);
    }

    private int currentGuidelineVersion() {
        return guidelines
                .findCurrent()
                .map(guideline -> guideline.guidelineVersion)
                .orElseThrow(() -> new ProblemException.InvalidInput(
                        "guidelineVersion", "no guideline is published yet; name the version to report on"));
    }
}
