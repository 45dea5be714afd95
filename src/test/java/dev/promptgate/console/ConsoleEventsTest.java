package dev.promptgate.console;

import static dev.promptgate.testing.ClientEvents.post;
import static dev.promptgate.testing.ClientEvents.visit;
import static dev.promptgate.testing.ClientEvents.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.JsonLines;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The events explorer: its filters and pages show what the event API answers, and its downloads are the API's export
 * of the same selection, CSV formulas neutralized.
 */
@QuarkusTest
class ConsoleEventsTest {

    final String run = UUID.randomUUID().toString().substring(0, 8);
    /** A device id a spreadsheet would read as a formula. */
    final String device = "-1-" + run;

    final String busyDevice = "busy-" + run;
    final String shadowHost = "explorer-" + run + ".example";
    String enrollment;

    @BeforeEach
    void postEvents() {
        enrollment = Enrollment.newToken("console-events-test");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(visit(device, "chatgpt", "chatgpt.com"));
        }
        events.add(with(visit(device, null, shadowHost), "type", "blocked"));
        post(enrollment, events).statusCode(202).body("accepted", equalTo(4));
    }

    static int rows(String html) {
        return html.split("<tr><td>", -1).length - 1;
    }

    @Test
    void filtersShowWhatTheEventApiFinds() {
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        String all = viewer.request()
                .get("/console/events?deviceId=" + device)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(4, rows(all));
        assertTrue(all.contains("4 events match."));
        int apiTotal = given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("deviceId", device)
                .get("/api/v1/events")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
        assertEquals(4, apiTotal);

        String blocked = viewer.request()
                .queryParam("deviceId", device)
                .queryParam("type", "blocked")
                .get("/console/events")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(1, rows(blocked));
        assertTrue(blocked.contains("<td>" + shadowHost + "</td>"));
        assertTrue(blocked.contains("<option value=\"blocked\" selected>blocked</option>"), "the filter is kept");
        assertEquals(
                3,
                rows(viewer.request()
                        .get("/console/events?deviceId=" + device + "&serviceKey=chatgpt&from=2020-01-01T00:00")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString()));
        assertEquals(
                0,
                rows(viewer.request()
                        .get("/console/events?deviceId=" + device + "&to=2020-01-01T00:00:00")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString()));
    }

    @Test
    void pagesHoldFiftyEventsAndLinkToTheNext() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add(visit(busyDevice, "gemini", "gemini.google.com"));
        }
        post(enrollment, events).statusCode(202).body("accepted", equalTo(60));
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        String first = viewer.request()
                .get("/console/events?deviceId=" + busyDevice)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(50, rows(first));
        assertTrue(first.contains("60 events match."));
        assertTrue(first.contains("href=\"/console/events?deviceId=" + busyDevice + "&amp;page=1\">Older events</a>"));
        String second = viewer.request()
                .get("/console/events?deviceId=" + busyDevice + "&page=1")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(10, rows(second));
        assertFalse(second.contains("Older events"));
        assertTrue(second.contains("page=0\">Newer events</a>"));
    }

    @Test
    void downloadsAreTheApiExportWithFormulasNeutralized() throws Exception {
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        String page = viewer.request()
                .get("/console/events?deviceId=" + device)
                .then()
                .extract()
                .asString();
        assertTrue(page.contains("href=\"/console/events/export?deviceId=" + device + "&amp;format=csv\""));
        String csv = viewer.request()
                .queryParam("deviceId", device)
                .queryParam("format", "csv")
                .get("/console/events/export")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("attachment"))
                .extract()
                .asString();
        String fromApi = given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("deviceId", device)
                .queryParam("format", "csv")
                .get("/api/v1/events/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(fromApi, csv);
        String[] lines = csv.split("\r\n");
        assertEquals(5, lines.length, "a header and the four events");
        assertTrue(
                Pattern.compile(",'" + Pattern.quote(device) + ",")
                        .matcher(lines[1])
                        .find(),
                lines[1]);

        List<JsonNode> objects = JsonLines.read(viewer.request()
                .queryParam("deviceId", device)
                .queryParam("type", "blocked")
                .queryParam("format", "jsonl")
                .get("/console/events/export"));
        assertEquals(1, objects.size());
        JsonNode event = objects.get(0);
        assertEquals(device, event.get("deviceId").asText());
        assertEquals(shadowHost, event.get("host").asText());
    }

    @Test
    void refusedFiltersSayWhyAndSignedOutDownloadsGoToTheSignIn() {
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        viewer.request()
                .get("/console/events?from=last+week")
                .then()
                .statusCode(400)
                .body(containsString("must be a date and time"));
        viewer.request()
                .get("/console/events?from=2026-01-02T00:00&to=2026-01-01T00:00")
                .then()
                .statusCode(400)
                .body(containsString("must be before to"));
        given().redirects()
                .follow(false)
                .get("/console/events/export?format=csv")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/sign-in"));
    }
}
