package dev.promptgate.cluster;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.promptgate.config.EmbeddedDatabase;
import dev.promptgate.testing.Enrollment;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged server signed in against a real Keycloak, configured exactly as docs/kubernetes.md tells an
 * admin to (the chart's {@code oidc} values become these environment variables): realm roles grant the admin
 * and viewer roles, the audience is checked, and a user's groups from the IdP select group rules.
 */
class KeycloakIT {

    static KeycloakProcess keycloak;
    static EmbeddedPostgres postgres;
    static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        keycloak = KeycloakProcess.start();
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("promptgate-keycloak"), 0);
        server = ServerProcess.start(
                "keycloak",
                postgres.getJdbcUrl("postgres", "postgres"),
                ServerProcess.env(
                        "QUARKUS_OIDC_TENANT_ENABLED", "true",
                        "QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl(),
                        "QUARKUS_OIDC_CLIENT_ID", "promptgate",
                        "QUARKUS_OIDC_TOKEN_AUDIENCE", "promptgate",
                        "QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH", "realm_access/roles",
                        "PROMPTGATE_SECURITY_ADMIN_ROLES", "promptgate-admin",
                        "PROMPTGATE_SECURITY_VIEWER_ROLES", "promptgate-viewer"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void realmRolesGrantPromptgateRoles() {
        String alice = keycloak.accessToken("promptgate", "alice", "alice-password");
        String victor = keycloak.accessToken("promptgate", "victor", "victor-password");
        String erin = keycloak.accessToken("promptgate", "erin", "erin-password");

        api(alice).get("/api/v1/services").then().statusCode(200);
        api(alice)
                .contentType(ContentType.JSON)
                .body("{\"pattern\": \"keycloak-test.example\"}")
                .post("/api/v1/blocklist")
                .then()
                .statusCode(201);
        api(victor).get("/api/v1/blocklist").then().statusCode(200).body("total", equalTo(1));
        api(victor)
                .contentType(ContentType.JSON)
                .body("{\"pattern\": \"by-a-viewer.example\"}")
                .post("/api/v1/blocklist")
                .then()
                .statusCode(403);
        // Signed in, but given no Promptgate role in the realm.
        api(erin).get("/api/v1/services").then().statusCode(403);
        // The audit log names people as the IdP does.
        api(victor)
                .queryParam("entityType", "blocklist-entry")
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("items[0].actor", equalTo("alice"));
    }

    @Test
    void tokensThatAreNotForPromptgateAreRefused() {
        given().baseUri(server.url()).get("/api/v1/services").then().statusCode(401);
        // The same admin, signed in to another application of the realm: the audience is not promptgate.
        api(keycloak.accessToken("other-app", "alice", "alice-password"))
                .get("/api/v1/services")
                .then()
                .statusCode(401);
        String alice = keycloak.accessToken("promptgate", "alice", "alice-password");
        String tampered = alice.substring(0, alice.lastIndexOf('.') + 1)
                + (alice.endsWith("A") ? "B" : "A")
                + alice.substring(alice.lastIndexOf('.') + 2);
        assertNotEquals(alice, tampered);
        api(tampered).get("/api/v1/services").then().statusCode(401);
    }

    @Test
    void groupsFromTheIdentityProviderSelectGroupRules() {
        String alice = keycloak.accessToken("promptgate", "alice", "alice-password");
        long groupId = api(alice)
                .contentType(ContentType.JSON)
                .body("{\"name\": \"Engineering\", \"idpValue\": \"engineering\", \"priority\": 10}")
                .post("/api/v1/groups")
                .then()
                .statusCode(201)
                .extract()
                .<Number>path("id")
                .longValue();
        api(alice)
                .contentType(ContentType.JSON)
                .body("{\"action\": \"BLOCK\", \"message\": \"Engineering uses the approved assistant\"}")
                .put("/api/v1/rules/groups/" + groupId + "/gemini")
                .then()
                .statusCode(201);
        String enrollment = Enrollment.newToken(api(alice), "keycloak-test");
        String erin = keycloak.accessToken("promptgate", "erin", "erin-password");
        await().atMost(Duration.ofSeconds(10)).until(() -> policy(enrollment)
                .header("X-Promptgate-User-Token", erin)
                .get()
                .asString()
                .contains("Engineering"));
        policy(enrollment)
                .header("X-Promptgate-User-Token", erin)
                .get()
                .then()
                .statusCode(200)
                .body("groups", equalTo(List.of("Engineering")))
                .body("services.find { it.key == 'gemini' }.action", equalTo("BLOCK"));
        // Victor is in no group; without a user token the organization's policy applies.
        String victor = keycloak.accessToken("promptgate", "victor", "victor-password");
        policy(enrollment)
                .header("X-Promptgate-User-Token", victor)
                .get()
                .then()
                .statusCode(200)
                .body("groups", equalTo(List.of()));
        policy(enrollment)
                .get()
                .then()
                .statusCode(200)
                .body("groups", equalTo(List.of()))
                .body("services.find { it.key == 'gemini' }.action", equalTo("WARN"));
    }

    private static RequestSpecification api(String token) {
        return given().baseUri(server.url()).auth().oauth2(token);
    }

    private static RequestSpecification policy(String enrollment) {
        return api(enrollment).basePath("/api/v1/client/policy");
    }
}
