package dev.promptgate.policy;

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

@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service rules", description = "The action for each AI service, organization-wide and per group.")
public class RuleResource {

    private final RuleService rules;

    RuleResource(RuleService rules) {
        this.rules = rules;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "List service rules")
    public Page<RuleView> listRules(
            @QueryParam("serviceKey") String serviceKey,
            @QueryParam("groupId") Long groupId,
            @QueryParam("organizationOnly") @Parameter(description = "Only the organization-wide rules.")
                    Boolean organizationOnly,
            @Valid @BeanParam PageParams paging) {
        return rules.list(serviceKey, groupId, organizationOnly, paging).map(RuleView::of);
    }

    @GET
    @Path("organization/{serviceKey}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get the organization-wide rule for a service")
    public RuleView getOrganizationRule(@PathParam("serviceKey") String serviceKey) {
        return RuleView.of(rules.require(serviceKey, null));
    }

    @PUT
    @Path("organization/{serviceKey}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Set the organization-wide rule for a service",
            description = "Creating needs no If-Match; replacing an existing rule needs the ETag of the last GET.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Replaced")
    public Response putOrganizationRule(
            @PathParam("serviceKey") String serviceKey,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RuleView.Input input) {
        return saved(rules.save(serviceKey, null, ifMatch, input), "organization/" + serviceKey);
    }

    @DELETE
    @Path("organization/{serviceKey}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove the organization-wide rule; the default action applies again")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteOrganizationRule(
            @PathParam("serviceKey") String serviceKey, @HeaderParam("If-Match") String ifMatch) {
        rules.delete(serviceKey, null, ifMatch);
    }

    @GET
    @Path("groups/{groupId}/{serviceKey}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get a group's rule for a service")
    public RuleView getGroupRule(@PathParam("groupId") long groupId, @PathParam("serviceKey") String serviceKey) {
        return RuleView.of(rules.require(serviceKey, groupId));
    }

    @PUT
    @Path("groups/{groupId}/{serviceKey}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Set a group's rule for a service, overriding the organization's",
            description = "Creating needs no If-Match; replacing an existing rule needs the ETag of the last GET.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Replaced")
    public Response putGroupRule(
            @PathParam("groupId") long groupId,
            @PathParam("serviceKey") String serviceKey,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RuleView.Input input) {
        return saved(rules.save(serviceKey, groupId, ifMatch, input), "groups/" + groupId + "/" + serviceKey);
    }

    @DELETE
    @Path("groups/{groupId}/{serviceKey}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a group's rule; the organization's applies to the group again")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteGroupRule(
            @PathParam("groupId") long groupId,
            @PathParam("serviceKey") String serviceKey,
            @HeaderParam("If-Match") String ifMatch) {
        rules.delete(serviceKey, groupId, ifMatch);
    }

    private static Response saved(RuleService.Saved saved, String path) {
        RuleView view = RuleView.of(saved.rule());
        return saved.created()
                ? Response.created(URI.create("/api/v1/rules/" + path))
                        .entity(view)
                        .build()
                : Response.ok(view).build();
    }
}
