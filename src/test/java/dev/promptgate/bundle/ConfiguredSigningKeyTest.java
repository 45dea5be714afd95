package dev.promptgate.bundle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptgate.client.ClientPolicyResource;
import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.security.KeyPair;
import java.util.Map;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.junit.jupiter.api.Test;

/** A signing key from configuration signs every bundle, is published, and cannot be rotated through the API. */
@QuarkusTest
@TestProfile(ConfiguredSigningKeyTest.WithKey.class)
class ConfiguredSigningKeyTest {

    static final KeyPair KEY;
    static final String KID;

    static {
        try {
            KEY = SigningKeyPemTest.ecKeyPair();
            EllipticCurveJsonWebKey jwk = (EllipticCurveJsonWebKey) JsonWebKey.Factory.newJwk(KEY.getPublic());
            KID = jwk.calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static class WithKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "promptgate.bundle.signing-key",
                    SigningKeyPemTest.pem("PRIVATE KEY", KEY.getPrivate().getEncoded())
                            + SigningKeyPemTest.pem(
                                    "PUBLIC KEY", KEY.getPublic().getEncoded()));
        }
    }

    @Test
    void theConfiguredKeySignsAndIsPublished() {
        String enrollment = Enrollment.newToken("configured-key");
        String signature = Client.policy(enrollment).header(ClientPolicyResource.SIGNATURE_HEADER);
        assertEquals(KID, SigningKeyRotationTest.kidOf(signature));
        given().get("/api/v1/client/jwks").then().body("keys.kid", hasItem(KID));
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/signing-keys")
                .then()
                .body("activeKeyId", equalTo(KID));
    }

    @Test
    void aConfiguredKeyIsRotatedInConfigurationNotThroughTheApi() {
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/signing-keys/rotate")
                .then()
                .statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("configuration"));
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/signing-keys/next")
                .then()
                .statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("configuration"));
    }
}
