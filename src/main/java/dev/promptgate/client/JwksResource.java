package dev.promptgate.client;

import dev.promptgate.bundle.SigningKeys;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/client/jwks")
@Tag(name = "Client")
public class JwksResource {

    private final SigningKeys keys;

    JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @NonBlocking
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get the public keys that sign policy bundles (JWKS); open to anyone, as public keys are")
    public Response getPublishedSigningKeys() {
        return Response.ok(keys.jwks())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                .build();
    }
}
