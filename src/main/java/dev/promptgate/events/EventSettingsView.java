package dev.promptgate.events;

import dev.promptgate.api.Versioned;
import dev.promptgate.config.PromptgateConfig;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How events are kept: what admins can switch, and what configuration decides (read-only here). */
public record EventSettingsView(
        UserIdentification userIdentification,
        @Schema(description = "Days events are kept (promptgate.events.retention-days)") int retentionDays,
        @Schema(description = "Most events in one batch (promptgate.events.max-batch)") int maxBatch,
        @Schema(description = "Batches per minute per browser install and replica; 0: no limit")
                int deviceBatchesPerMinute,
        @Schema(description = "Batches per minute per verified person and replica; 0: no limit")
                int personBatchesPerMinute,
        @Schema(description = "Events per minute per enrollment token and replica (the fleet's ceiling); 0: no limit")
                int tokenEventsPerMinute,
        @Schema(description = "Whether the pseudonym secret comes from configuration rather than the database")
                boolean userHashSecretConfigured,
        @Schema(
                        description = "After a switch back to pseudonymous mode: whether the user identifiers stored"
                                + " with earlier events are still being removed (in the background, within minutes)")
                boolean removingIdentifiers,
        long version)
        implements Versioned {

    /** Whether stored events say who the user was. */
    public enum UserIdentification {
        /** Only a keyed hash of the user identifier is stored: people are counted, not named. */
        PSEUDONYMOUS,
        /** The identifier is stored too, so admins see who did what. Switching is audited. */
        IDENTIFIED
    }

    static EventSettingsView of(EventSettings settings, PromptgateConfig config) {
        PromptgateConfig.Events events = config.events();
        return new EventSettingsView(
                settings.identifiedUsers ? UserIdentification.IDENTIFIED : UserIdentification.PSEUDONYMOUS,
                events.retentionDays(),
                events.maxBatch(),
                events.deviceBatchesPerMinute(),
                events.personBatchesPerMinute(),
                events.tokenEventsPerMinute(),
                events.userHashSecret().filter(s -> !s.isBlank()).isPresent(),
                settings.removeIdentifiersBefore != null,
                settings.version);
    }

    /** What an admin may change. */
    public record Input(@NotNull UserIdentification userIdentification) {}
}
