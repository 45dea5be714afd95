package dev.promptgate.console;

import dev.promptgate.api.ProblemException;
import dev.promptgate.api.TimeBounds;
import dev.promptgate.events.EventFilters;
import dev.promptgate.events.EventQuery;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The events explorer's filters as typed: the event API's filters, with the time range as the browser's
 * {@code datetime-local} inputs send it, read as UTC. Kept as text so that the form shows them again.
 */
public class EventForm {

    @QueryParam("from")
    public String from;

    @QueryParam("to")
    public String to;

    @QueryParam("type")
    public String type;

    @QueryParam("serviceKey")
    public String serviceKey;

    @QueryParam("host")
    public String host;

    @QueryParam("groupId")
    public String groupId;

    @QueryParam("deviceId")
    public String deviceId;

    @QueryParam("userPseudonym")
    public String userPseudonym;

    @QueryParam("user")
    public String user;

    @QueryParam("guidelineVersion")
    public String guidelineVersion;

    /** The filters as the event API's query; 400 (a {@code ProblemException}) for what it would refuse. */
    EventQuery toQuery(EventFilters filters) {
        return filters.query(
                time("from", from),
                time("to", to),
                type,
                serviceKey,
                host,
                deviceId,
                user,
                userPseudonym,
                number("guidelineVersion", guidelineVersion, Integer::valueOf),
                number("groupId", groupId, Long::valueOf));
    }

    /** The same filters as a query string, for the paging and export links. */
    public String query() {
        StringBuilder q = new StringBuilder();
        ReportForm.append(q, "from", from);
        ReportForm.append(q, "to", to);
        ReportForm.append(q, "type", type);
        ReportForm.append(q, "serviceKey", serviceKey);
        ReportForm.append(q, "host", host);
        ReportForm.append(q, "groupId", groupId);
        ReportForm.append(q, "deviceId", deviceId);
        ReportForm.append(q, "userPseudonym", userPseudonym);
        ReportForm.append(q, "user", user);
        ReportForm.append(q, "guidelineVersion", guidelineVersion);
        return q.toString();
    }

    /** A {@code datetime-local} value (minutes or seconds, no zone) as UTC, or an ISO-8601 instant as given. */
    static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        Instant time;
        try {
            time = text.endsWith("Z") || text.contains("+")
                    ? Instant.parse(text)
                    : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ProblemException.InvalidInput(name, "must be a date and time such as 2026-11-28T12:00 (UTC)");
        }
        return TimeBounds.instant(name, time);
    }

    private static <N> N number(String name, String value, java.util.function.Function<String, N> parse) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parse.apply(value.strip());
        } catch (NumberFormatException e) {
            throw new ProblemException.InvalidInput(name, "must be a whole number");
        }
    }
}
