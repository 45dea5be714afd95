package dev.promptgate.security;

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
        if (cached.isPresent()) {
            return Uni.createFrom().item(identity(cached.get()));
        }
        return context.runBlocking(() -> tokens.authenticate(request.secret())
                .map(ApiTokenIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("Unknown, expired or revoked token")));
    }

    private static SecurityIdentity identity(ApiTokenService.Authenticated token) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(token.actorName()))
                .addRole(token.role())
                .addAttribute(TOKEN_ID, token.id())
                .build();
    }
}
