package dev.promptgate.events.report;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Use of catalog services per UTC day, and totals per service over the range. */
public record UsageReport(LocalDate from, LocalDate to, GroupRef group, List<Day> days, List<Total> services) {

    /** One service on one day. */
    public record Day(
            LocalDate day,
            String serviceKey,
            String serviceName,
            long visits,
            @Schema(
                            description = "Distinct people with any event for the service that day (users, or devices"
                                    + " without a known user)")
                    long users,
            long warned,
            long proceeded,
            long acknowledged,
            long blocked,
            long remindersShown,
            long remindersDone,
            @Schema(description = "All events for the service that day, of every type") long events) {}

    /** One service over the whole range. */
    public record Total(
            String serviceKey,
            String serviceName,
            long visits,
            @Schema(description = "The most distinct people on any one day of the range") long peakDailyUsers,
            long warned,
            long proceeded,
            long acknowledged,
            long blocked,
            long remindersShown,
            long remindersDone,
            long events) {}

    /** One group over the whole range, all catalog services together (the console's usage per group). */
    public record GroupTotal(
            @Schema(description = "The Promptgate group of that name; null when there is none now") Long groupId,
            String group,
            long visits,
            long warned,
            long acknowledged,
            long blocked,
            long events) {}
}
