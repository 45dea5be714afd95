package dev.promptgate.policy.urllist;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The endpoints of one URL list. {@link BlocklistResource} and {@link AllowlistResource} bind them to their path,
 * OpenAPI tag and input; the OpenAPI document names each operation after its list ({@code listBlocklist},
 * {@code createAllowlistEntry}, …), see {@code ProblemResponsesFilter}.
 *
 * <p>Each method names its security requirement itself: Quarkus adds it on its own only to methods a resource class
 * declares, not to those it inherits.
 *
 * @param <I> what an admin writes to this list
 */
public abstract class UrlListResource<I extends UrlListEntryView.Input> {

    private final UrlListService lists;
    private final UrlListEntry.Kind kind;
    private final String path;

    UrlListResource(UrlListService lists, UrlListEntry.Kind kind, String path) {
        this.lists = lists;
        this.kind = kind;
        this.path = path;
    }

    @GET
    @SecurityRequirement(name = "bearer")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "List {noun} entries, by pattern")
    public Page<UrlListEntryView> list(
            @QueryParam("groupId") @Parameter(description = "Only this group's entries.") Long groupId,
            @Valid @BeanParam PageParams paging) {
        return lists.list(kind, groupId, paging).map(UrlListEntryView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add an entry to the {noun} (URLBlocklist filter format)")
    @APIResponse(responseCode = "201", description = "Created")
    public Response createEntry(@Valid @NotNull I input) {
        UrlListEntry entry = lists.create(kind, input.asEntry());
        return Response.created(URI.create(path + "/" + entry.id))
                .entity(UrlListEntryView.of(entry))
                .build();
    }

    @GET
    @Path("{id}")
    @SecurityRequirement(name = "bearer")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get one {noun} entry")
    public UrlListEntryView getEntry(@PathParam("id") long id) {
        return UrlListEntryView.of(lists.require(kind, id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace an entry of the {noun} (If-Match required)")
    public UrlListEntryView updateEntry(
            @PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull I input) {
        return UrlListEntryView.of(lists.update(kind, id, ifMatch, input.asEntry()));
    }

    @DELETE
    @Path("{id}")
    @SecurityRequirement(name = "bearer")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete an entry of the {noun} (If-Match required)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteEntry(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch) {
        lists.delete(kind, id, ifMatch);
    }
}
