package dev.promptgate.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.change.SigningKeysChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/** Admin operations on the signing keys; a rotation is audited and re-signs every bundle. */
@ApplicationScoped
public class SigningKeyService {

    private final SigningKeys keys;
    private final AuditLog audit;
    private final Event<SigningKeysChanged> keysChanged;
    private final ObjectMapper json;

    SigningKeyService(SigningKeys keys, AuditLog audit, Event<SigningKeysChanged> keysChanged, ObjectMapper json) {
        this.keys = keys;
        this.audit = audit;
        this.keysChanged = keysChanged;
        this.json = json;
    }

    /** The active key's id and the JWKS browsers see. */
    public record Keys(String activeKeyId, JsonNode jwks) {}

    public Keys describe() {
        try {
            return new Keys(keys.activeKeyId(), json.readTree(keys.jwks()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
}
