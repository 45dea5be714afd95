package dev.promptgate.bundle;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.promptgate.client.ClientPolicyResource;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Base64;
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

        String newKid = given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/signing-keys/rotate")
                .then()
                .statusCode(200)
                .extract()
                .path("activeKeyId");
        assertNotEquals(oldKid, newKid);

        await().atMost(Duration.ofSeconds(5)).until(() -> kidOf(given().auth()
                        .oauth2(enrollment)
                        .get("/api/v1/client/policy")
                        .header(ClientPolicyResource.SIGNATURE_HEADER))
                .equals(newKid));
        given().get("/api/v1/client/jwks").then().statusCode(200).body("keys.kid", hasItems(oldKid, newKid));
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
}
