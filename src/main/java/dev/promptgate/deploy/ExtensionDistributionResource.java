package dev.promptgate.deploy;

import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Self-hosted distribution of the extension to Chrome and Edge: the update manifest and the CRX3 they download
 * (public, as browsers fetch them without credentials; the CRX is signed), and the admin's upload of a new version.
 */
@Path("/api/v1/extension")
@Tag(name = "Extension distribution", description = "The extension package Chrome and Edge install from this server.")
public class ExtensionDistributionResource {

    static final String UPDATE_MANIFEST_PATH = "/api/v1/extension/update.xml";
    static final String CRX_PATH = "/api/v1/extension/promptgate.crx";
    /** A version's CRX changes only when the server is rebuilt with another package of the same version. */
    private static final int CRX_MAX_AGE_SECONDS = 3600;

    private final ExtensionPackages packages;
    private final PublicAddress address;

    ExtensionDistributionResource(ExtensionPackages packages, PublicAddress address) {
        this.packages = packages;
        this.address = address;
    }

    @GET
    @Path("update.xml")
    @PermitAll
    @Produces(MediaType.APPLICATION_XML)
    @Operation(
            summary = "Get the update manifest (gupdate 2.0) that Chrome and Edge check for the offered extension"
                    + " version; open to anyone, as browsers fetch it without credentials")
    @APIResponse(responseCode = "200", description = "The manifest, with an ETag")
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "404", description = "No extension package is offered yet")
    public Response getUpdateManifest(@Context UriInfo uri, @Context Request request) {
        ExtensionPackages.Offered offered = packages.offered().orElseThrow(ExtensionDistributionResource::noPackage);
        String codebase =
                base(uri) + CRX_PATH + "?version=" + URLEncoder.encode(offered.version(), StandardCharsets.UTF_8);
        String xml = UpdateManifest.render(offered.extensionId(), offered.version(), codebase);
        // Revalidated on every check (a 304 when unchanged), so an upload reaches browsers at their next check.
        return cached(
                request,
                new EntityTag(ExtensionPackages.sha256(xml.getBytes(StandardCharsets.UTF_8))),
                xml,
                MediaType.APPLICATION_XML + ";charset=UTF-8",
                0);
    }

    @GET
    @Path("promptgate.crx")
    @PermitAll
    @Produces(Crx3.MEDIA_TYPE)
    @Operation(summary = "Download the offered extension package (CRX3); open to anyone, as the package is signed")
    @APIResponse(responseCode = "200", description = "The CRX3, with its SHA-256 as ETag")
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "404", description = "No package is offered, or not in the version asked for")
    public Response downloadExtensionPackage(@QueryParam("version") String version, @Context Request request) {
        ExtensionPackages.Offered offered = packages.offered().orElseThrow(ExtensionDistributionResource::noPackage);
        byte[] crx = packages.offeredCrx(version)
                .orElseThrow(() -> new ProblemException.NotFound(
                        "Version " + version + " is not offered; the update manifest names the offered one"));
        return cached(request, new EntityTag(offered.sha256()), crx, Crx3.MEDIA_TYPE, CRX_MAX_AGE_SECONDS);
    }

    @GET
    @Path("packages/current")
    @SecurityRequirement(name = "bearer")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Get the extension ID and version Chrome and Edge are offered, and where the package came from")
    @APIResponse(responseCode = "200", description = "The offered package")
    @APIResponse(responseCode = "404", description = "No extension package is offered yet")
    public ExtensionPackages.Offered getOfferedExtensionPackage() {
        return packages.offered().orElseThrow(ExtensionDistributionResource::noPackage);
    }

    @POST
    @Path("packages")
    @SecurityRequirement(name = "bearer")
    @RolesAllowed(Roles.ADMIN)
    // Any media type: the body is read as a CRX3 and refused unless it is one, so a client's label adds nothing.
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Upload a new version of the extension (CRX3) to offer Chrome and Edge",
            description = "Accepted when it is a CRX3 whose signature verifies, its extension ID is the offered one"
                    + " and its version is higher. Browsers pick it up at their next update check.")
    @RequestBody(
            description = "The CRX3 file (Content-Type application/x-chrome-extension), at most the server's request"
                    + " body limit (1 MB by default)")
    @APIResponse(responseCode = "201", description = "Offered from now on")
    @APIResponse(responseCode = "400", description = "Not a valid, correctly signed CRX3")
    @APIResponse(responseCode = "409", description = "Another extension ID, or a version not higher than the offered")
    public Response uploadExtensionPackage(byte[] crx) {
        ExtensionPackages.Offered offered = packages.upload(crx == null ? new byte[0] : crx);
        return Response.created(URI.create("/api/v1/extension/packages/current"))
                .entity(offered)
                .build();
    }

    private String base(UriInfo uri) {
        return address.of(uri.getBaseUri());
    }

    private static Response cached(Request request, EntityTag tag, Object body, String mediaType, int maxAge) {
        CacheControl cache = new CacheControl();
        if (maxAge == 0) {
            cache.setNoCache(true);
        } else {
            cache.setMaxAge(maxAge);
        }
        cache.setNoTransform(false);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.cacheControl(cache).build();
        }
        return Response.ok(body, mediaType).tag(tag).cacheControl(cache).build();
    }

    private static ProblemException noPackage() {
        return new ProblemException.NotFound("No extension package is offered: the server was built without one and"
                + " none was uploaded (POST /api/v1/extension/packages)");
    }
}
