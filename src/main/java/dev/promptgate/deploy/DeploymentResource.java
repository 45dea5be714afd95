package dev.promptgate.deploy;

import dev.promptgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/deploy")
@Tag(
        name = "Deployment",
        description = "Enterprise policy documents that force-install and configure the browser extension.")
public class DeploymentResource {

    /** The header that carries the enrollment token to write into the documents; kept out of URLs and logs. */
    public static final String ENROLLMENT_TOKEN_HEADER = "X-Promptgate-Enrollment-Token";

    private final DeploymentService deployments;

    DeploymentResource(DeploymentService deployments) {
        this.deployments = deployments;
    }

    @GET
    @Path("{browser}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, PolicyFormat.MOBILECONFIG_MEDIA_TYPE})
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Generate the enterprise policy that force-installs and configures the extension in a browser",
            description = "Without the " + ENROLLMENT_TOKEN_HEADER + " header the documents hold the placeholder "
                    + DeploymentService.TOKEN_PLACEHOLDER + ". See docs/browser-rollout.md.")
    @APIResponse(
            responseCode = "200",
            description = "The document, to save under the file name in Content-Disposition",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = PolicyFormat.MOBILECONFIG_MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING))
            })
    public Response generateBrowserPolicy(
            @PathParam("browser") @Parameter(description = "chrome, edge or firefox") String browser,
            @QueryParam("format")
                    @Parameter(
                            description = "linux-json (default), windows-reg or macos-mobileconfig for chrome and"
                                    + " edge; policies-json (default) for firefox")
                    String format,
            @QueryParam("serverUrl")
                    @Parameter(
                            description = "The server address browsers use; defaults to promptgate.public-url,"
                                    + " else this request's address")
                    String serverUrl,
            @QueryParam("failMode")
                    @Pattern(regexp = "open|closed", message = "must be open or closed")
                    @Parameter(
                            description = "What the extension does before it has ever received a policy: open (AI"
                                    + " sites work) or closed (the catalog's AI sites are blocked); the extension's"
                                    + " default is open")
                    String failMode,
            @QueryParam("developerTools")
                    @Parameter(
                            description = "Chrome and Edge: blocked-for-extensions keeps DevTools away from"
                                    + " force-installed extensions (so nobody can pause or edit Promptgate from"
                                    + " them); blocked turns DevTools off entirely. Unset: the browser's default")
                    String developerTools,
            @HeaderParam(ENROLLMENT_TOKEN_HEADER) @Parameter(description = "The enrollment token (pg_et_…) to embed")
                    String enrollmentToken,
            @QueryParam("identity")
                    @Pattern(regexp = "none|oidc|browser-account", message = "must be none, oidc or browser-account")
                    @Parameter(
                            description = "Who the extension reports: none (the extension's default), oidc (people"
                                    + " sign in with promptgate.extension.oidc-issuer) or browser-account (the"
                                    + " profile's account, with the policies that force and restrict browser"
                                    + " sign-in); see docs/identity.md")
                    String identity,
            @QueryParam("accountPattern")
                    @Pattern(
                            regexp = "[\\x20-\\x7e]{1,500}",
                            message = "must be printable ASCII, at most 500 characters")
                    @Parameter(
                            description = "With identity browser-account: the accounts the browser may sign in with,"
                                    + " as RestrictSigninToPattern takes them, e.g. .*@example\\.com")
                    String accountPattern,
            @Context UriInfo request) {
        DeploymentDocument document = deployments.generatePolicy(
                browser,
                format,
                serverUrl,
                failMode,
                enrollmentToken,
                new DeploymentService.IdentityChoice(identity, accountPattern),
                developerTools,
                request.getBaseUri());
        return Response.ok(document.content(), document.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + document.fileName())
                .cacheControl(noStore())
                .build();
    }

    /** The documents may carry an enrollment token: no cache keeps a copy. */
    private static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        cacheControl.setNoTransform(false);
        return cacheControl;
    }
}
