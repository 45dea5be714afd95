package dev.promptgate.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.security.KeyPair;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The test profile of a server configured the way a production deployment is: its public URL, the extension's own
 * Edge and Firefox coordinates, pinned signing keys for the managed configuration, a bundle signing key from
 * configuration, and a short version check. The tests that need such settings share this one profile, since each
 * profile costs the test run a build and a start of the application.
 */
public class ConfiguredServer implements QuarkusTestProfile {

    public static final String PUBLIC_URL = "https://promptgate.example.com/";
    public static final String EDGE_ID = "bcdefghijklmnopabcdefghijklmnopa";
    public static final String EDGE_STORE = "https://edge.microsoft.com/extensionwebstorebase/v1/crx";
    public static final String FIREFOX_INSTALL_URL = "https://downloads.example.com/promptgate.xpi";
    /** The key pinned in the managed configuration the deployment documents carry. */
    public static final String PINNED_JWK = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
            + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\",\"use\":\"sig\",\"alg\":\"ES256\"}";
    /** The key that signs bundles, from {@code promptgate.bundle.signing-key}. */
    public static final KeyPair SIGNING_KEY = TestKeys.ecKeyPair();
    /** Its key id: the JWK thumbprint. */
    public static final String SIGNING_KEY_ID = thumbprint(SIGNING_KEY);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "promptgate.public-url", PUBLIC_URL,
                "promptgate.extension.edge-id", EDGE_ID,
                "promptgate.extension.edge-update-url", EDGE_STORE,
                "promptgate.extension.firefox-install-url", FIREFOX_INSTALL_URL,
                "promptgate.extension.signing-keys", "{\"keys\":[" + PINNED_JWK + "]}",
                "promptgate.bundle.signing-key",
                        TestKeys.pem("PRIVATE KEY", SIGNING_KEY.getPrivate().getEncoded())
                                + TestKeys.pem(
                                        "PUBLIC KEY", SIGNING_KEY.getPublic().getEncoded()),
                "promptgate.bundle.version-check-interval", "1s");
    }

    private static String thumbprint(KeyPair key) {
        try {
            return JsonWebKey.Factory.newJwk(key.getPublic()).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
