package dev.promptgate.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** SCIM tokens: issued, rotated and revoked like API tokens, shown once, stored hashed, audited. */
@QuarkusTest
class ScimTokenTest {

    @Test
    void aWrongOrRevokedScimTokenIs401() {
        Scim.as("pg_st_not-a-token-0000000000000000000000000000000000")
                .get("/scim/v2/Users")
                .then()
                .statusCode(401);
        Scim.as("not-even-a-promptgate-token").get("/scim/v2/Users").then().statusCode(401);
        given().get("/scim/v2/Users").then().statusCode(401);

        var issued = given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"entra-revoked\"}")
                .post("/api/v1/scim-tokens")
                .then()
                .statusCode(201)
                .body("secret", startsWith("pg_st_"))
                .body("token.prefix", startsWith("pg_st_"))
                .extract();
        String secret = issued.path("secret");
        int id = issued.path("token.id");
        Scim.as(secret).get("/scim/v2/Users").then().statusCode(200);
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/scim-tokens/" + id + "/revoke")
                .then()
                .statusCode(200);
        Scim.as(secret).get("/scim/v2/Users").then().statusCode(401);
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("entityType", "scim-token")
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("items.action", hasItem("revoke"));
    }

    @Test
    void aRotatedTokenKeepsWorkingForItsGracePeriodOnly() {
        var issued = given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"okta-rotated\"}")
                .post("/api/v1/scim-tokens")
                .then()
                .statusCode(201)
                .extract();
        String old = issued.path("secret");
        int id = issued.path("token.id");
        String successor = given().auth()
                .oauth2(Tokens.admin())
                .queryParam("graceHours", 0)
                .post("/api/v1/scim-tokens/" + id + "/rotate")
                .then()
                .statusCode(201)
                .body("token.name", equalTo("okta-rotated"))
                .extract()
                .path("secret");
        Scim.as(successor).get("/scim/v2/ServiceProviderConfig").then().statusCode(200);
        Scim.as(old).get("/scim/v2/ServiceProviderConfig").then().statusCode(401);
    }

    /** SCIMple's own bindings at the server's root declare no role, so they are closed to everyone. */
    @Test
    void scimplesRootBindingsAreClosed() {
        String scim = Scim.newToken("root-probe");
        for (String path : java.util.List.of(
                "/Users", "/Groups", "/Schemas", "/ResourceTypes", "/ServiceProviderConfig", "/Me", "/Bulk")) {
            Scim.as(scim).get(path).then().statusCode(org.hamcrest.Matchers.oneOf(403, 404, 405));
            given().auth()
                    .oauth2(Tokens.admin())
                    .get(path)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(403, 404, 405));
            given().get(path).then().statusCode(org.hamcrest.Matchers.oneOf(401, 404, 405));
        }
    }

    @Test
    void onlyAdminsManageScimTokens() {
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/scim-tokens").then().statusCode(403);
        given().auth()
                .oauth2(Scim.newToken("self-service"))
                .get("/api/v1/scim-tokens")
                .then()
                .statusCode(403);
    }
}
