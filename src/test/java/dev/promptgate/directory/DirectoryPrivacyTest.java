package dev.promptgate.directory;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.promptgate.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A switch back to pseudonymous mode removes the clear names the directory kept while identified mode was on. */
@QuarkusTest
class DirectoryPrivacyTest {

    @Inject
    DirectoryPrivacy privacy;

    @AfterEach
    void backToPseudonymous() {
        switchTo("PSEUDONYMOUS");
    }

    @Test
    void switchingBackToPseudonymousForgetsNamesAndAddresses() {
        switchTo("IDENTIFIED");
        String userName = "named-" + UUID.randomUUID() + "@example.com";
        String id = Scim.as(Scim.newToken("privacy-" + UUID.randomUUID()))
                .body(Scim.body(
                        "entra/create-user.json",
                        Map.of("externalId", UUID.randomUUID().toString(), "userName", userName, "email", userName)))
                .post("/scim/v2/Users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        DirectoryUser kept = stored(id);
        assertEquals(userName, kept.userName);
        assertEquals(userName, kept.email);
        assertEquals(0, privacy.forgetClearNames(), "nothing is removed while identified mode is on");

        switchTo("PSEUDONYMOUS");
        privacy.forgetClearNames();
        DirectoryUser forgotten = stored(id);
        assertNull(forgotten.userName);
        assertNull(forgotten.displayName);
        assertNull(forgotten.email);
        assertEquals(kept.userNameHash, forgotten.userNameHash, "the person is still known by the pseudonym");
    }

    private static DirectoryUser stored(String id) {
        return QuarkusTransaction.requiringNew().call(() -> DirectoryUser.findById(UUID.fromString(id)));
    }

    private static void switchTo(String mode) {
        String etag = given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/events/settings")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body("{\"userIdentification\": \"" + mode + "\"}")
                .put("/api/v1/events/settings")
                .then()
                .statusCode(200);
    }
}
