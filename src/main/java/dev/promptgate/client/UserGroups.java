package dev.promptgate.client;

import dev.promptgate.config.PromptgateConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads a browser user's groups from the OIDC token the extension may send alongside its enrollment token.
 * The token is verified like an admin's (signature, issuer, expiry); a token that fails is refused, never
 * treated as absent, so nobody gets a laxer policy by sending a broken one.
 */
@ApplicationScoped
public class UserGroups {

    /** The header that carries the user's OIDC access token. */
    public static final String HEADER = "X-Promptgate-User-Token";

    private final TenantIdentityProvider oidc;
    private final String claim;

    UserGroups(TenantIdentityProvider oidc, PromptgateConfig config) {
        this.oidc = oidc;
        this.claim = config.bundle().groupsClaim();
    }

    public Uni<Set<String>> of(String userToken) {
        if (userToken == null || userToken.isBlank()) {
            return Uni.createFrom().item(Set.of());
        }
        return oidc.authenticate(new AccessTokenCredential(userToken.strip()))
                .onFailure()
                .transform(e -> new AuthenticationFailedException("The user token was refused", e))
                .map(identity -> identity.getPrincipal() instanceof JsonWebToken jwt ? groups(jwt) : Set.of());
    }

    private Set<String> groups(JsonWebToken jwt) {
        Object value = jwt.getClaim(claim);
        if (value instanceof Collection<?> values) {
            return values.stream().map(UserGroups::text).collect(Collectors.toUnmodifiableSet());
        }
        return value == null ? Set.of() : Set.of(text(value));
    }

    /** JSON strings arrive as JsonString and print with their quotes; take the bare value. */
    private static String text(Object value) {
        return value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
    }
}
