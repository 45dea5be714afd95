package dev.promptgate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptgate.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Bad requests get RFC 9457 problem details that say what is wrong, and never how the server is built. */
@QuarkusTest
class ProblemDetailsTest {

    @TestHTTPResource("/api/v1/groups")
    URL groups;

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

    /**
     * The server answers 413 from the declared length, before reading the body. The request asks to continue first
     * (as curl does for large bodies), so the answer arrives instead of a connection the server closed mid-upload.
     */
    @Test
    void oversizedBodyIsRefused() throws Exception {
        String huge = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(groups.toURI())
                .expectContinue(true)
                .header("Authorization", "Bearer " + Tokens.admin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge))
                .build();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
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
