package dev.promptgate.console;

import dev.promptgate.api.PageParams;
import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import dev.promptgate.client.EnrollmentTokenResource.NewEnrollmentToken;
import dev.promptgate.security.ApiToken;
import dev.promptgate.security.ApiTokenResource.NewApiToken;
import dev.promptgate.security.ApiTokenService;
import dev.promptgate.security.TokenView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Enrollment tokens (for browsers) and API tokens (for automation): create, revoke. A new token's secret is shown in
 * the answer to its creation only; it is stored hashed and no page shows it again.
 */
@Path("/console/tokens")
@Produces(MediaType.TEXT_HTML)
public class TokensResource {

    private static final String PAGE = "/console/tokens";

    private final ConsoleUi ui;
    private final Template page;
    private final ApiTokenService tokens;

    TokensResource(ConsoleUi ui, @Location("console/tokens.html") Template page, ApiTokenService tokens) {
        this.ui = ui;
        this.page = page;
        this.tokens = tokens;
    }

    /** A token just made: its name and its secret, shown this once. */
    public record Issued(String kind, String name, String secret) {}

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(hidden = true)
    public TemplateInstance showTokens(@QueryParam("revoked") boolean revoked) {
        return render().data("issued", null).data("notice", revoked ? "Token revoked." : null);
    }

    @POST
    @Path("enrollment")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response createEnrollmentToken(@RestForm String name, @RestForm Integer days, @RestForm String csrf) {
        ui.checkForm(csrf);
        try {
            var input = ui.valid(new NewEnrollmentToken(name, expiry(days)));
            var issued = tokens.issue(ApiToken.Kind.ENROLLMENT, input.name().strip(), Roles.CLIENT, input.expiresAt());
            return Response.ok(render().data("issued", new Issued("enrollment", issued.token().name, issued.secret())))
                    .build();
        } catch (ProblemException e) {
            return failed(e);
        }
    }

    @POST
    @Path("api")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response createApiToken(
            @RestForm String name, @RestForm String role, @RestForm Integer days, @RestForm String csrf) {
        ui.checkForm(csrf);
        try {
            var input = ui.valid(new NewApiToken(name, role, expiry(days == null ? 90 : days)));
            var issued = tokens.issue(ApiToken.Kind.API, input.name(), input.role(), input.expiresAt());
            return Response.ok(render().data("issued", new Issued("API", issued.token().name, issued.secret())))
                    .build();
        } catch (ProblemException e) {
            return failed(e);
        }
    }

    @POST
    @Path("{kind}/{id}/revoke")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response revokeToken(@PathParam("kind") String kind, @PathParam("id") long id, @RestForm String csrf) {
        ui.checkForm(csrf);
        ApiToken.Kind which = "api".equals(kind) ? ApiToken.Kind.API : ApiToken.Kind.ENROLLMENT;
        try {
            tokens.revoke(which, id);
            return ConsoleUi.seeOther(PAGE + "?revoked=true");
        } catch (ProblemException e) {
            return failed(e);
        }
    }

    private TemplateInstance render() {
        PageParams all = PageParams.of(0, PageParams.MAX_SIZE);
        return ui.page(page, "tokens")
                .data(
                        "enrollment",
                        tokens.list(ApiToken.Kind.ENROLLMENT, all).items().stream()
                                .map(TokenView::of)
                                .toList())
                .data(
                        "api",
                        tokens.list(ApiToken.Kind.API, all).items().stream()
                                .map(TokenView::of)
                                .toList());
    }

    private Response failed(ProblemException e) {
        return Response.status(ConsoleUi.status(e))
                .entity(render().data("issued", null).data("error", ConsoleUi.describe(e)))
                .build();
    }

    private static Instant expiry(Integer days) {
        return days == null || days <= 0 ? null : Instant.now().plus(Duration.ofDays(Math.min(days, 3650)));
    }
}
