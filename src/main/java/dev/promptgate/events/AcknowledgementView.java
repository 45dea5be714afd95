package dev.promptgate.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The latest acknowledgement of one guideline version by one person (or one device, when no user was known). */
public record AcknowledgementView(
        int guidelineVersion,
        @Schema(description = "HMAC-SHA256 of the user identifier; null when the browser knew no user")
                String userPseudonym,
        @Schema(description = "The user identifier, only when acknowledged in identified mode") String user,
        String deviceId,
        List<String> groups,
        Instant acknowledgedAt,
        UUID eventId) {}
