package dev.promptgate.bundle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptgate.client.ClientPolicyResource;
import dev.promptgate.testing.Client;
import dev.promptgate.testing.ConfiguredServer;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** A signing key from configuration signs every bundle, is published, and cannot be rotated through the API. */
@QuarkusTest
@TestProfile(ConfiguredServer.class)
class ConfiguredSigningKeyTest {

    static final String KID = ConfiguredServer.SIGNING_KEY_ID;

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
