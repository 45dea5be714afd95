package dev.promptgate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.promptgate.testing.Management;
import dev.promptgate.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiTokenResourceTest {

    private static ValidatableResponse create(String bearer, String name, String role, Instant expiresAt) {
        return given().auth()
                .oauth2(bearer)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"role\":\"" + role + "\",\"expiresAt\":\"" + expiresAt + "\"}")
                .post("/api/v1/api-tokens")
                .then();
    }

    private static Instant nextMonth() {
        return Instant.now().plus(30, ChronoUnit.DAYS);
    }

    @Test
    void apiAndEnrollmentTokenOperationsAreNamedAfterTheirTokensInTheOpenApiDocument() {
        ValidatableResponse openApi = Management.given()
                .accept(ContentType.JSON)
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200);
        openApi.body("paths.'/api/v1/api-tokens'.get.operationId", equalTo("listApiTokens"))
                .body(
                        "paths.'/api/v1/api-tokens'.get.summary",
                        equalTo("List API tokens, newest first, without their secrets"))
                .body("paths.'/api/v1/api-tokens'.post.operationId", equalTo("createApiToken"))
                .body("paths.'/api/v1/api-tokens/{id}'.get.operationId", equalTo("getApiToken"))
                .body("paths.'/api/v1/api-tokens/{id}'.get.summary", equalTo("Get one API token, without its secret"))
                .body("paths.'/api/v1/api-tokens/{id}/revoke'.post.operationId", equalTo("revokeApiToken"))
                .body("paths.'/api/v1/enrollment-tokens'.get.operationId", equalTo("listEnrollmentTokens"))
                .body(
                        "paths.'/api/v1/enrollment-tokens'.get.summary",
                        equalTo("List enrollment tokens, newest first, without their secrets"))
                .body("paths.'/api/v1/enrollment-tokens/{id}'.get.operationId", equalTo("getEnrollmentToken"))
                .body(
                        "paths.'/api/v1/enrollment-tokens/{id}/revoke'.post.operationId",
                        equalTo("revokeEnrollmentToken"))
                .body(
                        "paths.'/api/v1/enrollment-tokens/{id}/revoke'.post.summary",
                        equalTo("Revoke an enrollment token at once; revoking it again changes nothing"))
                .body(
                        "paths.'/api/v1/enrollment-tokens/{id}/rotate'.post.operationId",
                        equalTo("rotateEnrollmentToken"));
    }

    @Test
    void adminCreatesTokenThatWorksWithItsRoleAndIsShownOnce() {
        var created = create(Tokens.admin(), "ci-viewer", "viewer", nextMonth())
                .statusCode(201)
                .header("Location", containsString("/api/v1/api-tokens/"))
                .body("secret", startsWith("pg_at_"))
                .body("token.role", equalTo("viewer"))
                .body("token.createdBy", equalTo("alice"))
                .extract();
        String secret = created.path("secret");
        long id = ((Number) created.path("token.id")).longValue();
        assertEquals(secret.substring(0, 12), created.path("token.prefix"));

        given().auth().oauth2(secret).get("/api/v1/audit").then().statusCode(200);
        given().auth()
                .oauth2(secret)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"role\":\"admin\",\"expiresAt\":\"" + nextMonth() + "\"}")
                .post("/api/v1/api-tokens")
                .then()
                .statusCode(403);

        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/api-tokens/{id}", id)
                .then()
                .statusCode(200)
                .body("lastUsedAt", notNullValue())
                .body("$", not(hasItem("secret")))
                .body("active", equalTo(true));
    }

    @Test
    void storedTokenIsAHashNotTheSecret() {
        String secret = create(Tokens.admin(), "hash-check", "admin", nextMonth())
                .statusCode(201)
                .extract()
                .path("secret");
        String stored = QuarkusTransaction.requiringNew()
                .call(() -> ApiToken.<ApiToken>find("prefix", secret.substring(0, 12))
                        .firstResult()
                        .tokenHash);
        assertNotEquals(secret, stored);
        assertEquals(TokenSecrets.hash(secret), stored);
    }

    @Test
    void revokedTokenIsRefusedAtOnce() {
        var created = create(Tokens.admin(), "to-revoke", "admin", nextMonth())
                .statusCode(201)
                .extract();
        String secret = created.path("secret");
        long id = ((Number) created.path("token.id")).longValue();
        given().auth().oauth2(secret).get("/api/v1/audit").then().statusCode(200);

        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/api-tokens/{id}/revoke", id)
                .then()
                .statusCode(200)
                .body("revokedAt", notNullValue())
                .body("active", equalTo(false));

        given().auth()
                .oauth2(secret)
                .get("/api/v1/audit")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void expiredTokenIsRefused() {
        var created = create(Tokens.admin(), "short-lived", "admin", nextMonth())
                .statusCode(201)
                .extract();
        String secret = created.path("secret");
        long id = ((Number) created.path("token.id")).longValue();
        QuarkusTransaction.requiringNew()
                .run(() -> ApiToken.update(
                        "expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), id));
        given().auth().oauth2(secret).get("/api/v1/audit").then().statusCode(401);
    }

    @Test
    void unknownPromptgateTokenIsRefused() {
        given().auth()
                .oauth2("pg_at_not-a-real-token")
                .get("/api/v1/audit")
                .then()
                .statusCode(401);
    }

    @Test
    void tokenNeedsAFutureExpiryAndAKnownRole() {
        create(Tokens.admin(), "bad", "owner", Instant.now().minusSeconds(60))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("role"))
                .body("errors.field", hasItem("expiresAt"));
    }

    @Test
    void viewerCannotCreateOrListTokens() {
        create(Tokens.viewer(), "nope", "admin", nextMonth()).statusCode(403);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/api-tokens").then().statusCode(403);
    }

    @Test
    void bootstrapTokenFromConfigurationIsAnAdmin() {
        create(Tokens.BOOTSTRAP, "made-by-bootstrap", "viewer", nextMonth())
                .statusCode(201)
                .body("token.createdBy", startsWith("token:bootstrap"));
    }

    @Test
    void creatingATokenIsAudited() {
        long id = ((Number) create(Tokens.admin(), "audited", "viewer", nextMonth())
                        .statusCode(201)
                        .extract()
                        .path("token.id"))
                .longValue();
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("entityType", "api-token")
                .queryParam("entityId", id)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("items[0].action", equalTo("create"))
                .body("items[0].actor", equalTo("alice"))
                .body("items[0].before", nullValue())
                .body("items[0].after.name", equalTo("audited"));
    }
}
