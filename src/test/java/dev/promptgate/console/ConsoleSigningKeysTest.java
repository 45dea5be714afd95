package dev.promptgate.console;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.AdminApi;
import dev.promptgate.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The signing keys screen: public parts only, rotation for admins only, and a rotation made twice only once. */
@QuarkusTest
class ConsoleSigningKeysTest {

    @Inject
    EntityManager em;

    static String activeKid() {
        return AdminApi.read("/api/v1/signing-keys").path("activeKeyId");
    }

    @Test
    void pageListsThePublicKeysAndNoPrivateKey() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String html = admin.request()
                .get("/console/signing-keys")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String kid = activeKid();
        assertTrue(html.contains("id=\"active-kid\">" + kid + "<"), "the active key is named");
        assertTrue(html.contains("&quot;kty&quot; : &quot;EC&quot;"), "the public JWK is shown");
        assertFalse(html.contains("&quot;d&quot;"), "no private JWK member is shown");
        @SuppressWarnings("unchecked")
        List<String> privateKeys = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("select private_key from signing_key where private_key is not null")
                        .getResultList());
        assertFalse(privateKeys.isEmpty(), "the generated key's private part is stored");
        for (String privateKey : privateKeys) {
            assertFalse(html.contains(privateKey.substring(0, 40)), "a stored private key is on the page");
        }
    }

    @Test
    void rotationMakesANewActiveKeyAndASecondRotationOfTheSameKeyIsRefused() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String before = activeKid();
        admin.form()
                .formParam("activeKid", before)
                .post("/console/signing-keys/rotate")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/signing-keys?rotated=true"));
        String after = activeKid();
        assertNotEquals(before, after);
        String html =
                admin.request().get("/console/signing-keys").then().extract().asString();
        assertTrue(html.contains("id=\"active-kid\">" + after + "<"));
        assertTrue(html.contains("retired, still published until"), "the old key is listed as still published");

        // The same page posted again (a second admin, a double click): refused, and the key stays.
        admin.form()
                .formParam("activeKid", before)
                .post("/console/signing-keys/rotate")
                .then()
                .statusCode(412)
                .body(containsString("rotated by someone else"));
        assertEquals(after, activeKid());
    }

    static String nextKid() {
        return AdminApi.read("/api/v1/signing-keys").path("nextKeyId");
    }

    @Test
    void thePreparedNextKeyIsListedAndTheRotationActivatesIt() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        admin.form()
                .post("/console/signing-keys/next")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/signing-keys?prepared=true"));
        String next = nextKid();
        org.junit.jupiter.api.Assertions.assertNotNull(next, "the API names the prepared key");
        String html =
                admin.request().get("/console/signing-keys").then().extract().asString();
        assertTrue(html.contains("<td><code>" + next + "</code></td>\n    <td>prepared: published and pinned"), html);
        String active = activeKid();
        assertNotEquals(next, active, "the prepared key does not sign yet");
        admin.form()
                .formParam("activeKid", active)
                .post("/console/signing-keys/rotate")
                .then()
                .statusCode(303);
        assertEquals(next, activeKid(), "the rotation activates the prepared key");
    }

    @Test
    void viewerSeesNoRotationAndARotationPostIsRefused() {
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        viewer.request()
                .get("/console/signing-keys")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("Rotate the signing key")));
        keyChangesAreRefused(viewer::form);
    }

    @Test
    void rotationWithoutTheCsrfTokenIsRefused() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        keyChangesAreRefused(admin::request);
    }

    /** A rotation and a prepared next key, each asked for with a new one of these requests: refused, keys unchanged. */
    static void keyChangesAreRefused(Supplier<RequestSpecification> request) {
        String before = activeKid();
        request.get()
                .formParam("activeKid", before)
                .post("/console/signing-keys/rotate")
                .then()
                .statusCode(403);
        String next = nextKid();
        request.get().post("/console/signing-keys/next").then().statusCode(403);
        assertEquals(before, activeKid());
        assertEquals(next, nextKid());
    }
}
