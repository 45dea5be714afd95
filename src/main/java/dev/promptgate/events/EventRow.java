package dev.promptgate.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An event exactly as it is written: the user already a pseudonym, and the identifier itself only when identified
 * mode is on.
 */
public record EventRow(
        UUID id,
        Instant occurredAt,
        long tokenId,
        String deviceId,
        String userHash,
        String userName,
        String extensionVersion,
        String type,
        String serviceKey,
        String host,
        String action,
        Integer guidelineVersion,
        List<String> groups,
        DlpDetection dlp) {

    /** The key that makes a resend a duplicate: the same event from the same enrollment token. */
    public record Key(UUID id, Instant occurredAt, long tokenId) {}

    public Key key() {
        return new Key(id, occurredAt, tokenId);
    }
}
