package dev.promptgate.events.report;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many of the people active in a period acknowledged a guideline version, overall and per group. */
public record CoverageReport(
        int guidelineVersion,
        LocalDate from,
        LocalDate to,
        GroupRef group,
        @Schema(description = "Distinct people with events in the period (users, or devices without a known user)")
                long active,
        @Schema(description = "Of them, those who acknowledged the version (at any time)") long acknowledged,
        @Schema(description = "acknowledged / active; null when nobody was active") Double coverage,
        @Schema(description = "The same per group, for the groups events named") List<GroupCoverage> groups) {

    public record GroupCoverage(
            @Schema(description = "The Promptgate group of that name; null when there is none now") Long groupId,
            String group,
            long active,
            long acknowledged,
            Double coverage) {}

    static Double ratio(long acknowledged, long active) {
        return active == 0 ? null : Math.round(10_000.0 * acknowledged / active) / 10_000.0;
    }
}
