package dev.promptgate.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Custom services in the console: added, then their definition and data-policy facts changed and the service deleted
 * with the version the page showed; a stale edit or delete overwrites nothing; built-in services offer neither, and
 * viewers see neither.
 */
@QuarkusTest
class ConsoleCustomServicesTest {

    static final String ATTACK = "<script>alert(1)</script>";

    private final String key = "custom-" + UUID.randomUUID().toString().substring(0, 8);

    private SignedInConsole admin() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        admin.form()
                .formParam("key", key)
                .formParam("name", "Custom " + ATTACK)
                .formParam("vendor", "Vendor")
                .formParam("category", "TEXT")
                .formParam("risk", "MEDIUM")
                .formParam("hosts", key + ".example")
                .post("/console/services")
                .then()
                .statusCode(303);
        return admin;
    }

    private static ValidatableResponse api(String key) {
        return given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/services/" + key)
                .then();
    }

    private static int version(String key) {
        return api(key).statusCode(200).extract().path("version");
    }

    private ValidatableResponse edit(SignedInConsole admin, int version, String name) {
        return admin.form()
                .formParam("version", version)
                .formParam("name", name)
                .formParam("vendor", "Vendor two")
                .formParam("category", "CODE")
                .formParam("risk", "HIGH")
                .formParam("hosts", key + ".example\nchat." + key + ".example\n")
                .formParam("trainsOnInputsByDefault", "true")
                .formParam("retention", "30 days")
                .formParam("businessOffering", "Team plan")
                .formParam("reviewedOn", "2026-11-30")
                .post("/console/services/" + key)
                .then();
    }

    @Test
    void anAdminChangesACustomServiceAndItsFacts() {
        SignedInConsole admin = admin();
        String page = admin.request()
                .get("/console/services/" + key)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(page.contains("action=\"/console/services/" + key + "\""), "the edit form");
        assertTrue(page.contains("action=\"/console/services/" + key + "/delete\""), "the delete form");
        assertTrue(page.contains("value=\"Custom &lt;script&gt;alert(1)&lt;/script&gt;\""), "the name as text");
        assertFalse(page.contains(ATTACK), "no script element");

        edit(admin, version(key), "Renamed").statusCode(303).header("Location", endsWith("?done=updated"));
        api(key).statusCode(200)
                .body("name", equalTo("Renamed"))
                .body("vendor", equalTo("Vendor two"))
                .body("category", equalTo("CODE"))
                .body("risk", equalTo("HIGH"))
                .body("hosts", equalTo(List.of(key + ".example", "chat." + key + ".example")))
                .body("dataPolicy.trainsOnInputsByDefault", equalTo(true))
                .body("dataPolicy.retention", equalTo("30 days"))
                .body("dataPolicy.businessOffering", equalTo("Team plan"))
                .body("dataPolicy.reviewedOn", equalTo("2026-11-30"))
                .body("builtIn", equalTo(false));
        admin.request().get("/console/services/" + key + "?done=updated").then().body(containsString("Service saved."));

        admin.form()
                .formParam("version", version(key))
                .formParam("name", "Bad date")
                .formParam("vendor", "Vendor")
                .formParam("category", "TEXT")
                .formParam("risk", "LOW")
                .formParam("hosts", key + ".example")
                .formParam("reviewedOn", "yesterday")
                .post("/console/services/" + key)
                .then()
                .statusCode(400)
                .body(containsString("reviewedOn"));
        api(key).body("name", equalTo("Renamed"));
    }

    @Test
    void aStaleEditShowsBothVersionsAndAStaleDeleteKeepsTheService() {
        SignedInConsole admin = admin();
        int seen = version(key);
        edit(admin, seen, "Theirs").statusCode(303);
        edit(admin, seen, "Mine")
                .statusCode(412)
                .body(containsString("The service was changed by someone else"))
                .body(containsString("<td>Mine</td><td>Theirs</td>"))
                .body(containsString("Reload the current version"));
        api(key).body("name", equalTo("Theirs"));

        admin.form()
                .formParam("version", seen)
                .post("/console/services/" + key + "/delete")
                .then()
                .statusCode(412);
        api(key).statusCode(200);
        admin.form()
                .formParam("version", version(key))
                .post("/console/services/" + key + "/delete")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/console/services?done=deleted"));
        api(key).statusCode(404);
        admin.request()
                .get("/console/services?done=deleted")
                .then()
                .body(containsString("Custom service deleted."))
                .body(not(containsString("/console/services/" + key + "\"")));
    }

    @Test
    void builtInServicesOfferNeitherAndViewersSeeNeither() {
        SignedInConsole admin = admin();
        String builtIn = admin.request()
                .get("/console/services/chatgpt")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(builtIn.contains("action=\"/console/services/chatgpt\""));
        assertFalse(builtIn.contains("action=\"/console/services/chatgpt/delete\""));
        int chatgpt = version("chatgpt");
        admin.form()
                .formParam("version", chatgpt)
                .post("/console/services/chatgpt/delete")
                .then()
                .statusCode(404);
        api("chatgpt").statusCode(200).body("version", equalTo(chatgpt));

        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        viewer.request()
                .get("/console/services/" + key)
                .then()
                .statusCode(200)
                .body(not(containsString("action=\"/console/services/" + key)));
        viewer.form()
                .formParam("version", version(key))
                .post("/console/services/" + key + "/delete")
                .then()
                .statusCode(403);
        api(key).statusCode(200);
    }
}
