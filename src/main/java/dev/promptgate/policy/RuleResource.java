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

    private static final String ORGANIZATION = "organization/{serviceKey}";
    private static final String GROUP = "groups/{groupId}/{serviceKey}";
    private static final String PUT_DESCRIPTION =
            "Creating needs no If-Match; replacing an existing rule needs the ETag of the last GET.";

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

    /*
     * The organization-wide rule and a group's rule are one resource in two scopes: each operation below only names
     * its scope and hands over to the shared get/put/delete at the end. Operations stay separate so that the OpenAPI
     * document keeps a well-named operation, summary and path parameters for each scope.
     */

    @GET
    @Path(ORGANIZATION)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get the organization-wide rule for a service")
    public RuleView getOrganizationRule(@PathParam("serviceKey") String serviceKey) {
        return get(Scope.ORGANIZATION, serviceKey);
    }

    @GET
    @Path(GROUP)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get a group's rule for a service")
    public RuleView getGroupRule(@PathParam("groupId") long groupId, @PathParam("serviceKey") String serviceKey) {
        return get(Scope.group(groupId), serviceKey);
    }

    @PUT
    @Path(ORGANIZATION)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the organization-wide rule for a service", description = PUT_DESCRIPTION)
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Replaced")
    public Response putOrganizationRule(
            @PathParam("serviceKey") String serviceKey,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RuleView.Input input) {
        return put(Scope.ORGANIZATION, serviceKey, ifMatch, input);
    }

    @PUT
    @Path(GROUP)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Set a group's rule for a service, overriding the organization's",
            description = PUT_DESCRIPTION)
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Replaced")
    public Response putGroupRule(
            @PathParam("groupId") long groupId,
            @PathParam("serviceKey") String serviceKey,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RuleView.Input input) {
        return put(Scope.group(groupId), serviceKey, ifMatch, input);
    }

    @DELETE
    @Path(ORGANIZATION)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove the organization-wide rule; the default action applies again")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteOrganizationRule(
            @PathParam("serviceKey") String serviceKey, @HeaderParam("If-Match") String ifMatch) {
        delete(Scope.ORGANIZATION, serviceKey, ifMatch);
    }

    @DELETE
    @Path(GROUP)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a group's rule; the organization's applies to the group again")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteGroupRule(
            @PathParam("groupId") long groupId,
            @PathParam("serviceKey") String serviceKey,
            @HeaderParam("If-Match") String ifMatch) {
        delete(Scope.group(groupId), serviceKey, ifMatch);
    }

    /** Where a rule applies: organization-wide (no group) or to one group. */
    record Scope(Long groupId) {

        static final Scope ORGANIZATION = new Scope(null);

        static Scope group(long groupId) {
            return new Scope(groupId);
        }

        /** The rule's URL, {@code /api/v1/rules/organization/{serviceKey}} or {@code …/groups/{groupId}/…}. */
        URI location(String serviceKey) {
            String scope = groupId == null ? "organization" : "groups/" + groupId;
            return URI.create("/api/v1/rules/" + scope + "/" + serviceKey);
        }
    }

    private RuleView get(Scope scope, String serviceKey) {
        return RuleView.of(rules.require(serviceKey, scope.groupId()));
    }

    private Response put(Scope scope, String serviceKey, String ifMatch, RuleView.Input input) {
        RuleService.Saved saved = rules.save(serviceKey, scope.groupId(), ifMatch, input);
        RuleView view = RuleView.of(saved.rule());
        return saved.created()
                ? Response.created(scope.location(serviceKey)).entity(view).build()
                : Response.ok(view).build();
    }

    private void delete(Scope scope, String serviceKey, String ifMatch) {
        rules.delete(serviceKey, scope.groupId(), ifMatch);
    }
}
