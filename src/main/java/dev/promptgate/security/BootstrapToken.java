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
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The first admin's way in. With {@code PROMPTGATE_BOOTSTRAP_TOKEN} set, that value is the bootstrap token.
 * Otherwise, when no identity provider is configured and no bootstrap token was ever made, one is generated,
 * printed once to standard output and stored hashed; it cannot be shown again.
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

    @Transactional
    void onStart(@Observes StartupEvent start) {
        if (!config.bootstrap().enabled()) {
            return;
        }
        // One replica at a time, so that several starting together make one token between them.
        AdvisoryLock.BOOTSTRAP_TOKEN.holdUntilCommit(em);
        ApiToken current = ApiToken.find("kind = ?1 and revokedAt is null", ApiToken.Kind.BOOTSTRAP)
                .firstResult();
        var configured = config.bootstrap().token().filter(t -> !t.isBlank());
        if (configured.isPresent()) {
            useConfigured(configured.get(), current);
        } else if (!oidcEnabled && ApiToken.count("kind", ApiToken.Kind.BOOTSTRAP) == 0) {
            String secret = TokenSecrets.generate(ApiToken.Kind.BOOTSTRAP);
            store(secret);
            System.out.printf(
                    "%n================================================================================%n"
                            + " Promptgate bootstrap admin token (shown once, stored only as a hash):%n%n"
                            + "   %s%n%n"
                            + " Use it as 'Authorization: Bearer <token>'. Configure OIDC and create API%n"
                            + " tokens, then set PROMPTGATE_BOOTSTRAP_ENABLED=false to retire it.%n"
                            + "================================================================================%n%n",
                    secret);
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
            return;
        }
        if (current != null) {
            current.revokedAt = Instant.now();
            ApiToken.flush();
        }
        ApiToken.delete("tokenHash", hash);
        store(secret);
        LOG.info("Bootstrap admin token taken from configuration");
    }

    private static void store(String secret) {
        ApiToken token = new ApiToken();
        token.kind = ApiToken.Kind.BOOTSTRAP;
        token.name = "bootstrap";
        token.role = Roles.ADMIN;
        token.prefix = TokenSecrets.shownPrefix(secret);
        token.tokenHash = TokenSecrets.hash(secret);
        token.createdAt = Instant.now();
        token.createdBy = CurrentActor.SYSTEM;
        token.persist();
    }
}
