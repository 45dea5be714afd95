package dev.promptgate.bundle;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.client.ClientPolicyResource;
import dev.promptgate.testing.AdminApi;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Base64;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SigningKeyRotationTest {

    static String kidOf(String detachedJws) {
        String header = new String(Base64.getUrlDecoder().decode(detachedJws.substring(0, detachedJws.indexOf('.'))));
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void rotationSignsWithTheNewKeyAndKeepsTheOldOnePublished() {
        String enrollment = Enrollment.newToken("rotation-test");
        String oldKid = kidOf(given().auth()
                .oauth2(enrollment)
                .get("/api/v1/client/policy")
                .header(ClientPolicyResource.SIGNATURE_HEADER));

        String newKid = AdminApi.post("/api/v1/signing-keys/rotate").path("activeKeyId");
        assertNotEquals(oldKid, newKid);

        await().atMost(Duration.ofSeconds(5)).until(() -> kidOf(given().auth()
                        .oauth2(enrollment)
                        .get("/api/v1/client/policy")
                        .header(ClientPolicyResource.SIGNATURE_HEADER))
                .equals(newKid));
        String jwks = given().get("/api/v1/client/jwks")
                .then()
                .statusCode(200)
                .body("keys.kid", hasItems(oldKid, newKid))
                .extract()
                .asString();
        assertEndorsedBy(jwks, newKid, oldKid);
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/signing-keys")
                .then()
                .statusCode(200)
                .body("jwks.keys.kid", hasItems(oldKid, newKid));
        assertEquals(
                "signing-key",
                given().auth()
                        .oauth2(Tokens.viewer())
                        .queryParam("action", "rotate")
                        .queryParam("entityType", "signing-key")
                        .get("/api/v1/audit")
                        .then()
                        .extract()
                        .path("items[0].entityType"));
    }

    /** The new key carries a JWS by the old key over its own thumbprint; browsers trust it only through that. */
    static void assertEndorsedBy(String jwks, String kid, String endorserKid) {
        try {
            JsonWebKeySet set = new JsonWebKeySet(jwks);
            JsonWebKey key = set.findJsonWebKey(kid, null, null, null);
            JsonWebKey endorser = set.findJsonWebKey(endorserKid, null, null, null);
            String endorsement = (String)
                    key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).get(SigningKeyMaterial.ENDORSEMENT);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(
                    AlgorithmConstraints.ConstraintType.PERMIT,
                    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
            jws.setCompactSerialization(endorsement);
            assertEquals(endorserKid, jws.getKeyIdHeaderValue());
            jws.setKey(endorser.getKey());
            assertTrue(jws.verifySignature(), "the endorsement verifies with the old key");
            assertEquals(key.calculateBase64urlEncodedThumbprint("SHA-256"), jws.getPayload());
            // Signed by the old key, not by the new one endorsing itself.
            jws.setKey(key.getKey());
            assertFalse(jws.verifySignature());
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }
}
