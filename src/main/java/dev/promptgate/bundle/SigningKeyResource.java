package dev.promptgate.bundle;

import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Signing keys", description = "The keys that sign policy bundles.")
public class SigningKeyResource {

    private final SigningKeyService keys;

    SigningKeyResource(SigningKeyService keys) {
        this.keys = keys;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Get the active key id and the published public keys")
    public SigningKeyService.Keys getSigningKeys() {
        return keys.describe();
    }

    @POST
    @Path("next")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Prepare the key the next rotation activates; it is published and pinned from now on",
            description = "Deployment documents pin the active and the prepared key, so browsers given them before the"
                    + " rotation keep verifying after it. Returns the prepared key if there is one already. Not"
                    + " available when the key comes from configuration (promptgate.bundle.signing-key).")
    public SigningKeyService.Keys prepareNextSigningKey() {
        return keys.prepareNextKey();
    }

    @POST
    @Path("rotate")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Replace the generated signing key with the prepared one (or a new one); the old one stays"
                    + " published for the retention period",
            description = "Not available when the key comes from configuration (promptgate.bundle.signing-key).")
    public SigningKeyService.Keys rotateSigningKey() {
        return keys.rotate();
    }
}
