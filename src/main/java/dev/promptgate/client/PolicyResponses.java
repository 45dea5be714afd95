package dev.promptgate.client;

import dev.promptgate.bundle.CompiledBundle;
import dev.promptgate.identity.IdentityResolver;

/** The headers of a policy answer, the same whichever path served it. */
final class PolicyResponses {

    /** The response header carrying the detached JWS over the body's bytes. */
    static final String SIGNATURE_HEADER = "X-Promptgate-Signature";

    static final String VARY = "Accept-Encoding, " + IdentityResolver.USER_TOKEN_HEADER + ", "
            + IdentityResolver.BROWSER_ACCOUNT_HEADER + ", " + PolicySessions.HEADER;

    private PolicyResponses() {}

    static boolean wantsGzip(String acceptEncoding) {
        return acceptEncoding != null && acceptEncoding.toLowerCase().contains("gzip");
    }

    static String etag(CompiledBundle bundle, boolean gzip) {
        return gzip ? bundle.gzipEtag() : bundle.etag();
    }

    static String cacheControl(CompiledBundle bundle) {
        return "private, max-age=" + bundle.refreshSeconds();
    }
}
