package dev.promptgate.console;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Signs console requests in by their session cookie. A console page asked for without a live session redirects to
 * the sign-in page; every other path is left to the API's mechanisms (API tokens, OIDC bearer tokens).
 */
@ApplicationScoped
public class ConsoleSessionMechanism implements HttpAuthenticationMechanism {

    /** The identity attribute holding the {@link ConsoleSessions.Signed} session. */
    public static final String SESSION = "promptgate.console-session";

    public static final String COOKIE = "pg_console";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Cookie cookie = context.request().getCookie(COOKIE);
        if (!isConsolePath(context) || cookie == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new SessionRequest(cookie.getValue()), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!isConsolePath(context)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(new ChallengeData(303, "Location", ConsolePaths.SIGN_IN));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }

    @Override
    public int getPriority() {
        // Ahead of the API-token and OIDC mechanisms, so that a console page's challenge is the sign-in page.
        return DEFAULT_PRIORITY + 200;
    }

    private static boolean isConsolePath(RoutingContext context) {
        String path = context.normalizedPath();
        return path.equals("/console") || path.startsWith("/console/");
    }

    /** A console session cookie to check. */
    public static final class SessionRequest extends BaseAuthenticationRequest {
        private final String cookie;

        SessionRequest(String cookie) {
            this.cookie = cookie;
        }
    }

    /** Turns a live console session into an identity with the session's one role. */
    @ApplicationScoped
    public static class SessionIdentityProvider implements IdentityProvider<SessionRequest> {

        private final ConsoleSessions sessions;

        SessionIdentityProvider(ConsoleSessions sessions) {
            this.sessions = sessions;
        }

        @Override
        public Class<SessionRequest> getRequestType() {
            return SessionRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(SessionRequest request, AuthenticationRequestContext context) {
            return context.runBlocking(() -> sessions.find(request.cookie)
                    .map(session -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(session.actor()))
                            .addRole(session.role())
                            .addAttribute(SESSION, session)
                            .build())
                    .orElseThrow(() -> new AuthenticationFailedException("No live console session")));
        }
    }
}
