package dev.promptgate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs that once made the server answer 500 or change a value: each is now a 400 that says what is wrong. */
@QuarkusTest
class HostileInputTest {

    private static io.restassured.response.ValidatableResponse postGroup(String body) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/groups")
                .then()
                .contentType("application/problem+json");
    }

    @Test
    void aNulCharacterInTextIsRefusedNamingTheField() {
        postGroup("{\"name\": \"Fin\\u0000ance\", \"idpValue\": \"fin\", \"priority\": 1}")
                .statusCode(400)
                .body("errors.field", hasItem("name"))
                .body("errors.message", hasItem(containsString("control characters")));
    }

    @Test
    void aLoneSurrogateIsRefusedRatherThanStoredAsAQuestionMark() {
        postGroup("{\"name\": \"Finance \\ud800\", \"idpValue\": \"fin\", \"priority\": 1}")
                .statusCode(400)
                .body("errors.field", hasItem("name"));
    }

    @Test
    void tabsAndLineBreaksStayAllowed() {
        String name = "Tabs\\tand\\nlines " + System.nanoTime();
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"idpValue\": \"" + name + "\", \"priority\": 1}")
                .post("/api/v1/groups")
                .then()
                .statusCode(201)
                .body("name", containsString("\t"));
    }

    @Test
    void nothingMayFollowTheJsonDocument() {
        postGroup("{\"name\": \"x\", \"idpValue\": \"x\", \"priority\": 1} trailing")
                .statusCode(400)
                .body("title", equalTo("Malformed request body"));
    }

    @Test
    void nothingMayFollowAnEventBatch() {
        String enrollment = Enrollment.newToken("hostile-input");
        Client.request(enrollment)
                .contentType(ContentType.JSON)
                .body("{\"events\": []} {\"events\": []}")
                .post("/api/v1/client/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aPageBeyondTheLastAcceptedOneIs400NotAnOverflow() {
        for (String path : List.of(
                "/api/v1/groups",
                "/api/v1/services",
                "/api/v1/guidelines",
                "/api/v1/rules",
                "/api/v1/audit",
                "/api/v1/blocklist")) {
            given().auth()
                    .oauth2(Tokens.viewer())
                    .queryParam("page", Integer.MAX_VALUE)
                    .queryParam("size", 200)
                    .get(path)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
            given().auth()
                    .oauth2(Tokens.viewer())
                    .queryParam("page", PageParams.MAX_PAGE)
                    .queryParam("size", 200)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body("items.size()", equalTo(0));
        }
    }

    @Test
    void aTokenExpiryBeyondTenYearsIsRefused() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"far\", \"role\": \"viewer\", \"expiresAt\": \"+1000000000-01-01T00:00:00Z\"}")
                .post("/api/v1/api-tokens")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("expiresAt"));
    }
}
