package dev.promptgate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** Bad requests get RFC 9457 problem details that say what is wrong, and never how the server is built. */
@QuarkusTest
class ProblemDetailsTest {

    static ValidatableResponse postGroup(String body) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/groups")
                .then()
                .contentType("application/problem+json")
                .body("type", startsWith("https://promptgate.dev/problems/"))
                .body(not(containsString("Exception")))
                .body(not(containsString("java.")))
                .body(not(containsString("dev.promptgate")));
    }

    @Test
    void malformedJsonSaysWhere() {
        postGroup("{\"name\": \"x\", ").statusCode(400).body("title", equalTo("Malformed request body"));
    }

    @Test
    void wrongTypeNamesTheField() {
        postGroup("{\"name\": \"x\", \"idpValue\": \"x\", \"priority\": \"high\"}")
                .statusCode(400)
                .body("errors.field", hasItem("priority"))
                .body("errors.message", hasItem("expected a number"));
    }

    @Test
    void unknownFieldIsRejected() {
        postGroup("{\"name\": \"x\", \"idpValue\": \"x\", \"priority\": 1, \"colour\": \"red\"}")
                .statusCode(400)
                .body("errors.field", hasItem("colour"));
    }

    @Test
    void everyMissingFieldIsListed() {
        postGroup("{}")
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("name", "idpValue", "priority"));
    }

    @Test
    void oversizedBodyIsRefused() {
        String huge = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(huge)
                .post("/api/v1/groups")
                .then()
                .statusCode(413);
    }

    @Test
    void unknownResourceIsAProblemToo() {
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/groups/987654321")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("No group 987654321"));
    }

    @Test
    void wrongMediaTypeIsRefused() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.TEXT)
                .body("name=x")
                .post("/api/v1/groups")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }
}
