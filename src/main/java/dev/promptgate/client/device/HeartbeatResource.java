package dev.promptgate.client.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import dev.promptgate.bundle.BundleStore;
import dev.promptgate.bundle.CompiledBundle;
import dev.promptgate.client.KnownIdentities;
import dev.promptgate.identity.Identity;
import dev.promptgate.identity.IdentityResolver;
import dev.promptgate.security.ApiTokenIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where a browser reports its enforcement health; one row per browser is kept, replaced by each report. */
@Path("/api/v1/client/heartbeat")
@Tag(name = "Client")
public class HeartbeatResource {

    /** Heartbeats are small: versions, counts and at most 50 skipped patterns. */
    static final int MAX_BYTES = 64 * 1024;

    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(10);

    private final DeviceHealth devices;
    private final SecurityIdentity caller;
    private final KnownIdentities people;
    private final BundleStore bundles;
    private final ObjectMapper json;

    HeartbeatResource(
            DeviceHealth devices,
            SecurityIdentity caller,
            KnownIdentities people,
            BundleStore bundles,
            ObjectMapper json) {
        this.devices = devices;
        this.caller = caller;
        this.people = people;
        this.bundles = bundles;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CLIENT)
    @Operation(
            summary = "Report this browser's enforcement health: versions, the policy in force, rules it could not"
                    + " apply, its last sync error",
            description = "Sent on a policy change and at most hourly. See docs/admin-guide.md, Devices.")
    @APIResponse(responseCode = "204", description = "Recorded")
    @APIResponse(
            responseCode = "400",
            description = "A field is missing, of the wrong type or too long; nothing stored")
    @APIResponse(responseCode = "413", description = "Larger than 64 KiB; nothing stored")
    public Response reportHeartbeat(
            @HeaderParam("Content-Length") Long length,
            @HeaderParam(IdentityResolver.USER_TOKEN_HEADER)
                    @Parameter(description = "The user's OIDC access token: selects the policy the browser should have")
                    String userToken,
            @HeaderParam(IdentityResolver.BROWSER_ACCOUNT_HEADER)
                    @Parameter(description = "The managed browser profile's e-mail, when the directory knows it")
                    String browserAccount,
            @Valid @NotNull Heartbeat heartbeat) {
        if (length != null && length > MAX_BYTES) {
            throw new ProblemException.TooLarge("A heartbeat is at most " + MAX_BYTES + " bytes");
        }
        long tokenId = caller.<Long>getAttribute(ApiTokenIdentityProvider.TOKEN_ID);
        devices.record(tokenId, heartbeat, served(userToken, browserAccount), Instant.now());
        return Response.noContent().build();
    }

    /** The policy version the server serves this browser's identity now, and the revision it belongs to. */
    private DeviceHealth.Served served(String userToken, String browserAccount) {
        Long revision = bundles.revision().orElse(null);
        Identity identity = people.resolve(userToken, browserAccount).await().atMost(RESOLVE_TIMEOUT);
        CompiledBundle bundle = bundles.bundleFor(identity.groups()).await().atMost(RESOLVE_TIMEOUT);
        try {
            return new DeviceHealth.Served(
                    json.readTree(bundle.bytes()).path("policyVersion").asText(null), revision);
        } catch (IOException e) {
            throw new IllegalStateException("A compiled bundle is JSON", e);
        }
    }
}
