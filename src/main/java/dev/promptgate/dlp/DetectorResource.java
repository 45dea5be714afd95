package dev.promptgate.dlp;

import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/dlp/detectors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Data protection",
        description = "Detectors the extension runs on prompts, pastes and uploads, and what it does on a match.")
public class DetectorResource {

    private static final String GROUP = "{id}/groups/{groupId}";

    private final DetectorService detectors;

    DetectorResource(DetectorService detectors) {
        this.detectors = detectors;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "List the detectors: every built-in one and the custom ones, with group overrides")
    public List<DetectorView> listDlpDetectors() {
        return detectors.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get a detector")
    public DetectorView getDlpDetector(@PathParam("id") @Size(max = 40) String id) {
        return detectors.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Create a custom detector (keywords or regex)",
            description = "A regex must compile with RE2 and use only syntax that means the same in the browser;"
                    + " test strings are checked before anything is stored. See docs/data-protection.md.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "The organization has the most custom detectors it may have")
    public Response createDlpDetector(@Valid @NotNull DetectorView.Input input) {
        DetectorView created = detectors.create(input);
        return Response.created(URI.create("/api/v1/dlp/detectors/" + created.id()))
                .entity(created)
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Change a detector (If-Match required)",
            description =
                    "For a built-in detector only enabled, monitor, threshold, actions and" + " requireJustification.")
    public DetectorView updateDlpDetector(
            @PathParam("id") @Size(max = 40) String id,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull DetectorView.Input input) {
        return detectors.update(id, ifMatch, input);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a custom detector (If-Match required); built-in ones are turned off instead")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "A built-in detector")
    public void deleteDlpDetector(@PathParam("id") @Size(max = 40) String id, @HeaderParam("If-Match") String ifMatch) {
        detectors.delete(id, ifMatch);
    }

    @GET
    @Path(GROUP)
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get a group's override of a detector")
    public DetectorView.GroupOverride getDlpGroupOverride(
            @PathParam("id") @Size(max = 40) String id, @PathParam("groupId") long groupId) {
        return detectors.getOverride(id, groupId);
    }

    @PUT
    @Path(GROUP)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Set a group's override of a detector",
            description = "Creating needs no If-Match; replacing needs the ETag of the last GET. Among a person's"
                    + " groups the highest priority wins.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Replaced")
    public Response putDlpGroupOverride(
            @PathParam("id") @Size(max = 40) String id,
            @PathParam("groupId") long groupId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull DetectorView.OverrideInput input) {
        boolean created = detectors.putOverride(id, groupId, ifMatch, input);
        DetectorView.GroupOverride view = detectors.getOverride(id, groupId);
        return created
                ? Response.created(URI.create("/api/v1/dlp/detectors/" + id + "/groups/" + groupId))
                        .entity(view)
                        .build()
                : Response.ok(view).build();
    }

    @DELETE
    @Path(GROUP)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a group's override; the organization's settings apply to the group again")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteDlpGroupOverride(
            @PathParam("id") @Size(max = 40) String id,
            @PathParam("groupId") long groupId,
            @HeaderParam("If-Match") String ifMatch) {
        detectors.deleteOverride(id, groupId, ifMatch);
    }
}
