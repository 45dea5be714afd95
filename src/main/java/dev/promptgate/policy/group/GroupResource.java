package dev.promptgate.policy.group;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Groups", description = "Sets of people, selected by the IdP's groups claim, with their own rules.")
public class GroupResource {

    private final GroupService groups;

    GroupResource(GroupService groups) {
        this.groups = groups;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "List groups, highest priority first")
    public Page<GroupView> listGroups(@Valid @BeanParam PageParams paging) {
        return groups.list(paging).map(GroupView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a group")
    @APIResponse(responseCode = "201", description = "Created")
    public Response createGroup(@Valid @NotNull GroupView.Input input) {
        PolicyGroup group = groups.create(input);
        return Response.created(URI.create("/api/v1/groups/" + group.id))
                .entity(GroupView.of(group))
                .build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get one group")
    public GroupView getGroup(@PathParam("id") long id) {
        return GroupView.of(groups.require(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a group (If-Match required)")
    public GroupView updateGroup(
            @PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull GroupView.Input input) {
        return GroupView.of(groups.update(id, ifMatch, input));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a group with its rules and list entries (If-Match required)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteGroup(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch) {
        groups.delete(id, ifMatch);
    }
}
