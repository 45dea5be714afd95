package dev.promptgate.security;

import dev.promptgate.config.PromptgateConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * With OIDC on, access tokens must name Promptgate as their audience: otherwise a token the same provider issued to
 * any other application, for someone with a matching role, would be accepted here. The server refuses to start
 * without one unless told explicitly that any audience will do.
 */
@ApplicationScoped
class OidcAudienceCheck {

    private static final Logger LOG = Logger.getLogger(OidcAudienceCheck.class);

    static final String MISSING = "OIDC is enabled but no audience is configured: set QUARKUS_OIDC_TOKEN_AUDIENCE"
            + " (quarkus.oidc.token.audience; the chart's oidc.audience) to Promptgate's client ID or API identifier,"
            + " or set PROMPTGATE_SECURITY_ALLOW_ANY_AUDIENCE=true to accept tokens issued to any application"
            + " (docs/identity.md)";

    private final boolean oidcEnabled;
    private final Optional<List<String>> audience;
    private final boolean allowAny;

    OidcAudienceCheck(
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean oidcEnabled,
            @ConfigProperty(name = "quarkus.oidc.token.audience") Optional<List<String>> audience,
            PromptgateConfig config) {
        this.oidcEnabled = oidcEnabled;
        this.audience = audience;
        this.allowAny = config.security().allowAnyAudience();
    }

    void onStart(@Observes StartupEvent start) {
        check(oidcEnabled, audience, allowAny);
        if (oidcEnabled && allowAny && !hasAudience(audience)) {
            LOG.warn("OIDC tokens are accepted whatever their audience (promptgate.security.allow-any-audience)");
        }
    }

    static void check(boolean oidcEnabled, Optional<List<String>> audience, boolean allowAny) {
        if (oidcEnabled && !allowAny && !hasAudience(audience)) {
            throw new IllegalStateException(MISSING);
        }
    }

    private static boolean hasAudience(Optional<List<String>> audience) {
        return audience.map(values -> values.stream().anyMatch(v -> !v.isBlank()))
                .orElse(false);
    }
}
