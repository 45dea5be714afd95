package dev.promptgate.deploy;

import dev.promptgate.api.ProblemException;
import dev.promptgate.config.PromptgateConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Firefox package built with the server ({@code ./mvnw package}), for Firefox's {@code ExtensionSettings}
 * {@code install_url}. It is unsigned: Firefox ESR (and Developer Edition, Nightly) install it with signature checks
 * turned off; release Firefox needs the copy Mozilla signed (docs/browser-rollout.md, Firefox).
 */
@Path(FirefoxPackageResource.XPI_PATH)
@Tag(name = "Extension distribution")
public class FirefoxPackageResource {

    static final String XPI_PATH = "/api/v1/extension/promptgate.xpi";
    static final String MEDIA_TYPE = "application/x-xpinstall";
    private static final int MAX_AGE_SECONDS = 3600;

    private final Optional<byte[]> xpi;

    FirefoxPackageResource(PromptgateConfig config) {
        this.xpi = read(config.extension().bundledXpi());
    }

    @GET
    @PermitAll
    @Produces(MEDIA_TYPE)
    @Operation(
            summary = "Download the Firefox package (XPI, unsigned) built with this server; open to anyone, as"
                    + " browsers fetch it without credentials")
    @APIResponse(responseCode = "200", description = "The XPI, with its SHA-256 as ETag")
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "404", description = "The server was built without the extension")
    public Response downloadFirefoxPackage(@Context Request request) {
        byte[] body = xpi.orElseThrow(() -> new ProblemException.NotFound(
                "No Firefox package: the server was built without the extension (-Dextension.skip=true)"));
        EntityTag tag = new EntityTag(ExtensionPackages.sha256(body));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        cache.setNoTransform(false);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.cacheControl(cache).build();
        }
        return Response.ok(body, MEDIA_TYPE).tag(tag).cacheControl(cache).build();
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the bundled " + resource + " failed", e);
        }
    }
}
