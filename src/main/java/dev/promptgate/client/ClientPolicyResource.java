package dev.promptgate.client;

import dev.promptgate.api.ProblemException;
import dev.promptgate.api.Roles;
import dev.promptgate.bundle.BundleStore;
import dev.promptgate.bundle.CompiledBundle;
import dev.promptgate.deploy.OfferedVersion;
import dev.promptgate.identity.IdentityResolver;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Every managed browser asks here every few minutes. The common case (a known enrollment token, nobody named) is
 * answered before this resource by {@link PolicyFastPath}; this resource is the declared contract and answers
 * everything else: user tokens and browser accounts not verified lately (through {@link KnownIdentities}), unknown
 * tokens, wrong
 * roles. It stays on the event loop, but for the directory look-up of a named person.
 */
@Path("/api/v1/client/policy")
@Tag(name = "Client", description = "What the browser extension calls, with an enrollment token.")
public class ClientPolicyResource {

    /** The response header carrying the detached JWS over the body's bytes. */
    public static final String SIGNATURE_HEADER = PolicyResponses.SIGNATURE_HEADER;

    private static final String OFFERED_VERSION = "The extension version this server offers Chrome and Edge, when it"
            + " offers one; an extension running a lower version asks its browser to check for updates";

    /** A Chrome extension version: one to four dot-separated integers. */
    private static final String VERSION_PATTERN = "^[0-9]{1,5}(\\.[0-9]{1,5}){0,3}$";

    private static final String SESSION = "A policy session handle for this person, to send in "
            + PolicySessions.HEADER + " instead of the user token on later policy fetches until it is refused with"
            + " 401 session-expired; given only for a verified user token";

    /** A handle: digits, dots, hyphens and base64url. */
    private static final String SESSION_PATTERN = "^[0-9.-]+[A-Za-z0-9_-]+$";

    private final BundleStore bundles;
    private final KnownIdentities identities;
    private final OfferedVersion offeredVersion;
    private final PolicySessions sessions;

    ClientPolicyResource(
            BundleStore bundles, KnownIdentities identities, OfferedVersion offeredVersion, PolicySessions sessions) {
        this.bundles = bundles;
        this.identities = identities;
        this.offeredVersion = offeredVersion;
        this.sessions = sessions;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CLIENT)
    @Operation(summary = "Get the signed policy bundle for this browser (and its user's groups)")
    @APIResponse(
            responseCode = "200",
            description = "The bundle; see docs/policy-bundle.schema.json",
            headers = {
                @Header(
                        name = OfferedVersion.HEADER,
                        description = OFFERED_VERSION,
                        schema = @Schema(type = SchemaType.STRING, maxLength = 23, pattern = VERSION_PATTERN)),
                @Header(
                        name = PolicySessions.HEADER,
                        description = SESSION,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        maxLength = PolicySessions.MAX_LENGTH,
                                        pattern = SESSION_PATTERN))
            })
    @APIResponse(
            responseCode = "304",
            description = "Unchanged since the ETag in If-None-Match",
            headers = {
                @Header(
                        name = OfferedVersion.HEADER,
                        description = OFFERED_VERSION,
                        schema = @Schema(type = SchemaType.STRING, maxLength = 23, pattern = VERSION_PATTERN)),
                @Header(
                        name = PolicySessions.HEADER,
                        description = SESSION,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        maxLength = PolicySessions.MAX_LENGTH,
                                        pattern = SESSION_PATTERN))
            })
    public Uni<Response> getClientPolicy(
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding,
            @HeaderParam(IdentityResolver.USER_TOKEN_HEADER)
                    @Parameter(description = "The user's OIDC access token; its groups select group rules.")
                    String userToken,
            @HeaderParam(IdentityResolver.BROWSER_ACCOUNT_HEADER)
                    @Parameter(
                            description = "The managed browser profile's e-mail; when the directory knows the person,"
                                    + " their directory groups select group rules.")
                    String browserAccount,
            @HeaderParam(PolicySessions.HEADER)
                    @Parameter(
                            description = "A policy session handle this server gave for the user's token, sent instead"
                                    + " of the token; ignored when a user token is sent.",
                            schema = @Schema(type = SchemaType.STRING, maxLength = PolicySessions.MAX_LENGTH))
                    String session) {
        boolean gzip = PolicyResponses.wantsGzip(acceptEncoding);
        if (userToken == null && session != null) {
            return sessions.verify(session)
                    .map(bundles::bundleFor)
                    .orElseGet(() -> Uni.createFrom().nullItem())
                    .map(bundle -> {
                        if (bundle == null) {
                            throw new ProblemException.SessionExpired();
                        }
                        return respond(bundle, ifNoneMatch, gzip, null);
                    });
        }
        return identities.resolveVerification(userToken, browserAccount).chain(verified -> bundles.bundleFor(
                        verified.identity().groups())
                .map(bundle -> respond(
                        bundle,
                        ifNoneMatch,
                        gzip,
                        userToken == null ? null : sessions.issue(verified).orElse(null))));
    }

    private Response respond(CompiledBundle bundle, String ifNoneMatch, boolean gzip, String handOut) {
        Response.ResponseBuilder response = bundle.matches(ifNoneMatch)
                ? Response.notModified()
                : Response.ok(gzip ? bundle.gzipped() : bundle.bytes(), MediaType.APPLICATION_JSON_TYPE);
        if (gzip) {
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return response.header(HttpHeaders.ETAG, PolicyResponses.etag(bundle, gzip))
                .header(HttpHeaders.CACHE_CONTROL, PolicyResponses.cacheControl(bundle))
                .header(HttpHeaders.VARY, PolicyResponses.VARY)
                .header(SIGNATURE_HEADER, bundle.signature())
                .header(OfferedVersion.HEADER, offeredVersion.current().orElse(null))
                .header(PolicySessions.HEADER, handOut)
                .build();
    }
}
