package dev.promptgate.deploy;

import static dev.promptgate.deploy.PolicyDocuments.TOKEN;
import static dev.promptgate.deploy.PolicyDocuments.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** The extension's identity mode in the deployment documents (docs/adr/0016-extension-sign-in.md). */
@QuarkusTest
class DeploymentIdentityTest {

    private static final String CHROME_ID = DeploymentResourceTest.CHROME_ID;
    private static final String EDGE_ROOT = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge";
    private static final String ACME = ".*@acme\\.example";

    private static RequestSpecification documents(String identity) {
        RequestSpecification request =
                given().auth().oauth2(Tokens.admin()).header(DeploymentResource.ENROLLMENT_TOKEN_HEADER, TOKEN);
        return identity == null ? request : request.queryParam("identity", identity);
    }

    private static JsonNode managed(JsonNode policy) {
        return policy.path("3rdparty").path("extensions").path(CHROME_ID);
    }

    @Test
    void withoutAnIdentityTheDocumentsLeaveTheExtensionDefault() {
        JsonNode policy = json(documents(null)
                .get("/api/v1/deploy/chrome")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertTrue(managed(policy).has("enrollmentToken"));
        assertFalse(managed(policy).has("identity"));
        assertFalse(policy.has("BrowserSignin"));
    }

    @Test
    void oidcNamesTheProviderAndClientTheServerIsConfiguredWith() {
        JsonNode managed = managed(json(documents("oidc")
                .get("/api/v1/deploy/chrome")
                .then()
                .statusCode(200)
                .extract()
                .asString()));
        assertEquals("oidc", managed.path("identity").asText());
        assertEquals(
                "https://idp.example/realms/acme", managed.path("oidcIssuer").asText());
        assertEquals("promptgate-extension", managed.path("oidcClientId").asText());
        assertFalse(managed.has("oidcScope"));
    }

    @Test
    void browserAccountForcesAndRestrictsBrowserSignIn() {
        JsonNode policy = json(documents("browser-account")
                .queryParam("accountPattern", ACME)
                .get("/api/v1/deploy/chrome")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertEquals("browser-account", managed(policy).path("identity").asText());
        assertEquals(2, policy.path("BrowserSignin").asInt());
        assertEquals(ACME, policy.path("RestrictSigninToPattern").asText());

        String reg = documents("browser-account")
                .queryParam("accountPattern", ACME)
                .queryParam("format", "windows-reg")
                .get("/api/v1/deploy/edge")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(reg.contains("[" + EDGE_ROOT + "]\r\n"), reg);
        assertTrue(reg.contains("\"BrowserSignin\"=dword:00000002\r\n"), reg);
        assertTrue(reg.contains("\"RestrictSigninToPattern\"=\".*@acme\\\\.example\"\r\n"), reg);
        assertTrue(reg.contains("\"identity\"=\"browser-account\"\r\n"), reg);
    }

    @Test
    void browserAccountWithoutTheOrganizationsAccountsIsRefused() {
        documents("browser-account")
                .get("/api/v1/deploy/chrome")
                .then()
                .statusCode(400)
                .body(containsString("accountPattern"));
        documents("browser-account")
                .queryParam("accountPattern", "[unclosed")
                .get("/api/v1/deploy/edge")
                .then()
                .statusCode(400)
                .body(containsString("not a regular expression"));
    }

    @Test
    void unknownModesAndFirefoxSignInAreRefused() {
        documents("kerberos").get("/api/v1/deploy/chrome").then().statusCode(400);
        documents("oidc").get("/api/v1/deploy/firefox").then().statusCode(400).body(containsString("Firefox"));
        documents("none").get("/api/v1/deploy/firefox").then().statusCode(200);
    }

    @Test
    void viewersCannotFetchDocuments() {
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("identity", "oidc")
                .get("/api/v1/deploy/chrome")
                .then()
                .statusCode(403);
    }
}
