package dev.promptgate.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Before a policy reaches the fleet: how many navigation rules a browser will need for it, and whether they fit. */
@Path("/api/v1/policy/preview/browser-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policy")
public class BrowserRulesResource {

    private final BundleStore bundles;
    private final ObjectMapper json;

    BrowserRulesResource(BundleStore bundles, ObjectMapper json) {
        this.bundles = bundles;
        this.json = json;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(
            summary = "Count the navigation rules a Chrome or Edge browser needs for the policy, and whether they fit",
            description = "The count the extension arrives at for the policy bundle of a person in the given IdP"
                    + " groups, against Chrome's and Edge's limits (30,000 rules, 5,000 redirects, 1,000 regular"
                    + " expressions). Patterns over the limits, or that no rule can say, are listed: the extension"
                    + " still blocks them, after the page loads.")
    public Uni<BrowserRules.Count> previewBrowserRules(
            @QueryParam("group")
                    @Parameter(description = "An IdP group value; repeat for several. None: the organization's policy.")
                    List<String> groups) {
        return bundles.bundleFor(groups == null ? Set.of() : Set.copyOf(groups))
                .map(compiled ->
                        BrowserRules.count(BrowserRules.sources(read(compiled.bytes())), BrowserRules.Limits.CHROMIUM));
    }

    private PolicyBundle read(byte[] bytes) {
        try {
            return json.readValue(bytes, PolicyBundle.class);
        } catch (IOException e) {
            throw new UncheckedIOException("A compiled policy bundle could not be read back", e);
        }
    }
}
