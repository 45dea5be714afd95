package dev.promptgate.console;

import static dev.promptgate.testing.ClientEvents.post;
import static dev.promptgate.testing.ClientEvents.visit;
import static dev.promptgate.testing.ClientEvents.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.events.EventRollups;
import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Groups;
import dev.promptgate.testing.Guidelines;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report screens on a small data set of their own (a group with a hostile name, a custom service with a hostile
 * name, an AI site outside the catalog, an acknowledgement and a detection): each page shows what the report API
 * answers for the same filters, hostile text stays text, and only an admin may add a site to the catalog.
 */
@QuarkusTest
class ConsoleReportsTest {

    static final String ATTACK = "<script>alert(1)</script><img src=x onerror=alert(2)>";

    @Inject
    EventRollups rollups;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String groupName = "Reports " + ATTACK + " " + run;
    final String shadowHost = "shadow-console-" + run + ".example";
    final String serviceKey = "hostile-" + run;
    final String person = "console-" + run + "@example.com";
    long groupId;
    int guideline;

    @BeforeEach
    void postTheDataSet() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        groupId = Groups.create(groupName, "idp-" + run, 5);
        admin.form()
                .formParam("key", serviceKey)
                .formParam("name", "Bot " + ATTACK)
                .formParam("vendor", "Vendor " + ATTACK)
                .formParam("category", "TEXT")
                .formParam("risk", "MEDIUM")
                .formParam("hosts", serviceKey + ".example")
                .post("/console/services")
                .then()
                .statusCode(303);
        guideline = Guidelines.publishNew("Console reports " + run);
        String enrollment = Enrollment.newToken("console-reports-test");
        String userToken = Tokens.person(person, List.of("idp-" + run));
        Client.awaitGroup(enrollment, userToken, groupName);
        String device = "device-" + run;
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(visit(device, "chatgpt", "chatgpt.com"));
        events.add(visit(device, "chatgpt", "chatgpt.com"));
        events.add(with(visit(device, "chatgpt", "chatgpt.com"), "type", "warned"));
        events.add(visit(device, serviceKey, serviceKey + ".example"));
        events.add(visit(device, null, shadowHost));
        events.add(with(with(visit(device, null, null), "type", "acknowledged"), "guidelineVersion", guideline));
        Map<String, Object> detection = visit(device, "chatgpt", "chatgpt.com");
        detection.put("type", "dlp_detected");
        detection.put("detector", "payment-card");
        detection.put("matches", 2);
        detection.put("trigger", "paste");
        detection.put("outcome", "sent-anyway");
        events.add(detection);
        post(enrollment, userToken, events).statusCode(202).body("accepted", equalTo(events.size()));
        rollups.refresh();
    }

    static JsonPath api(String path, Object... params) {
        return given().auth()
                .oauth2(Tokens.viewer())
                .get(path, params)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static String page(SignedInConsole session, String path) {
        return session.request().get(path).then().statusCode(200).extract().asString();
    }

    @Test
    void usageShowsTheReportPerServiceGroupAndDay() {
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        JsonPath report = api("/api/v1/reports/usage?groupId=" + groupId);
        assertEquals(2, report.getInt("services.find { it.serviceKey == 'chatgpt' }.visits"));
        String html = page(viewer, "/console/reports?groupId=" + groupId);
        assertTrue(
                html.contains(
                        "<a href=\"/console/events?serviceKey=chatgpt\">ChatGPT</a></th><td class=\"num\">2</td>"),
                "the group's ChatGPT visits, as the API counts them");
        assertTrue(html.contains("<td>" + report.getString("days[0].day") + "</td>"), "the days are listed");

        String everyone = page(viewer, "/console/reports");
        String escapedGroup = "Reports &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; " + run;
        Matcher row = Pattern.compile(Pattern.quote(escapedGroup) + "</a></th><td class=\"num\">(\\d+)</td>")
                .matcher(everyone);
        assertTrue(row.find(), "the per-group table names the group, as text");
        assertEquals(report.getInt("services.sum { it.visits }"), Integer.parseInt(row.group(1)));
        assertFalse(everyone.contains("<script>alert"), "no script element");
        assertFalse(everyone.contains("<img src=x"), "no image with a handler");
        assertTrue(
                everyone.contains("Bot &lt;script&gt;alert(1)&lt;/script&gt;"), "a hostile service name shows as text");
    }

    @Test
    void shadowAiListsTheSiteAndOnlyAnAdminAddsItToTheCatalog() {
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        assertTrue(
                api("/api/v1/reports/shadow-ai?limit=500").getList("hosts.host").contains(shadowHost));
        String seen = page(viewer, "/console/reports/shadow-ai");
        assertTrue(seen.contains(">" + shadowHost + "</a></th>"), "the viewer sees the site");
        assertFalse(seen.contains("add-to-catalog"), "but no way to add it");
        viewer.form()
                .post("/console/reports/shadow-ai/" + shadowHost + "/add-to-catalog")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/services/" + key())
                .then()
                .statusCode(404);

        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        assertTrue(page(admin, "/console/reports/shadow-ai")
                .contains("action=\"/console/reports/shadow-ai/" + shadowHost + "/add-to-catalog\""));
        admin.request()
                .post("/console/reports/shadow-ai/" + shadowHost + "/add-to-catalog")
                .then()
                .statusCode(403);
        admin.form()
                .post("/console/reports/shadow-ai/" + shadowHost + "/add-to-catalog")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/reports/shadow-ai?added=" + key()));
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/services/" + key())
                .then()
                .statusCode(200)
                .body("hosts", org.hamcrest.Matchers.contains(shadowHost));
        assertFalse(
                api("/api/v1/reports/shadow-ai?limit=500").getList("hosts.host").contains(shadowHost));
        assertFalse(page(admin, "/console/reports/shadow-ai").contains(">" + shadowHost + "</a></th>"));
    }

    private String key() {
        return shadowHost.replace('.', '-');
    }

    @Test
    void acknowledgementsShowCoveragePerGroupAndWhoAcknowledged() {
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        JsonPath coverage =
                api("/api/v1/reports/acknowledgements?guidelineVersion=" + guideline + "&groupId=" + groupId);
        assertEquals(1, coverage.getInt("active"));
        assertEquals(1, coverage.getInt("acknowledged"));
        String html =
                page(viewer, "/console/reports/acknowledgements?guidelineVersion=" + guideline + "&groupId=" + groupId);
        assertTrue(html.contains("<span class=\"figure\" id=\"coverage-percent\">100.0%</span>1 of 1 active people"));
        String pseudonym = given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/acknowledgements?guidelineVersion=" + guideline)
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].userPseudonym");
        assertTrue(html.contains("<code class=\"id\">" + pseudonym + "</code>"), "the person who acknowledged");
        assertTrue(html.contains("<option value=\"" + guideline + "\" selected>Version " + guideline));
    }

    @Test
    void dataProtectionShowsDetectionsPerDetector() {
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        JsonPath report = api("/api/v1/reports/dlp?groupId=" + groupId);
        assertEquals(1, report.getInt("detectors.find { it.detector == 'payment-card' }.sentAnyway"));
        String html = page(viewer, "/console/reports/dlp?groupId=" + groupId);
        assertTrue(html.contains("<th scope=\"row\">payment-card</th><td class=\"num\">1</td><td class=\"num\">1</td>"
                + "<td class=\"num\">1</td>"));
    }

    @Test
    void refusedFiltersSayWhyWith400() {
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        viewer.request()
                .get("/console/reports?from=2026-02-02&to=2026-01-01")
                .then()
                .statusCode(400)
                .body(containsString("must not be after to"));
        viewer.request()
                .get("/console/reports/dlp?from=yesterday")
                .then()
                .statusCode(400)
                .body(containsString("must be a date such as"));
        viewer.request()
                .get("/console/reports/shadow-ai?groupId=999999999")
                .then()
                .statusCode(400)
                .body(containsString("groupId"));
    }
}
