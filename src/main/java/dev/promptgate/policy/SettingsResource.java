package dev.promptgate.policy;

import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Settings", description = "Organization name, default actions and acknowledgement settings.")
public class SettingsResource {

    private final SettingsService settings;

    SettingsResource(SettingsService settings) {
        this.settings = settings;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get the organization-wide settings")
    public SettingsView getSettings() {
        return settings.get();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace the organization-wide settings (If-Match required)")
    public SettingsView updateSettings(
            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull SettingsView.Input input) {
        return settings.update(ifMatch, input);
    }
}
