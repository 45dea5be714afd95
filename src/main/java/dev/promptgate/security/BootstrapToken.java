package dev.promptgate.security;

import dev.promptgate.api.Roles;
import dev.promptgate.audit.CurrentActor;
import dev.promptgate.config.PromptgateConfig;
import dev.promptgate.db.AdvisoryLock;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The first admin's way in, and its lifecycle (ADR 27). Allowed by default only while no identity provider is
 * configured. With {@code PROMPTGATE_BOOTSTRAP_TOKEN} set, that value is the bootstrap token; otherwise, without an
 * identity provider and with no live bootstrap token, one is generated, printed once to standard output and stored
 * hashed: it is never shown again, and no later start prints anything of it. Either way it expires
 * {@code promptgate.bootstrap.lifetime} after it was made. A start with the token not allowed revokes it, so that
 * allowing it again makes a new one rather than bringing the old one back.
 */
@ApplicationScoped
public class BootstrapToken {

    private static final Logger LOG = Logger.getLogger(BootstrapToken.class);
    static final int MIN_CONFIGURED_LENGTH = 32;

    private final PromptgateConfig config;
    private final EntityManager em;
    private final boolean oidcEnabled;

    BootstrapToken(
            PromptgateConfig config,
            EntityManager em,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean oidcEnabled) {
        this.config = config;
        this.em = em;
        this.oidcEnabled = oidcEnabled;
    }

    /** Whether a bootstrap token may be used: as configured, or by default only without an identity provider. */
    public boolean allowed() {
        return config.bootstrap().enabled().orElse(!oidcEnabled);
    }

    @Transactional
    void onStart(@Observes StartupEvent start) {
        // One replica at a time, so that several starting together make one token between them.
        AdvisoryLock.BOOTSTRAP_TOKEN.holdUntilCommit(em);
        if (!allowed()) {
            revokeLive();
            return;
        }
        ApiToken current = ApiToken.find("kind = ?1 and revokedAt is null", ApiToken.Kind.BOOTSTRAP)
                .firstResult();
        if (current != null && current.expiresAt == null) {
            // Made before bootstrap tokens expired: it gets the lifetime from now.
            current.expiresAt = Instant.now().plus(config.bootstrap().lifetime());
            LOG.infof("The bootstrap admin token (id %d) now expires at %s", current.id, current.expiresAt);
        }
        var configured = config.bootstrap().token().filter(t -> !t.isBlank());
        if (configured.isPresent()) {
            useConfigured(configured.get(), current);
        } else if (current == null && !oidcEnabled) {
            String secret = TokenSecrets.generate(ApiToken.Kind.BOOTSTRAP);
            ApiToken token = store(secret);
            System.out.printf(
                    "%n================================================================================%n"
                            + " Promptgate bootstrap admin token (shown this once, stored only as a hash;%n"
                            + " it expires at %s):%n%n"
                            + "   %s%n%n"
                            + " Use it as 'Authorization: Bearer <token>' or to sign in to /console/. Create%n"
                            + " API tokens or configure OIDC before it expires.%n"
                            + "================================================================================%n%n",
                    token.expiresAt, secret);
        } else if (current != null && !current.isUsableAt(Instant.now())) {
            LOG.warnf(
                    "The bootstrap admin token (id %d) expired at %s and is refused; the server does not make"
                            + " another by itself (docs/admin-guide.md, 'Bootstrap admin token')",
                    current.id, current.expiresAt);
        }
    }

    private void revokeLive() {
        int revoked = em.createQuery("update ApiToken set revokedAt = :now, version = version + 1"
                        + " where kind = :kind and revokedAt is null")
                .setParameter("now", Instant.now())
                .setParameter("kind", ApiToken.Kind.BOOTSTRAP)
                .executeUpdate();
        if (revoked > 0) {
            LOG.info("Bootstrap admin token revoked: it is not allowed (promptgate.bootstrap.enabled, or OIDC is"
                    + " configured); allowing it again makes a new one");
        }
    }

    private void useConfigured(String secret, ApiToken current) {
        if (secret.length() < MIN_CONFIGURED_LENGTH) {
            throw new IllegalStateException(
                    "promptgate.bootstrap.token must be at least " + MIN_CONFIGURED_LENGTH + " characters long");
        }
        if (!TokenSecrets.isPromptgateToken(secret)) {
            throw new IllegalStateException("promptgate.bootstrap.token must start with '" + TokenSecrets.MARK
                    + "' (e.g. pg_bt_ followed by a random string)");
        }
        String hash = TokenSecrets.hash(secret);
        if (current != null && current.tokenHash.equals(hash)) {
            if (!current.isUsableAt(Instant.now())) {
                LOG.warnf(
                        "The configured bootstrap admin token (id %d) expired at %s and is refused; configure a new"
                                + " value to get another",
                        current.id, current.expiresAt);
            }
            return;
        }
        if (ApiToken.count("tokenHash", hash) > 0) {
            // Revoked (the token was not allowed, or another value replaced it): revoked means for good.
            LOG.error("The configured bootstrap admin token was revoked before and stays revoked; configure a new"
                    + " value (pg_bt_ and a new random string)");
            return;
        }
        if (current != null) {
            current.revokedAt = Instant.now();
            ApiToken.flush();
        }
        ApiToken token = store(secret);
        LOG.infof("Bootstrap admin token taken from configuration; it expires at %s", token.expiresAt);
    }

    private ApiToken store(String secret) {
        ApiToken token = new ApiToken();
        token.kind = ApiToken.Kind.BOOTSTRAP;
        token.name = "bootstrap";
        token.role = Roles.ADMIN;
        token.prefix = TokenSecrets.shownPrefix(secret);
        token.tokenHash = TokenSecrets.hash(secret);
        token.createdAt = Instant.now();
        token.createdBy = CurrentActor.SYSTEM;
        Duration lifetime = config.bootstrap().lifetime();
        token.expiresAt = token.createdAt.plus(lifetime);
        token.persist();
        return token;
    }
}
