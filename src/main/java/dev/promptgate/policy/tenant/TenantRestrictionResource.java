package dev.promptgate.policy.tenant;

import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenant-restrictions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Tenant restrictions",
        description = "Work accounts only: the vendor's header that allows only the organization's own workspace,"
                + " organization or tenant, set by the extension on the browser's requests.")
public class TenantRestrictionResource {

    private static final String GROUP = "{serviceKey}/groups/{groupId}";
    private static final String PUT_DESCRIPTION =
            "Creating needs no If-Match; replacing an existing setting needs the ETag of the last GET or PUT.";

    private final TenantRestrictionService restrictions;

    TenantRestrictionResource(TenantRestrictionService restrictions) {
        this.restrictions = restrictions;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "List the services whose vendor documents a tenant restriction, with their settings")
    public List<TenantRestrictionView> listTenantRestrictions() {
        return restrictions.list();
    }

    @GET
    @Path("{serviceKey}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get a service's tenant restriction: the vendor's header, the allowed ids, group overrides")
    public TenantRestrictionView getTenantRestriction(@PathParam("serviceKey") String serviceKey) {
        return restrictions.get(serviceKey);
    }

    @PUT
    @Path("{serviceKey}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Set the allowed ids for a service and turn its tenant restriction on or off",
            description = PUT_DESCRIPTION)
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Replaced")
    public Response putTenantRestriction(
            @PathParam("serviceKey") String serviceKey,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull TenantRestrictionView.Input input) {
        var saved = restrictions.saveOrganization(serviceKey, ifMatch, input);
        return saved.created()
                ? Response.created(URI.create("/api/v1/tenant-restrictions/" + serviceKey))
                        .entity(saved.view())
                        .build()
                : Response.ok(saved.view()).build();
    }

    @DELETE
    @Path("{serviceKey}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a service's tenant restriction and its group overrides")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteTenantRestriction(
            @PathParam("serviceKey") String serviceKey, @HeaderParam("If-Match") String ifMatch) {
        restrictions.deleteOrganization(serviceKey, ifMatch);
    }

    @PUT
    @Path(GROUP)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Turn a service's tenant restriction on or off for one group's people",
            description = PUT_DESCRIPTION)
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Replaced")
    public Response putGroupTenantRestriction(
            @PathParam("serviceKey") String serviceKey,
            @PathParam("groupId") long groupId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull TenantRestrictionView.GroupInput input) {
        var saved = restrictions.saveGroup(serviceKey, groupId, ifMatch, input);
        return saved.created()
                ? Response.created(URI.create("/api/v1/tenant-restrictions/" + serviceKey + "/groups/" + groupId))
                        .entity(saved.view())
                        .build()
                : Response.ok(saved.view()).build();
    }

    @DELETE
    @Path(GROUP)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a group's tenant-restriction override; the organization's switch applies again")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteGroupTenantRestriction(
            @PathParam("serviceKey") String serviceKey,
            @PathParam("groupId") long groupId,
            @HeaderParam("If-Match") String ifMatch) {
        restrictions.deleteGroup(serviceKey, groupId, ifMatch);
    }
}
