package dev.promptgate.policy;

import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/policy/preview")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policy")
public class PolicyPreviewResource {

    private final PolicyResolver resolver;

    PolicyPreviewResource(PolicyResolver resolver) {
        this.resolver = resolver;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(
            summary =
                    "Preview the effective policy for a person in the given IdP groups, with what decided each service")
    public EffectivePolicy previewPolicy(
            @QueryParam("group")
                    @Parameter(description = "An IdP group value; repeat for several. None: the organization's policy.")
                    List<String> groups) {
        return resolver.resolve(groups == null ? Set.of() : Set.copyOf(groups));
    }
}
