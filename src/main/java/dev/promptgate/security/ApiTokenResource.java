package dev.promptgate.security;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(ApiTokenResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API tokens", description = "Tokens for automation, each with one role and an expiry.")
public class ApiTokenResource extends TokenResource<ApiTokenResource.NewApiToken> {

    static final String PATH = "/api/v1/api-tokens";

    ApiTokenResource(ApiTokenService tokens) {
        super(tokens, ApiToken.Kind.API, PATH, "API token");
    }

    public record NewApiToken(
            @NotBlank @Size(max = 100) String name,
            @NotNull
                    @Pattern(regexp = "admin|viewer", message = "must be admin or viewer")
                    @Schema(enumeration = {"admin", "viewer"})
                    String role,
            @NotNull @Future Instant expiresAt)
            implements NewToken {

        @Override
        public ApiTokenService.Issued issueWith(ApiTokenService tokens) {
            return tokens.issue(ApiToken.Kind.API, name, role, expiresAt);
        }
    }
}
