package dev.promptgate.client;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(EnrollmentTokenResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Enrollment tokens",
        description = "Tokens in the extension's managed configuration: they read the policy and post events, nothing"
                + " else. Browsers holding a revoked one stop getting the policy.")
public class EnrollmentTokenResource extends TokenResource<EnrollmentTokenResource.NewEnrollmentToken> {

    static final String PATH = "/api/v1/enrollment-tokens";

    private final ApiTokenService tokens;

    EnrollmentTokenResource(ApiTokenService tokens) {
        super(tokens, ApiToken.Kind.ENROLLMENT, PATH, "enrollment token");
        this.tokens = tokens;
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

    public record NewEnrollmentToken(
            @NotBlank @Size(max = 100) String name,
            @Future @Parameter(description = "When it stops working; none: until revoked.") Instant expiresAt)
            implements NewToken {

        @Override
        public ApiTokenService.Issued issueWith(ApiTokenService tokens) {
            return tokens.issue(ApiToken.Kind.ENROLLMENT, name.strip(), Roles.CLIENT, expiresAt);
        }
    }
}
