package dev.promptgate.client;

import dev.promptgate.bundle.BundleStore;
import dev.promptgate.bundle.CompiledBundle;
import dev.promptgate.deploy.OfferedVersion;
import dev.promptgate.identity.IdentityResolver;
import dev.promptgate.security.EnrollmentTokenCache;
import dev.promptgate.security.TokenSecrets;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The policy fetch as nearly every browser makes it: a live enrollment token, no person named, one verified lately
 * ({@link KnownIdentities}) or a policy session handle that holds ({@link PolicySessions}), a bundle already compiled
 * for their groups. Answered on the event loop straight from memory, without the per-request work of the REST layer
 * (docs/adr/0008-policy-distribution.md). Anything else, including every request it cannot authenticate, goes
 * on to {@link ClientPolicyResource}, which declares and enforces the full contract.
 */
@ApplicationScoped
public class PolicyFastPath {

    static final String PATH = "/api/v1/client/policy";
    private static final String BEARER = "Bearer ";

    private final EnrollmentTokenCache tokens;
    private final BundleStore bundles;
    private final KnownIdentities identities;
    private final OfferedVersion offeredVersion;
    private final PolicySessions sessions;

    PolicyFastPath(
            EnrollmentTokenCache tokens,
            BundleStore bundles,
            KnownIdentities identities,
            OfferedVersion offeredVersion,
            PolicySessions sessions) {
        this.tokens = tokens;
        this.bundles = bundles;
        this.identities = identities;
        this.offeredVersion = offeredVersion;
        this.sessions = sessions;
    }

    /**
     * Ahead of the framework's security filters (route order -200 and up; a CORS filter, when enabled, stays
     * ahead at -300): this route authenticates by itself, and every request it does not answer continues through
     * them unchanged. Behind them, the REST layer's auth-failure filter (-199) matched each request against every
     * resource path again for metrics, which took about a third of the server's CPU per fetch.
     */
    static final int ORDER = -250;

    void register(@Observes Router router) {
        router.get(PATH).order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        CompiledBundle bundle = null;
        String handOut = null;
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String secret = authorization.substring(BEARER.length()).trim();
            if (TokenSecrets.isPromptgateToken(secret)
                    && tokens.authenticate(secret) instanceof EnrollmentTokenCache.Answer.Known) {
                String userToken = request.getHeader(IdentityResolver.USER_TOKEN_HEADER);
                String session = request.getHeader(PolicySessions.HEADER);
                if (userToken == null && session != null) {
                    // A handle that does not hold any more is refused by the resource, which says so.
                    bundle = sessions.verify(session).flatMap(bundles::compiled).orElse(null);
                } else {
                    // A person named by a header is served here only when verified lately; the resource verifies
                    // the others (and refuses a bad user token), and their next fetch comes here.
                    var verified = identities.cachedVerification(
                            userToken, request.getHeader(IdentityResolver.BROWSER_ACCOUNT_HEADER));
                    if (verified.isPresent()) {
                        bundle = bundles.compiled(verified.get().identity().groups())
                                .orElse(null);
                        handOut = userToken == null
                                ? null
                                : sessions.issue(verified.get()).orElse(null);
                    }
                }
            }
        }
        if (bundle == null) {
            context.next();
            return;
        }
        if (handOut != null) {
            context.response().putHeader(PolicySessions.HEADER, handOut);
        }
        respond(request, context.response(), bundle);
    }

    private void respond(HttpServerRequest request, HttpServerResponse response, CompiledBundle bundle) {
        boolean gzip = PolicyResponses.wantsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        response.putHeader(HttpHeaders.ETAG, PolicyResponses.etag(bundle, gzip))
                .putHeader(HttpHeaders.CACHE_CONTROL, PolicyResponses.cacheControl(bundle))
                .putHeader(HttpHeaders.VARY, PolicyResponses.VARY)
                .putHeader(PolicyResponses.SIGNATURE_HEADER, bundle.signature());
        offeredVersion.current().ifPresent(version -> response.putHeader(OfferedVersion.HEADER, version));
        if (gzip) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        if (bundle.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                // A fresh view each time: no copy, and concurrent writes never share reader indexes.
                .end(Buffer.buffer(
                        gzip
                                ? Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bundle.gzipped()))
                                : bundle.body().duplicate()));
    }
}
