package dev.promptgate.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored event as admins and viewers see it. */
public record EventView(
        UUID id,
        Instant occurredAt,
        Instant receivedAt,
        String type,
        String serviceKey,
        String host,
        String action,
        Integer guidelineVersion,
        String deviceId,
        @Schema(description = "HMAC-SHA256 of the user identifier; the same person always has the same one")
                String userPseudonym,
        @Schema(description = "The user identifier itself, only for events stored in identified mode") String user,
        String extensionVersion,
        List<String> groups,
        @JsonInclude(JsonInclude.Include.NON_NULL)
                @Schema(description = "dlp_detected events only: what was detected, never any text of it")
                DlpDetection dlp) {}
