package dev.promptgate.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.AdminApi;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The settings screen: organization, events and data protection, each saved with its version, none overwritten. */
@QuarkusTest
class ConsoleSettingsTest {

    /** The organization form as the page fills it from these settings, with this name and acknowledgement period. */
    static RequestSpecification organizationForm(
            RequestSpecification request, JsonPath current, String name, Object acknowledgeEveryDays) {
        return request.formParam("version", current.getLong("version"))
                .formParam("organizationName", name)
                .formParam("defaultServiceAction", current.getString("defaultServiceAction"))
                .formParam("unknownAiAction", current.getString("unknownAiAction"))
                .formParam("acknowledgeEveryDays", acknowledgeEveryDays);
    }

    static JsonPath api(String path) {
        return AdminApi.read(path).jsonPath();
    }

    @Test
    void adminSavesOrganizationSettingsAndAStaleFormOverwritesNothing() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        JsonPath before = api("/api/v1/settings");
        String mine = "Mine " + UUID.randomUUID();
        var form = organizationForm(admin.form(), before, mine, before.getInt("acknowledgeEveryDays"));
        if (before.getBoolean("requireAcknowledgement")) {
            form.formParam("requireAcknowledgement", "true");
        }
        form.post("/console/settings/organization")
                .then()
                .statusCode(303)
                .header("Location", containsString("saved=organization"));
        JsonPath saved = api("/api/v1/settings");
        assertEquals(mine, saved.getString("organizationName"));
        assertEquals(before.getBoolean("requireAcknowledgement"), saved.getBoolean("requireAcknowledgement"));

        // Someone else renames meanwhile; the form still carries the version it was shown with.
        String theirs = "Theirs " + UUID.randomUUID();
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", "\"" + saved.getLong("version") + "\"")
                .body(
                        """
                        {"organizationName": "%s", "defaultServiceAction": "%s", "unknownAiAction": "%s",
                         "requireAcknowledgement": %s, "acknowledgeEveryDays": %d}"""
                                .formatted(
                                        theirs,
                                        saved.getString("defaultServiceAction"),
                                        saved.getString("unknownAiAction"),
                                        saved.getBoolean("requireAcknowledgement"),
                                        saved.getInt("acknowledgeEveryDays")))
                .put("/api/v1/settings")
                .then()
                .statusCode(200);
        organizationForm(admin.form(), saved, "Stale " + mine, saved.getInt("acknowledgeEveryDays"))
                .post("/console/settings/organization")
                .then()
                .statusCode(412)
                .body(containsString("was changed by someone else"))
                .body(containsString("<td>Stale " + mine + "</td><td>" + theirs + "</td>"))
                .body(containsString("Reload the current version"));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/settings").then().body("organizationName", equalTo(theirs));
    }

    @Test
    void hostileTextInSettingsIsShownAsText() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String attack = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        JsonPath org = api("/api/v1/settings");
        var form = organizationForm(admin.form(), org, "Acme " + attack, org.getInt("acknowledgeEveryDays"));
        if (org.getBoolean("requireAcknowledgement")) {
            form.formParam("requireAcknowledgement", "true");
        }
        form.post("/console/settings/organization").then().statusCode(303);
        JsonPath dlp = api("/api/v1/dlp/settings");
        admin.form()
                .formParam("version", dlp.getLong("version"))
                .formParam("justifications", "Reason " + attack)
                .formParam("unknownAiSites", String.valueOf(dlp.getBoolean("unknownAiSites")))
                .post("/console/settings/data-protection")
                .then()
                .statusCode(303);
        for (SignedInConsole reader : List.of(admin, SignedInConsole.signIn(ConsolePagesTest.viewerToken()))) {
            String html = reader.request()
                    .get("/console/settings")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertFalse(html.contains("<script>alert"), "a script element");
            assertFalse(html.contains("<img src=x"), "an image with a handler");
            assertTrue(html.contains("Acme &lt;script&gt;alert(1)&lt;/script&gt;"), "the name as text");
            assertTrue(html.contains("Reason &lt;script&gt;alert(1)&lt;/script&gt;"), "the justification as text");
        }
        JsonPath now = api("/api/v1/dlp/settings");
        admin.form()
                .formParam("version", now.getLong("version"))
                .formParam("justifications", String.join("\n", dlp.<String>getList("justifications")))
                .formParam("unknownAiSites", String.valueOf(dlp.getBoolean("unknownAiSites")))
                .post("/console/settings/data-protection")
                .then()
                .statusCode(303);
    }

    @Test
    void invalidInputIsRefusedWithItsReasonAndChangesNothing() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        JsonPath before = api("/api/v1/settings");
        organizationForm(admin.form(), before, "Zero days", "0")
                .post("/console/settings/organization")
                .then()
                .statusCode(400)
                .body(containsString("acknowledgeEveryDays"));
        assertEquals(before.getLong("version"), api("/api/v1/settings").getLong("version"));
    }

    @Test
    void adminSwitchesEventIdentificationAndBack() {
        dev.promptgate.testing.EventSettings.switchTo("PSEUDONYMOUS");
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        JsonPath before = api("/api/v1/events/settings");
        admin.request().get("/console/settings").then().body(containsString(before.getInt("retentionDays") + " days"));
        admin.form()
                .formParam("version", before.getLong("version"))
                .formParam("userIdentification", "IDENTIFIED")
                .post("/console/settings/events")
                .then()
                .statusCode(303);
        JsonPath identified = api("/api/v1/events/settings");
        assertEquals("IDENTIFIED", identified.getString("userIdentification"));
        // The page still shows the first version: refused, and the switch stays.
        admin.form()
                .formParam("version", before.getLong("version"))
                .formParam("userIdentification", "PSEUDONYMOUS")
                .post("/console/settings/events")
                .then()
                .statusCode(412)
                .body(containsString("<td>PSEUDONYMOUS</td><td>IDENTIFIED</td>"));
        assertEquals("IDENTIFIED", api("/api/v1/events/settings").getString("userIdentification"));
        admin.form()
                .formParam("version", identified.getLong("version"))
                .formParam("userIdentification", "PSEUDONYMOUS")
                .post("/console/settings/events")
                .then()
                .statusCode(303);
        assertEquals("PSEUDONYMOUS", api("/api/v1/events/settings").getString("userIdentification"));
    }

    @Test
    void adminSetsDataProtectionJustificationsOneALine() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        JsonPath before = api("/api/v1/dlp/settings");
        String reason = "Approved by legal " + UUID.randomUUID();
        admin.form()
                .formParam("version", before.getLong("version"))
                .formParam("justifications", "Test data only\r\n\r\n  " + reason + "  \n")
                .post("/console/settings/data-protection")
                .then()
                .statusCode(303);
        JsonPath after = api("/api/v1/dlp/settings");
        assertEquals(List.of("Test data only", reason), after.getList("justifications"));
        assertFalse(after.getBoolean("unknownAiSites"));
        // Put the organization's justifications back for the other tests.
        admin.form()
                .formParam("version", after.getLong("version"))
                .formParam("justifications", String.join("\n", before.<String>getList("justifications")))
                .formParam("unknownAiSites", String.valueOf(before.getBoolean("unknownAiSites")))
                .post("/console/settings/data-protection")
                .then()
                .statusCode(303);
        assertEquals(
                before.getList("justifications"), api("/api/v1/dlp/settings").getList("justifications"));
    }

    @Test
    void viewerReadsTheSettingsAndIsRefusedEveryChange() {
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        JsonPath org = api("/api/v1/settings");
        viewer.request()
                .get("/console/settings")
                .then()
                .statusCode(200)
                .body(containsString(org.getString("organizationName")))
                .body(not(containsString("Save organization settings")));
        organizationForm(viewer.form(), org, "Viewer", org.getInt("acknowledgeEveryDays"))
                .post("/console/settings/organization")
                .then()
                .statusCode(403);
        viewer.form()
                .formParam("version", api("/api/v1/events/settings").getLong("version"))
                .formParam("userIdentification", "IDENTIFIED")
                .post("/console/settings/events")
                .then()
                .statusCode(403);
        viewer.form()
                .formParam("version", api("/api/v1/dlp/settings").getLong("version"))
                .formParam("justifications", "viewer")
                .post("/console/settings/data-protection")
                .then()
                .statusCode(403);
        assertEquals(org.getLong("version"), api("/api/v1/settings").getLong("version"));
    }

    @Test
    void changeWithoutTheCsrfTokenIsRefused() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        JsonPath org = api("/api/v1/settings");
        organizationForm(admin.request(), org, "No CSRF", org.getInt("acknowledgeEveryDays"))
                .post("/console/settings/organization")
                .then()
                .statusCode(403);
        assertEquals(org.getLong("version"), api("/api/v1/settings").getLong("version"));
    }
}
