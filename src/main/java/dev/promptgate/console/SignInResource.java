package dev.promptgate.console;

import dev.promptgate.api.Roles;
import dev.promptgate.security.ApiTokenService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Signing in to the console: with the company's identity provider (authorization code with PKCE, the {@code console}
 * OIDC tenant) when it is configured, or with an admin or viewer API token or the bootstrap token; either way the
 * result is a console session. The console's routes are not part of the API contract and stay out of OpenAPI.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    private final ConsoleUi ui;
    private final ConsoleSessions sessions;
    private final ApiTokenService tokens;
    private final Template signIn;
    private final Template signedIn;
    private final boolean oidcEnabled;
    private final String oidcCookiePath;

    SignInResource(
            ConsoleUi ui,
            ConsoleSessions sessions,
            ApiTokenService tokens,
            @Location("console/sign-in.html") Template signIn,
            @Location("console/signed-in.html") Template signedIn,
            @ConfigProperty(name = "quarkus.oidc.console.tenant-enabled", defaultValue = "false") boolean oidcEnabled,
            @ConfigProperty(name = "quarkus.oidc.console.authentication.cookie-path", defaultValue = "/")
                    String oidcCookiePath) {
        this.ui = ui;
        this.sessions = sessions;
        this.tokens = tokens;
        this.signIn = signIn;
        this.signedIn = signedIn;
        this.oidcEnabled = oidcEnabled;
        this.oidcCookiePath = oidcCookiePath;
    }

    @GET
    @Path("sign-in")
    @PermitAll
    @Operation(hidden = true)
    public Response showSignIn() {
        return Response.ok(form(null)).build();
    }

    @POST
    @Path("sign-in")
    @PermitAll
    @Operation(hidden = true)
    public Response signInWithToken(@RestForm String token, @HeaderParam(HttpHeaders.HOST) String host) {
        Optional<ApiTokenService.Authenticated> found = token == null || token.isBlank() || token.length() > 200
                ? Optional.empty()
                : tokens.authenticate(token.strip());
        if (found.isEmpty() || !consoleRole(found.get().role())) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(form("That token is unknown, expired or revoked, or it is not an admin or viewer token."))
                    .build();
        }
        var session = sessions.open(
                found.get().actorName(), found.get().role(), found.get().id());
        return Response.seeOther(java.net.URI.create(ConsolePaths.ROOT))
                .cookie(ConsoleCookies.session(session.cookie(), host))
                .build();
    }

    @GET
    @Path("sign-in/oidc")
    @Authenticated
    @Operation(hidden = true)
    public Response signInWithIdentityProvider(
            @HeaderParam(HttpHeaders.HOST) String host, @Context HttpHeaders headers) {
        SecurityIdentity identity = ui.identity();
        String role =
                identity.hasRole(Roles.ADMIN) ? Roles.ADMIN : identity.hasRole(Roles.VIEWER) ? Roles.VIEWER : null;
        if (role == null) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(form("Your account has neither the admin nor the viewer role in Promptgate."))
                    .build();
        }
        var session = sessions.open(identity.getPrincipal().getName(), role, null);
        // A page, not a redirect: the identity provider started this navigation, and a SameSite=Strict cookie is
        // sent only once a page of this site asks for the next one. The OIDC tenant's own session has done its job
        // once the console session exists: its cookies go, so that after sign-out nothing signs in again unasked.
        return Response.ok(signedIn.instance())
                .cookie(ConsoleCookies.session(session.cookie(), host))
                .cookie(ConsoleCookies.expiredOidc(headers.getCookies().keySet(), oidcCookiePath))
                .build();
    }

    @POST
    @Path("sign-out")
    @Authenticated
    @Operation(hidden = true)
    public Response signOut(@RestForm String csrf, @HeaderParam(HttpHeaders.HOST) String host) {
        ui.checkForm(csrf);
        ConsoleSessions.Signed session = ui.session();
        if (session != null) {
            sessions.close(session.id());
        }
        return Response.seeOther(java.net.URI.create(ConsolePaths.SIGN_IN))
                .cookie(ConsoleCookies.expired(host))
                .cookie(ConsoleCookies.expiredOidc(ConsoleCookies.OIDC_SESSION_NAMES, oidcCookiePath))
                .build();
    }

    private io.quarkus.qute.TemplateInstance form(String error) {
        return signIn.data("error", error).data("oidc", oidcEnabled);
    }

    private static boolean consoleRole(String role) {
        return Roles.ADMIN.equals(role) || Roles.VIEWER.equals(role);
    }
}
