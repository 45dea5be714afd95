package dev.promptgate.events.report;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Data-protection detections per UTC day, detector and service, and per detector over the range with how often
 * people sent anyway or said a match was not sensitive. Never any text of what matched: the events carry none.
 */
public record DlpReport(LocalDate from, LocalDate to, GroupRef group, List<Day> days, List<DetectorTotal> detectors) {

    /** One detector on one service on one day. */
    public record Day(
            LocalDate day,
            String detector,
            @Schema(description = "The catalog service; empty when the event named only a host") String serviceKey,
            long detections,
            long warned,
            long redacted,
            long blocked,
            long monitored) {}

    /** One detector over the whole range. */
    public record DetectorTotal(
            String detector,
            long detections,
            @Schema(description = "Warnings shown: detections with the action WARN outside monitor mode") long warned,
            @Schema(description = "Warnings the person answered with Send anyway") long sentAnyway,
            @Schema(description = "Warnings the person answered with This is not sensitive") long notSensitive,
            @Schema(description = "sentAnyway / warned; null without warnings") Double overrideRate,
            @Schema(description = "notSensitive / warned; null without warnings") Double falsePositiveRate,
            long redacted,
            long blocked,
            @Schema(description = "Detections recorded in monitor mode (the person saw nothing)") long monitored) {}
}
