package dev.promptgate.api;

import static io.restassured.RestAssured.given;

import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A worthless credential is answered 401 before anything else about the request: not 406, 415 or 405 first. */
@QuarkusTest
class AuthenticationFirstTest {

    @ParameterizedTest
    @ValueSource(strings = {"pg_at_madeup0000000000000000000000000000000000000", "not.a.jwt"})
    void aMadeUpTokenWithAnAcceptNobodyProducesIs401(String token) {
        given().auth()
                .oauth2(token)
                .accept("application/json")
                .get("/api/v1/events/export")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg_at_madeup0000000000000000000000000000000000000", "expired"})
    void aWorthlessTokenWithTheWrongContentTypeOrMethodIs401(String token) {
        String bearer = token.equals("expired") ? Tokens.expired() : token;
        given().auth()
                .oauth2(bearer)
                .contentType("text/plain")
                .body("x")
                .post("/api/v1/groups")
                .then()
                .statusCode(401);
        given().auth().oauth2(bearer).patch("/api/v1/groups").then().statusCode(401);
    }

    @org.junit.jupiter.api.Test
    void aValidTokenStillLearnsWhatIsAcceptable() {
        given().auth()
                .oauth2(Tokens.viewer())
                .accept("application/json")
                .get("/api/v1/events/export")
                .then()
                .statusCode(406)
                .contentType(Problem.MEDIA_TYPE);
    }
}
