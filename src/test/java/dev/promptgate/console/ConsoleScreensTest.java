package dev.promptgate.console;

import static dev.promptgate.testing.ClientEvents.post;
import static dev.promptgate.testing.ClientEvents.visit;
import static dev.promptgate.testing.ClientEvents.with;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.events.EventRollups;
import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Guidelines;
import dev.promptgate.testing.Heartbeats;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Screens whose figures come from the API's services: the overview (browsers enforcing the current policy, coverage
 * of the current guideline, the busiest services, new shadow-AI sites with "add to catalog"), the guidelines'
 * coverage per published version, and the deployment documents to download, each compared with what the API answers
 * at the same moment.
 */
@QuarkusTest
class ConsoleScreensTest {

    @Inject
    EventRollups rollups;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String shadowHost = "overview-" + run + ".example";

    private static JsonPath api(String path) {
        return given().auth()
                .oauth2(Tokens.viewer())
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String page(SignedInConsole session, String path) {
        return session.request().get(path).then().statusCode(200).extract().asString();
    }

    /** A browser enforcing the served policy, one on an old policy, visits, a shadow-AI site and an acknowledgement. */
    private int postTheDataSet() {
        int guideline = Guidelines.publishNew("Overview " + run);
        String enrollment = Enrollment.newToken("console-overview-" + run);
        String served =
                Client.policy(enrollment).then().statusCode(200).extract().path("policyVersion");
        heartbeat(enrollment, UUID.randomUUID(), served);
        heartbeat(enrollment, UUID.randomUUID(), "sha256:" + "0".repeat(64));
        String device = "overview-" + run;
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(visit(device, null, shadowHost));
        }
        events.add(visit(device, "chatgpt", "chatgpt.com"));
        events.add(with(with(visit(device, null, null), "type", "acknowledged"), "guidelineVersion", guideline));
        post(enrollment, events).statusCode(202);
        rollups.refresh();
        return guideline;
    }

    private static void heartbeat(String enrollment, UUID device, String policyVersion) {
        Heartbeats.post(enrollment, Heartbeats.of(device, policyVersion)).statusCode(204);
    }

    @Test
    void theOverviewShowsWhatTheDeviceAndReportApisAnswer() {
        int guideline = postTheDataSet();
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        // The new guideline is a policy change, which this replica compiles when the listener announces it; which
        // policy is current may move once while the page and the API are read, so both are read again until they
        // were read with the same policy in force.
        String[] html = new String[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            html[0] = page(viewer, "/console/");
            JsonPath devices = api("/api/v1/devices/summary");
            assertTrue(devices.getLong("devices") > devices.getLong("enforcingCurrentPolicy"), "one browser is behind");
            assertTrue(
                    html[0].contains("<span class=\"figure\">" + devices.getLong("enforcingCurrentPolicy") + " of "
                            + devices.getLong("devices") + "</span>"),
                    "browsers enforcing the current policy, as the device API counts them");
        });

        JsonPath coverage = api("/api/v1/reports/acknowledgements");
        assertEquals(guideline, coverage.getInt("guidelineVersion"), "the current guideline");
        assertTrue(coverage.getLong("acknowledged") >= 1);
        assertTrue(
                html[0].contains(coverage.getLong("acknowledged") + " of " + coverage.getLong("active")
                        + " active people acknowledged version " + guideline + "."),
                "the coverage of the current guideline, as the report API answers it");

        List<Map<String, Object>> services =
                new ArrayList<>(api("/api/v1/reports/usage").getList("services"));
        services.sort(Comparator.comparingLong((Map<String, Object> s) -> ((Number) s.get("visits")).longValue())
                .reversed());
        List<String> busiest = services.stream()
                .limit(5)
                .map(s -> "<tr><td>" + escaped((String) s.get("serviceName")) + "</td><td>" + s.get("visits") + "</td>")
                .toList();
        assertEquals(busiest, rows(html[0], "Busiest services"), "the five busiest services, as the usage report");

        List<String> hosts = api("/api/v1/reports/shadow-ai?limit=10").getList("hosts.host");
        assertTrue(hosts.contains(shadowHost), "the new site is among the busiest outside the catalog");
        assertEquals(
                hosts.stream().map(h -> "<tr><td>" + h + "</td><td>").toList(),
                rows(html[0], "Shadow AI: sites not in the catalog").stream()
                        .map(r -> r.substring(0, r.indexOf("</td><td>") + 9))
                        .toList(),
                "the shadow-AI sites, as the report API lists them");
        assertFalse(html[0].contains("add-to-catalog"), "a viewer is offered no Add to catalog");
    }

    @Test
    void anAdminAddsANewShadowAiSiteToTheCatalogFromTheOverview() {
        postTheDataSet();
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String action = "/console/shadow-ai/" + shadowHost + "/add-to-catalog";
        assertTrue(page(admin, "/console/").contains("action=\"" + action + "\""), "the overview offers the site");
        String key = shadowHost.replace('.', '-');
        admin.form().post(action).then().statusCode(303).header("Location", endsWith("/console/?added=" + key));
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/services/" + key)
                .then()
                .statusCode(200)
                .body("hosts", org.hamcrest.Matchers.contains(shadowHost));
        String after = page(admin, "/console/?added=" + key);
        assertFalse(after.contains("<td>" + shadowHost + "</td>"), "the site is no longer outside the catalog");
        assertTrue(after.contains("Added " + key + " to the catalog."), "the overview says it was added");
    }

    @Test
    void theGuidelinesShowTheCoverageOfEachPublishedVersion() {
        postTheDataSet();
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        String html = page(viewer, "/console/guidelines");
        Matcher row = Pattern.compile(
                        "<tr><td>(\\d+)</td><td><a href=\"/console/guidelines/\\d+\">.*?</a></td>\\s*"
                                + "<td>.*?</td>\\s*<td>(\\d+) of (\\d+) active people</td></tr>",
                        Pattern.DOTALL)
                .matcher(html);
        int versions = 0;
        while (row.find()) {
            JsonPath coverage = api("/api/v1/reports/acknowledgements?guidelineVersion=" + row.group(1));
            assertEquals(coverage.getLong("acknowledged"), Long.parseLong(row.group(2)), "version " + row.group(1));
            assertEquals(coverage.getLong("active"), Long.parseLong(row.group(3)), "version " + row.group(1));
            versions++;
        }
        assertTrue(versions >= 1, "the published versions are listed with their coverage");
    }

    @Test
    void eachBrowsersDeploymentDocumentDownloadsAsTheApiGeneratesIt() {
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        int documents = 0;
        for (String browser : List.of("chrome", "edge", "firefox")) {
            String html = page(viewer, "/console/deployment?browser=" + browser);
            List<String> formats = new ArrayList<>();
            formats.add("");
            Matcher option = Pattern.compile("<option value=\"([a-z0-9-]+)\"")
                    .matcher(html.substring(
                            html.indexOf("id=\"format\""), html.indexOf("</select>", html.indexOf("id=\"format\""))));
            while (option.find()) {
                formats.add(option.group(1));
            }
            for (String format : formats) {
                Response download =
                        viewer.request().get("/console/deployment/download?browser=" + browser + "&format=" + format);
                download.then().statusCode(200).header("Content-Disposition", containsString("attachment; filename="));
                String fromApi = given().auth()
                        .oauth2(Tokens.admin())
                        .get("/api/v1/deploy/" + browser + (format.isEmpty() ? "" : "?format=" + format))
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
                assertEquals(fromApi, download.asString(), browser + " " + format);
                documents++;
            }
        }
        assertTrue(documents >= 3);
    }

    /** Text as the templates write it. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** The rows of the table under the heading, each up to the start of its third cell. */
    private static List<String> rows(String html, String heading) {
        int start = html.indexOf("<h2>" + heading + "</h2>");
        assertTrue(start >= 0, heading);
        int end = html.indexOf("</table>", start);
        List<String> rows = new ArrayList<>();
        if (end < 0) {
            return rows;
        }
        Matcher row = Pattern.compile("<tr><td>([^<]*)</td><td>([^<]*)</td>").matcher(html.substring(start, end));
        while (row.find()) {
            rows.add("<tr><td>" + row.group(1) + "</td><td>" + row.group(2) + "</td>");
        }
        return rows;
    }
}
