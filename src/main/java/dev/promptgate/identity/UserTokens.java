package dev.promptgate.identity;

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
 * Verifies a browser user's OIDC access token, sent by the extension alongside its enrollment token, like an
 * admin's (signature, issuer, audience, expiry), and reads who it names and their groups claim. A token that fails
 * is refused, never treated as absent, so nobody gets a laxer policy by sending a broken one.
 */
@ApplicationScoped
class UserTokens {

    private final TenantIdentityProvider oidc;
    private final String claim;

    UserTokens(TenantIdentityProvider oidc, PromptgateConfig config) {
        this.oidc = oidc;
        this.claim = config.bundle().groupsClaim();
    }

    /** Who a verified token names: its e-mail claim, else its preferred user name, else its subject. */
    record Verified(String user, String email, Set<String> groups) {}

    Uni<Verified> verify(String userToken) {
        // The credential reads the token as it is made, and a value of dots alone makes it throw: a refusal too.
        return Uni.createFrom()
                .deferred(() -> oidc.authenticate(new AccessTokenCredential(userToken.strip())))
                .onFailure()
                .transform(e -> new AuthenticationFailedException("The user token was refused", e))
                .map(identity -> {
                    if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
                        throw new AuthenticationFailedException("The user token names nobody");
                    }
                    String email = text(jwt.getClaim("email"));
                    String user =
                            email != null ? email : firstOf(text(jwt.getClaim("preferred_username")), jwt.getSubject());
                    if (user == null) {
                        throw new AuthenticationFailedException("The user token names nobody");
                    }
                    return new Verified(user, email, groups(jwt));
                });
    }

    private Set<String> groups(JsonWebToken jwt) {
        Object value = jwt.getClaim(claim);
        if (value instanceof Collection<?> values) {
            return values.stream().map(UserTokens::text).collect(Collectors.toUnmodifiableSet());
        }
        return value == null ? Set.of() : Set.of(text(value));
    }

    private static String firstOf(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    /** JSON strings arrive as JsonString and print with their quotes; take the bare value. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
    }
}
