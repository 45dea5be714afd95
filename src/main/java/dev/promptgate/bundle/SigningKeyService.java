package dev.promptgate.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.api.Preconditions;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.change.SigningKeysChanged;
import dev.promptgate.config.PromptgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The signing keys as other features see them: admin operations (a rotation is audited and re-signs every bundle)
 * and the public keys browsers pin, which the deployment documents carry.
 */
@ApplicationScoped
public class SigningKeyService {

    private final SigningKeys keys;
    private final AuditLog audit;
    private final Event<SigningKeysChanged> keysChanged;
    private final ObjectMapper json;
    private final SigningKeyRows rows;
    private final PromptgateConfig config;

    SigningKeyService(
            SigningKeys keys,
            AuditLog audit,
            Event<SigningKeysChanged> keysChanged,
            ObjectMapper json,
            SigningKeyRows rows,
            PromptgateConfig config) {
        this.keys = keys;
        this.audit = audit;
        this.keysChanged = keysChanged;
        this.json = json;
        this.rows = rows;
        this.config = config;
    }

    /**
     * One key as an admin reviews it: its public JWK only, whether it came from configuration, whether it is the
     * key prepared for the next rotation, when it was made and retired, and until when browsers still find it in
     * the JWKS ({@code publishedUntil} null while active or prepared).
     */
    public record KeyRecord(
            String kid,
            JsonNode publicJwk,
            boolean configured,
            boolean next,
            Instant createdAt,
            Instant retiredAt,
            Instant publishedUntil) {

        public boolean active() {
            return retiredAt == null && !next;
        }

        /** Whether browsers still find the key in the JWKS at {@code now}. */
        public boolean publishedAt(Instant now) {
            return retiredAt == null || publishedUntil.isAfter(now);
        }
    }

    /** The newest keys first, at most {@code limit}; the private keys are never read. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<KeyRecord> history(int limit) {
        return rows.history(limit).stream()
                .map(row -> new KeyRecord(
                        row.kid(),
                        readTree(row.publicJwk()),
                        row.configured(),
                        row.next(),
                        row.createdAt(),
                        row.retiredAt(),
                        row.retiredAt() == null
                                ? null
                                : row.retiredAt().plus(config.bundle().previousKeyRetention())))
                .toList();
    }

    /**
     * Rotates only if the active key is still {@code expectedKid}, the one the admin saw: two admins (or a double
     * click) asking at once rotate once, and the second learns that the key changed meanwhile.
     */
    @Transactional
    public Keys rotate(String expectedKid) {
        rows.lock();
        String current = rows.activeKid();
        Preconditions.requireMatch(expectedKid == null ? null : "\"" + expectedKid + "\"", "\"" + current + "\"");
        return rotate();
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The active key's id, the prepared next key's id (or null) and the JWKS browsers see. */
    public record Keys(String activeKeyId, String nextKeyId, JsonNode jwks) {}

    public Keys describe() {
        return new Keys(keys.activeKeyId(), keys.nextKeyId(), read(keys.jwks()));
    }

    /**
     * The public keys a browser pins (a JSON array of JWKs): the active key and, once prepared, the next one. Never
     * touches the database.
     */
    public JsonNode pinnedKeys() {
        return read(keys.pinnedKeys());
    }

    /** Prepares the key the next rotation activates (or keeps the prepared one); audited, published to replicas. */
    @Transactional
    public Keys prepareNextKey() {
        Keys before = describe();
        String kid = keys.prepareNext();
        Keys after = describe();
        if (!kid.equals(before.nextKeyId())) {
            audit.record("prepare", "signing-key", kid, before, after);
            keysChanged.fire(new SigningKeysChanged());
        }
        return after;
    }

    @Transactional
    public Keys rotate() {
        Keys before = describe();
        keys.rotate();
        Keys after = describe();
        audit.record("rotate", "signing-key", after.activeKeyId(), before, after);
        keysChanged.fire(new SigningKeysChanged());
        return after;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
