package dev.promptgate.events;

import dev.promptgate.config.PromptgateConfig;
import dev.promptgate.db.AdvisoryLock;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Turns user identifiers into pseudonyms: HMAC-SHA256 with a server secret, in hex. The same person gets the same
 * pseudonym in every event, so reports count people without storing who they are; without the secret a pseudonym
 * cannot be checked against a guessed e-mail address. E-mail addresses are compared without regard to case.
 */
@ApplicationScoped
public class UserPseudonyms {

    private static final Logger LOG = Logger.getLogger(UserPseudonyms.class);
    private static final String ALGORITHM = "HmacSHA256";

    private final PromptgateConfig config;
    private final EntityManager em;
    private volatile SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    UserPseudonyms(PromptgateConfig config, EntityManager em) {
        this.config = config;
        this.em = em;
    }

    void loadOnStart(@Observes @Priority(3000) StartupEvent start) {
        load();
    }

    /** The pseudonym of a user identifier; null for null. */
    public String pseudonym(String user) {
        if (user == null) {
            return null;
        }
        Mac mac = macs.get();
        return HexFormat.of().formatHex(mac.doFinal(canonical(user).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A key for another purpose derived from the same server secret (HMAC-SHA256 of the purpose's name), so that
     * every replica derives the same one and no second secret has to be kept. Null before the secret is loaded.
     */
    public byte[] derivedKey(String purpose) {
        if (key == null) {
            return null;
        }
        return macs.get().doFinal(("promptgate derived key: " + purpose).getBytes(StandardCharsets.UTF_8));
    }

    static String canonical(String user) {
        String stripped = user.strip();
        return stripped.indexOf('@') >= 0 ? stripped.toLowerCase(Locale.ROOT) : stripped;
    }

    /** Reads the configured secret, or the one kept in the database, generating it the first time. */
    @Transactional
    void load() {
        var configured = config.events().userHashSecret().filter(s -> !s.isBlank());
        if (configured.isPresent()) {
            key = new SecretKeySpec(configured.get().getBytes(StandardCharsets.UTF_8), ALGORITHM);
            return;
        }
        AdvisoryLock.USER_PSEUDONYMS.holdUntilCommit(em);
        String secret = EventSettings.userHashSecret().orElse(null);
        if (secret == null) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            secret = Base64.getEncoder().encodeToString(bytes);
            EventSettings.keepUserHashSecret(secret);
        }
        LOG.warn("promptgate.events.user-hash-secret is not set: user pseudonyms are keyed with a secret kept in the"
                + " database. Set it (from a Secret) in production.");
        key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
