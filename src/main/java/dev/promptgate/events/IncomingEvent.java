package dev.promptgate.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of a batch after validation, every field in its stored form; {@code dlp} only on dlp_detected events. Who reported it is not the event's to say:
 * the person and their groups come from the verified identity of the request (docs/adr/0015-verified-events.md).
 */
public record IncomingEvent(
        UUID id,
        Instant occurredAt,
        String deviceId,
        String extensionVersion,
        String type,
        String serviceKey,
        String host,
        String action,
        Integer guidelineVersion,
        DlpDetection dlp) {}
