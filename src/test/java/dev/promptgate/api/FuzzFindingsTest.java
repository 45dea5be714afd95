package dev.promptgate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.promptgate.identity.IdentityResolver;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the OpenAPI fuzzer (api.fuzz.OpenApiFuzzTest) or Jazzer (src/test/fuzz/) once got a 5xx or a server's insides
 * for: 400s now.
 */
@QuarkusTest
class FuzzFindingsTest {
    @Test
    void aNulInAPathSegmentIsRefusedWith400() {
        given().auth()
                .oauth2(Tokens.admin())
                .urlEncodingEnabled(false)
                .delete("/api/v1/services/a%00b")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("path"));
    }

    @Test
    void aControlCharacterInAQueryParameterIsRefusedWith400NamingIt() {
        given().auth()
                .oauth2(Tokens.viewer())
                .urlEncodingEnabled(false)
                .get("/api/v1/audit?actor=a%01b")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("actor"))
                .body("status", equalTo(400));
    }

    @Test
    void aKeyTwiceInOneObjectIsRefusedNotA500() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType("application/json")
                .body("{\"markdown\": \"# a\", \"markdown\": \"# b\"}")
                .post("/api/v1/guidelines/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aNullScimPatchIsRefusedNotA500() {
        String scim = given().auth()
                .oauth2(Tokens.admin())
                .contentType("application/json")
                .body("{\"name\": \"fuzz-findings\"}")
                .post("/api/v1/scim-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        given().auth()
                .oauth2(scim)
                .contentType("application/scim+json")
                .body("null")
                .patch("/scim/v2/Users/no-such-user")
                .then()
                .statusCode(400)
                .body("scimType", equalTo("invalidSyntax"));
    }

    /** Jackson takes a body that starts with one byte and three zeros for UTF-32, and these six bytes are not. */
    static final byte[] NOT_UTF_32 = {'{', 0, 0, 0, 6, '}'};

    @Test
    void anEventBatchThatIsNotTextInItsEncodingIsRefusedWith400() {
        given().auth()
                .oauth2(Enrollment.newToken("fuzz-findings"))
                .contentType("application/json")
                .body(NOT_UTF_32)
                .post("/api/v1/client/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("malformed-body"));
    }

    @Test
    void aBodyThatIsNotTextInItsEncodingIsRefusedWith400Elsewhere() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType("application/json")
                .body(NOT_UTF_32)
                .post("/api/v1/guidelines/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "...", "a..", "..b"})
    void aUserTokenOfDotsAloneIsRefusedWith401NotA500(String userToken) {
        String enrollment = Enrollment.newToken("fuzz-findings");
        given().auth()
                .oauth2(enrollment)
                .header(IdentityResolver.USER_TOKEN_HEADER, userToken)
                .get("/api/v1/client/policy")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(enrollment)
                .header(IdentityResolver.USER_TOKEN_HEADER, userToken)
                .contentType("application/json")
                .body("{\"events\": []}")
                .post("/api/v1/client/events")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
