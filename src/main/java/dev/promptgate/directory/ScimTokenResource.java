package dev.promptgate.directory;

import dev.promptgate.api.Roles;
import dev.promptgate.security.ApiToken;
import dev.promptgate.security.ApiTokenService;
import dev.promptgate.security.TokenResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(ScimTokenResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "SCIM tokens",
        description = "Tokens the identity provider's SCIM client provisions people and groups with (/scim/v2), and"
                + " nothing else.")
public class ScimTokenResource extends TokenResource<ScimTokenResource.NewScimToken> {

    static final String PATH = "/api/v1/scim-tokens";

    private final ApiTokenService tokens;

    ScimTokenResource(ApiTokenService tokens) {
        super(tokens, ApiToken.Kind.SCIM, PATH, "SCIM token");
        this.tokens = tokens;
    }

    @POST
    @Path("{id}/rotate")
    @SecurityRequirement(name = "bearer")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Replace a SCIM token with a new one; the old one keeps working for a grace period",
            description = "Paste the new secret into the identity provider's provisioning settings within the grace"
                    + " period.")
    @APIResponse(responseCode = "201", description = "The new token; keep the secret now")
    public Response rotateScimToken(
            @PathParam("id") long id,
            @QueryParam("graceHours")
                    @DefaultValue("24")
                    @Min(0)
                    @Max(2160)
                    @Parameter(description = "Hours the old token keeps working (default a day, at most 90 days).")
                    int graceHours) {
        return created(tokens.rotate(ApiToken.Kind.SCIM, id, graceHours));
    }

    public record NewScimToken(
            @NotBlank @Size(max = 100) String name,
            @Future @Parameter(description = "When it stops working; none: until revoked.") Instant expiresAt)
            implements NewToken {

        @Override
        public ApiTokenService.Issued issueWith(ApiTokenService tokens) {
            return tokens.issue(ApiToken.Kind.SCIM, name.strip(), Roles.SCIM, expiresAt);
        }
    }
}
