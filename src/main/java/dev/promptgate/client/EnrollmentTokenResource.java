package dev.promptgate.client;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.ProblemException;
import dev.promptgate.security.ApiToken;
import dev.promptgate.security.ApiTokenResource;
import dev.promptgate.security.ApiTokenService;
import dev.promptgate.security.Roles;
import dev.promptgate.security.TokenView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/enrollment-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Enrollment tokens",
        description =
                "Tokens in the extension's managed configuration: they read the policy and post events, nothing else.")
public class EnrollmentTokenResource {

    private final ApiTokenService tokens;

    EnrollmentTokenResource(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an enrollment token; its secret is in this response and nowhere else, ever")
    @APIResponse(responseCode = "201", description = "Created; keep the secret now")
    public Response createEnrollmentToken(@Valid @NotNull NewEnrollmentToken body) {
        var issued = tokens.issue(ApiToken.Kind.ENROLLMENT, body.name().strip(), Roles.CLIENT, body.expiresAt());
        return created(issued);
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "List enrollment tokens, newest first, without their secrets")
    public Page<TokenView> listEnrollmentTokens(@Valid @BeanParam PageParams paging) {
        return tokens.list(ApiToken.Kind.ENROLLMENT, paging).map(TokenView::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Get one enrollment token, without its secret")
    public TokenView getEnrollmentToken(@PathParam("id") long id) {
        return tokens.find(ApiToken.Kind.ENROLLMENT, id)
                .map(TokenView::of)
                .orElseThrow(() -> new ProblemException.NotFound("No enrollment token " + id));
    }

    @POST
    @Path("{id}/rotate")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Replace an enrollment token with a new one; the old one keeps working for a grace period",
            description = "Roll the new secret out through the managed configuration within the grace period.")
    @APIResponse(responseCode = "201", description = "The new token; keep the secret now")
    public Response rotateEnrollmentToken(
            @PathParam("id") long id,
            @QueryParam("graceHours")
                    @DefaultValue("168")
                    @Min(0)
                    @Max(2160)
                    @Parameter(description = "Hours the old token keeps working (default a week, at most 90 days).")
                    int graceHours) {
        return created(tokens.rotate(ApiToken.Kind.ENROLLMENT, id, graceHours));
    }

    @POST
    @Path("{id}/revoke")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Revoke an enrollment token at once; browsers holding it stop getting the policy")
    public TokenView revokeEnrollmentToken(@PathParam("id") long id) {
        return TokenView.of(tokens.revoke(ApiToken.Kind.ENROLLMENT, id));
    }

    private static Response created(ApiTokenService.Issued issued) {
        return Response.created(URI.create("/api/v1/enrollment-tokens/" + issued.token().id))
                .entity(new ApiTokenResource.IssuedToken(TokenView.of(issued.token()), issued.secret()))
                .build();
    }

    public record NewEnrollmentToken(
            @NotBlank @Size(max = 100) String name,
            @Future @Parameter(description = "When it stops working; none: until revoked.") Instant expiresAt) {}
}
