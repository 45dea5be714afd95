package dev.promptgate.console;

import dev.promptgate.events.QueryParams;
import dev.promptgate.events.report.GroupRef;
import dev.promptgate.events.report.ReportFilters;
import dev.promptgate.policy.group.GroupService;
import java.util.List;

/**
 * The filters a report screen was asked for, as typed (so that the form shows them again), and what they mean to the
 * reports: the days and the group. Parsing goes through the reports' own checks, so a page refuses what the API
 * refuses, with the same words.
 */
public record ReportForm(String from, String to, Long groupId, List<GroupOption> groups) {

    /** A group in the filter's list; {@code selected} when the report is limited to it. */
    public record GroupOption(long id, String name, boolean selected) {}

    static ReportForm of(ReportQuery asked, GroupService groups) {
        List<GroupOption> options = groups.all().stream()
                .map(g -> new GroupOption(g.id, g.name, g.id.equals(asked.groupId)))
                .toList();
        return new ReportForm(
                asked.from == null ? "" : asked.from.strip(),
                asked.to == null ? "" : asked.to.strip(),
                asked.groupId,
                options);
    }

    /** The days asked for; 400 (a {@code ProblemException}) when they are not dates or not a valid range. */
    ReportFilters.DayRange range(ReportFilters filters) {
        return filters.range(QueryParams.day("from", from), QueryParams.day("to", to));
    }

    /** The group asked for, or null for everyone; 400 when there is no such group. */
    GroupRef group(ReportFilters filters) {
        return filters.group(groupId);
    }

    /** The query string that asks for the same filters, for links to other pages of the same report. */
    public String query() {
        StringBuilder q = new StringBuilder();
        append(q, "from", from);
        append(q, "to", to);
        append(q, "groupId", groupId == null ? null : groupId.toString());
        return q.toString();
    }

    static void append(StringBuilder query, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        query.append(query.isEmpty() ? "" : "&")
                .append(name)
                .append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
    }
}
