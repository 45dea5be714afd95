package dev.promptgate.policy.urllist;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.security.Roles;
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

@Path("/api/v1/allowlist")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Allowlist", description = "URL patterns that are exempt from the blocklist and from catalog rules.")
public class AllowlistResource {

    private static final UrlListEntry.List LIST = UrlListEntry.List.ALLOWLIST;
    private final UrlListService lists;

    AllowlistResource(UrlListService lists) {
        this.lists = lists;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "List allowlist entries, by pattern")
    public Page<UrlListEntryView> listAllowlist(
            @QueryParam("groupId") @Parameter(description = "Only this group's entries.") Long groupId,
            @Valid @BeanParam PageParams paging) {
        return lists.list(LIST, groupId, paging).map(UrlListEntryView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add an allowlist entry (URLBlocklist filter format)")
    @APIResponse(responseCode = "201", description = "Created")
    public Response createAllowlistEntry(@Valid @NotNull UrlListEntryView.AllowInput input) {
        UrlListEntry entry = lists.create(LIST, input.asEntry());
        return Response.created(URI.create("/api/v1/allowlist/" + entry.id))
                .entity(UrlListEntryView.of(entry))
                .build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get one allowlist entry")
    public UrlListEntryView getAllowlistEntry(@PathParam("id") long id) {
        return UrlListEntryView.of(lists.require(LIST, id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace an allowlist entry (If-Match required)")
    public UrlListEntryView updateAllowlistEntry(
            @PathParam("id") long id,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull UrlListEntryView.AllowInput input) {
        return UrlListEntryView.of(lists.update(LIST, id, ifMatch, input.asEntry()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete an allowlist entry (If-Match required)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteAllowlistEntry(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch) {
        lists.delete(LIST, id, ifMatch);
    }
}
