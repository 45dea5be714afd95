package dev.promptgate.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Token secrets: 256 random bits behind a readable prefix that says what kind of token it is. They are
 * looked up by SHA-256; a slow password hash would add nothing to a secret that cannot be guessed (see
 * docs/adr/0003-token-hashing.md).
 */
public final class TokenSecrets {

    /** Every Promptgate token starts with this, which is how a bearer token is told from an OIDC one. */
    public static final String MARK = "pg_";

    /** How many leading characters of a token are kept and shown, so admins can tell tokens apart. */
    public static final int SHOWN_PREFIX_LENGTH = 12;

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {}

    public static String generate(ApiToken.Kind kind) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return MARK + code(kind) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean isPromptgateToken(String bearer) {
        return bearer.startsWith(MARK);
    }

    public static String shownPrefix(String secret) {
        return secret.substring(0, Math.min(SHOWN_PREFIX_LENGTH, secret.length()));
    }

    public static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String code(ApiToken.Kind kind) {
        return switch (kind) {
            case API -> "at";
            case BOOTSTRAP -> "bt";
            case ENROLLMENT -> "et";
            case SCIM -> "st";
        };
    }
}
