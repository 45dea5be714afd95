package dev.promptgate.security;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/api-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API tokens", description = "Tokens for automation, each with one role and an expiry.")
public class ApiTokenResource {

    private final ApiTokenService tokens;

    ApiTokenResource(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an API token; its secret is in this response and nowhere else, ever")
    @APIResponse(responseCode = "201", description = "Created; keep the secret now")
    public Response createApiToken(@Valid @NotNull NewApiToken body) {
        ApiTokenService.Issued issued = tokens.issue(ApiToken.Kind.API, body.name(), body.role(), body.expiresAt());
        return Response.created(URI.create("/api/v1/api-tokens/" + issued.token().id))
                .entity(new IssuedToken(TokenView.of(issued.token()), issued.secret()))
                .build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "List API tokens, newest first, without their secrets")
    public Page<TokenView> listApiTokens(@Valid @BeanParam PageParams paging) {
        return tokens.list(ApiToken.Kind.API, paging).map(TokenView::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Get one API token, without its secret")
    public TokenView getApiToken(@PathParam("id") long id) {
        return tokens.find(ApiToken.Kind.API, id)
                .map(TokenView::of)
                .orElseThrow(() -> new ProblemException.NotFound("No API token " + id));
    }

    @POST
    @Path("{id}/revoke")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Revoke an API token at once; revoking it again changes nothing")
    public TokenView revokeApiToken(@PathParam("id") long id) {
        return TokenView.of(tokens.revoke(ApiToken.Kind.API, id));
    }

    public record NewApiToken(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Pattern(regexp = "admin|viewer", message = "must be admin or viewer") String role,
            @NotNull @Future Instant expiresAt) {}

    /** The response to a create: the token and, once, its secret. */
    public record IssuedToken(TokenView token, String secret) {}
}
