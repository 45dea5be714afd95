package dev.promptgate.dlp;

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

@Path("/api/v1/dlp")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data protection")
public class DlpSettingsResource {

    private final DlpSettingsService settings;

    DlpSettingsResource(DlpSettingsService settings) {
        this.settings = settings;
    }

    @GET
    @Path("settings")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get the data-protection settings (unknown AI sites, justifications)")
    public DlpSettingsView getDlpSettings() {
        return settings.get();
    }

    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change the data-protection settings (If-Match required)")
    public DlpSettingsView updateDlpSettings(
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull DlpSettingsView.Input input) {
        return settings.update(ifMatch, input);
    }

    @GET
    @Path("uploads")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "List the upload rules: the organization's, then each group's")
    public List<DlpSettingsView.Uploads> listDlpUploadRules() {
        return settings.uploads();
    }

    @GET
    @Path("uploads/organization")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get the organization's upload rules")
    public DlpSettingsView.Uploads getDlpOrganizationUploadRules() {
        return settings.uploadsOf(null);
    }

    @PUT
    @Path("uploads/organization")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace the organization's upload rules (If-Match required)")
    public DlpSettingsView.Uploads putDlpOrganizationUploadRules(
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull DlpSettingsView.UploadsInput input) {
        settings.putUploads(null, ifMatch, input);
        return settings.uploadsOf(null);
    }

    @GET
    @Path("uploads/groups/{groupId}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get a group's upload rules")
    public DlpSettingsView.Uploads getDlpGroupUploadRules(@PathParam("groupId") long groupId) {
        return settings.uploadsOf(groupId);
    }

    @PUT
    @Path("uploads/groups/{groupId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Set a group's upload rules, overriding the organization's per service",
            description = "Creating needs no If-Match; replacing needs the ETag of the last GET.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Replaced")
    public Response putDlpGroupUploadRules(
            @PathParam("groupId") long groupId,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull DlpSettingsView.UploadsInput input) {
        boolean created = settings.putUploads(groupId, ifMatch, input);
        DlpSettingsView.Uploads view = settings.uploadsOf(groupId);
        return created
                ? Response.created(URI.create("/api/v1/dlp/uploads/groups/" + groupId))
                        .entity(view)
                        .build()
                : Response.ok(view).build();
    }

    @DELETE
    @Path("uploads/groups/{groupId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a group's upload rules; the organization's apply to the group again")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteDlpGroupUploadRules(@PathParam("groupId") long groupId, @HeaderParam("If-Match") String ifMatch) {
        settings.deleteUploads(groupId, ifMatch);
    }
}
