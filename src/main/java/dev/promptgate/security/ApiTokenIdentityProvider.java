package dev.promptgate.security;

import dev.promptgate.db.Database;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a Promptgate token into an identity with the token's one role. */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenAuthenticationRequest> {

    /** The identity attribute holding the token's database id, for code that needs to know which token it was. */
    public static final String TOKEN_ID = "promptgate.token-id";

    private final ApiTokenService tokens;
    private final EnrollmentTokenCache enrollmentTokens;

    ApiTokenIdentityProvider(ApiTokenService tokens, EnrollmentTokenCache enrollmentTokens) {
        this.tokens = tokens;
        this.enrollmentTokens = enrollmentTokens;
    }

    @Override
    public Class<ApiTokenAuthenticationRequest> getRequestType() {
        return ApiTokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            ApiTokenAuthenticationRequest request, AuthenticationRequestContext context) {
        // Browsers' policy fetches are the hot path: their tokens are answered from memory, without blocking.
        var cached = enrollmentTokens.authenticate(request.secret());
        if (cached instanceof EnrollmentTokenCache.Answer.Known known) {
            return Uni.createFrom().item(identity(known.identity()));
        }
        return context.runBlocking(() -> {
            try {
                return tokens.authenticate(request.secret())
                        .map(ApiTokenIdentityProvider::identity)
                        .orElseThrow(() -> new AuthenticationFailedException("Unknown, expired or revoked token"));
            } catch (RuntimeException e) {
                if (e instanceof AuthenticationFailedException || !Database.isUnavailable(e)) {
                    throw e;
                }
                // Unknown is not the same as refused: the token may be fine, the database cannot say so now.
                throw Database.unavailable(
                        cached instanceof EnrollmentTokenCache.Answer.Stale stale
                                ? "The enrollment token cannot be checked: this server has not reached the database"
                                        + " for " + stale.since().toSeconds() + " s, longer than it may answer from"
                                        + " memory (promptgate.security.enrollment-token-cache-max-age)"
                                : "Tokens cannot be checked while the database is unavailable");
            }
        });
    }

    private static SecurityIdentity identity(ApiTokenService.Authenticated token) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(token.actorName()))
                .addRole(token.role())
                .addAttribute(TOKEN_ID, token.id())
                .build();
    }
}
