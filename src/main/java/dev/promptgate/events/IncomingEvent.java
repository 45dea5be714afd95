package dev.promptgate.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event of a batch after validation: every field is in its stored form, except {@code user}, which is still
 * the identifier the browser sent and becomes a pseudonym before it is written.
 */
public record IncomingEvent(
        UUID id,
        Instant occurredAt,
        String deviceId,
        String user,
        String extensionVersion,
        String type,
        String serviceKey,
        String host,
        String action,
        Integer guidelineVersion,
        List<String> groups) {}
