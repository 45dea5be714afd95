package dev.promptgate.catalog;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/services")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "AI services", description = "The catalog of generative-AI services and the facts of their data policies.")
public class CatalogResource {

    private final CatalogService catalog;

    CatalogResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "List AI services, by name")
    public Page<AiServiceView> listServices(
            @QueryParam("category") AiService.Category category,
            @QueryParam("enabled") Boolean enabled,
            @QueryParam("builtIn") Boolean builtIn,
            @QueryParam("q") @Parameter(description = "Text in the key, name or vendor.") String text,
            @Valid @BeanParam PageParams paging) {
        return catalog.list(new CatalogService.Filter(category, enabled, builtIn, text), paging)
                .map(AiServiceView::of);
    }

    @GET
    @Path("{key}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get one AI service")
    public AiServiceView getService(@PathParam("key") String key) {
        return catalog.find(key).map(AiServiceView::of).orElseThrow(() -> CatalogService.notFound(key));
    }

    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Create a custom AI service, or replace a service's definition",
            description = "Creating needs no If-Match; replacing an existing service needs the ETag of the last GET."
                    + " Fields changed on a built-in service are kept across catalog upgrades.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Replaced")
    public Response putService(
            @PathParam("key") String key,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ServiceDefinition definition) {
        CatalogService.Saved saved = catalog.save(key, ifMatch, definition);
        AiServiceView view = AiServiceView.of(saved.service());
        return saved.created()
                ? Response.created(URI.create("/api/v1/services/" + key))
                        .entity(view)
                        .build()
                : Response.ok(view).build();
    }

    @DELETE
    @Path("{key}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a custom AI service and its rules (built-in services can only be disabled)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteService(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch) {
        catalog.delete(key, ifMatch);
    }

    @POST
    @Path("{key}/reset")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Reset a built-in AI service to this release's definition, dropping the admins' changes")
    public AiServiceView resetService(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch) {
        return AiServiceView.of(catalog.resetToBuiltin(key, ifMatch));
    }
}
