package dev.promptgate.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(ApiTokenResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API tokens", description = "Tokens for automation, each with one role and an expiry.")
public class ApiTokenResource extends TokenResource {

    static final String PATH = "/api/v1/api-tokens";

    private final ApiTokenService tokens;

    ApiTokenResource(ApiTokenService tokens) {
        super(tokens, ApiToken.Kind.API, PATH, "API token");
        this.tokens = tokens;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an API token; its secret is in this response and nowhere else, ever")
    @APIResponse(responseCode = "201", description = "Created; keep the secret now")
    public Response createApiToken(@Valid @NotNull NewApiToken body) {
        return created(tokens.issue(ApiToken.Kind.API, body.name(), body.role(), body.expiresAt()));
    }

    public record NewApiToken(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Pattern(regexp = "admin|viewer", message = "must be admin or viewer") String role,
            @NotNull @Future Instant expiresAt) {}
}
