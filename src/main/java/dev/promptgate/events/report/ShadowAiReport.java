package dev.promptgate.events.report;

import java.time.LocalDate;
import java.util.List;

/** AI sites people used that are not in the catalog, busiest first. */
public record ShadowAiReport(LocalDate from, LocalDate to, GroupRef group, List<Host> hosts) {

    /** One host: how much it was used and by how many people. */
    public record Host(
            String host,
            long events,
            long visits,
            long blocked,
            long peakDailyUsers,
            int daysSeen,
            LocalDate firstSeen,
            LocalDate lastSeen) {}
}
