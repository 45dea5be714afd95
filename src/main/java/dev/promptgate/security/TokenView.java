package dev.promptgate.security;

import dev.promptgate.api.Versioned;
import java.time.Instant;

/** A token as admins see it: never the secret, only the prefix that tells it apart. */
public record TokenView(
        long id,
        String name,
        String prefix,
        String role,
        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        Instant revokedAt,
        Instant lastUsedAt,
        boolean active,
        long version)
        implements Versioned {

    public static TokenView of(ApiToken token) {
        return new TokenView(
                token.id,
                token.name,
                token.prefix,
                token.role,
                token.createdAt,
                token.createdBy,
                token.expiresAt,
                token.revokedAt,
                token.lastUsedAt,
                token.isUsableAt(Instant.now()),
                token.version);
    }
}
