package dev.promptgate.events.report;

import static dev.promptgate.testing.ClientEvents.post;
import static dev.promptgate.testing.ClientEvents.visit;
import static dev.promptgate.testing.ClientEvents.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptgate.events.EventRollups;
import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.EventSettings;
import dev.promptgate.testing.Groups;
import dev.promptgate.testing.Guidelines;
import dev.promptgate.testing.JsonLines;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reports on a small known data set, kept apart from other tests' events by a group of its own: two days, four
 * people in the group (each known from their verified access token), one more who only received the policy, two
 * catalog services and two AI sites outside the catalog.
 */
@QuarkusTest
class ReportsTest {

    @Inject
    EventRollups rollups;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String groupName = "reports-" + run;
    final String shadowHost = "shadow-" + run + ".example";
    final String otherHost = "other-" + run + ".example";
    final LocalDate day1 = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    final LocalDate day2 = day1.plusDays(1);
    final String u1 = "u1-" + run + "@example.com";
    final String u2 = "u2-" + run + "@example.com";
    final String u3 = "u3-" + run + "@example.com";
    final String u4 = "u4-" + run + "@example.com";
    final String u5 = "u5-" + run + "@example.com";
    /** Who each event is from (by event id): the events themselves do not say, their batch's token does. */
    final Map<Object, String> senders = new java.util.HashMap<>();

    long groupId;
    int guideline;
    int sequence;

    @BeforeEach
    void postTheDataSet() {
        groupId = Groups.create(groupName, "idp-" + groupName, 5);
        guideline = Guidelines.publishNew("Reports " + run);
        String enrollment = Enrollment.newToken("reports-test");
        Client.awaitGroup(enrollment, Tokens.person(u1, List.of("idp-" + groupName)), groupName);
        List<Map<String, Object>> firstDay = new ArrayList<>();
        firstDay.addAll(List.of(
                event(day1, u1, "visit", "chatgpt", "chatgpt.com"),
                event(day1, u1, "visit", "chatgpt", "chatgpt.com"),
                event(day1, u1, "warned", "chatgpt", "chatgpt.com"),
                event(day1, u1, "proceeded", "chatgpt", "chatgpt.com"),
                event(day1, u2, "visit", "chatgpt", "chatgpt.com"),
                event(day1, u2, "blocked", "chatgpt", "chatgpt.com"),
                event(day1, u1, "visit", "gemini", "gemini.google.com"),
                event(day1, u1, "reminder_shown", "gemini", "gemini.google.com"),
                event(day1, u1, "reminder_done", "gemini", "gemini.google.com"),
                event(day1, u3, "visit", null, shadowHost),
                event(day1, u3, "visit", null, shadowHost),
                event(day1, u3, "visit", null, shadowHost),
                event(day1, u2, "visit", null, "chatgpt.com")));
        assertEquals(13, postAll(enrollment, firstDay));

        // The second day is stored in identified mode: reports count the same people either way.
        EventSettings.switchTo("IDENTIFIED");
        try {
            assertEquals(
                    10,
                    postAll(
                            enrollment,
                            List.of(
                                    event(day2, u1, "visit", "chatgpt", "chatgpt.com"),
                                    event(day2, u4, "visit", "chatgpt", "chatgpt.com"),
                                    event(day2, u4, "warned", "chatgpt", "chatgpt.com"),
                                    event(day2, u2, "visit", null, shadowHost),
                                    event(day2, u2, "blocked", null, shadowHost),
                                    event(day2, u3, "visit", null, otherHost),
                                    with(event(day2, u1, "acknowledged", null, null), "guidelineVersion", guideline),
                                    with(event(day2, u3, "acknowledged", null, null), "guidelineVersion", guideline),
                                    event(day2, u2, "policy_applied", null, null),
                                    event(day2, u5, "policy_applied", null, null))));
        } finally {
            EventSettings.switchTo("PSEUDONYMOUS");
        }
        rollups.refresh();
    }

    @Test
    void usagePerServiceAndDay() {
        report("usage")
                .body("group.name", equalTo(groupName))
                .body("days.size()", equalTo(3))
                .body("days[0].day", equalTo(day1.toString()))
                .body("days[0].serviceKey", equalTo("chatgpt"))
                .body("days[0].serviceName", equalTo("ChatGPT"))
                .body("days[0].visits", equalTo(3))
                .body("days[0].users", equalTo(2))
                .body("days[0].warned", equalTo(1))
                .body("days[0].proceeded", equalTo(1))
                .body("days[0].blocked", equalTo(1))
                .body("days[0].events", equalTo(6))
                .body("days[1].serviceKey", equalTo("gemini"))
                .body("days[1].visits", equalTo(1))
                .body("days[1].users", equalTo(1))
                .body("days[1].remindersShown", equalTo(1))
                .body("days[1].remindersDone", equalTo(1))
                .body("days[1].events", equalTo(3))
                .body("days[2].day", equalTo(day2.toString()))
                .body("days[2].serviceKey", equalTo("chatgpt"))
                .body("days[2].visits", equalTo(2))
                .body("days[2].users", equalTo(2))
                .body("days[2].warned", equalTo(1))
                .body("services.serviceKey", contains("chatgpt", "gemini"))
                .body("services[0].visits", equalTo(5))
                .body("services[0].peakDailyUsers", equalTo(2))
                .body("services[0].warned", equalTo(2))
                .body("services[0].events", equalTo(9));
        report("usage", "serviceKey", "gemini").body("days.serviceKey", contains("gemini"));
        report("usage", "to", day1.toString()).body("days.size()", equalTo(2));
    }

    @Test
    void shadowAiListsTheSitesOutsideTheCatalogBusiestFirst() {
        report("shadow-ai")
                .body("hosts.host", contains(shadowHost, otherHost))
                .body("hosts[0].events", equalTo(5))
                .body("hosts[0].visits", equalTo(4))
                .body("hosts[0].blocked", equalTo(1))
                .body("hosts[0].peakDailyUsers", equalTo(1))
                .body("hosts[0].daysSeen", equalTo(2))
                .body("hosts[0].firstSeen", equalTo(day1.toString()))
                .body("hosts[0].lastSeen", equalTo(day2.toString()))
                .body("hosts[1].events", equalTo(1));
        report("shadow-ai", "limit", "1").body("hosts.host", contains(shadowHost));
    }

    @Test
    void aShadowAiSiteIsAddedToTheCatalogInOneCall() {
        String key = "shadow-" + run + "-example";
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .post("/api/v1/reports/shadow-ai/" + shadowHost + "/add-to-catalog")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/services/" + key))
                .body("key", equalTo(key))
                .body("name", equalTo(shadowHost))
                .body("vendor", equalTo(shadowHost))
                .body("hosts", contains(shadowHost))
                .body("builtIn", equalTo(false));
        report("shadow-ai").body("hosts.host", contains(otherHost));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("entityType", "ai-service")
                .queryParam("entityId", key)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("items[0].action", equalTo("create"));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"key\": \"another-" + run + "\"}")
                .post("/api/v1/reports/shadow-ai/" + shadowHost + "/add-to-catalog")
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .post("/api/v1/reports/shadow-ai/bad_host.example/add-to-catalog")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("host"));
        given().auth()
                .oauth2(Tokens.admin())
                .header("If-Match", "\"0\"")
                .delete("/api/v1/services/" + key)
                .then()
                .statusCode(204);
    }

    @Test
    void acknowledgementCoverageCountsActivePeopleWhoAcknowledged() {
        // Active: u1, u2, u3 and u4; u5 only received the policy. Acknowledged: u1 and u3.
        report("acknowledgements", "guidelineVersion", Integer.toString(guideline))
                .body("guidelineVersion", equalTo(guideline))
                .body("active", equalTo(4))
                .body("acknowledged", equalTo(2))
                .body("coverage", equalTo(0.5f))
                .body("groups.group", contains(groupName))
                .body("groups[0].groupId", equalTo((int) groupId))
                .body("groups[0].active", equalTo(4));
        report("acknowledgements", "guidelineVersion", Integer.toString(guideline), "from", day2.toString())
                .body("active", equalTo(4))
                .body("acknowledged", equalTo(2));
        report("acknowledgements", "guidelineVersion", Integer.toString(guideline + 1000))
                .body("acknowledged", equalTo(0));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("guidelineVersion", guideline)
                .queryParam("from", day1.toString())
                .get("/api/v1/reports/acknowledgements")
                .then()
                .statusCode(200)
                .body("groups.group", hasItem(groupName));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("groupId", groupId)
                .queryParam("guidelineVersion", guideline)
                .get("/api/v1/acknowledgements")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.user", contains(null, null));
    }

    @Test
    void rollupsFollowLateEvents() {
        assertEquals(
                1,
                postAll(
                        Enrollment.newToken("reports-late"),
                        List.of(event(day1, u3, "visit", "gemini", "gemini.google.com"))));
        rollups.refresh();
        report("usage", "serviceKey", "gemini")
                .body("days[0].visits", equalTo(2))
                .body("days[0].users", equalTo(2));
        assertTrue(rollups.refresh().isEmpty(), "nothing left to do");
    }

    @Test
    void eventsAreExportedAsCsvAndJsonLines() throws Exception {
        String csv = given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("groupId", groupId)
                .queryParam(
                        "from", day1.atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                .queryParam("format", "csv")
                .get("/api/v1/events/export")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("promptgate-events.csv"))
                .extract()
                .asString();
        String[] lines = csv.split("\r\n");
        assertEquals(24, lines.length, csv);
        assertEquals(
                "id,occurredAt,receivedAt,type,serviceKey,host,action,guidelineVersion,deviceId,userPseudonym,user,"
                        + "extensionVersion,groups,detector,matches,trigger,outcome,justification,fileType,sizeBucket",
                lines[0]);
        assertTrue(lines[1].contains(",visit,chatgpt,chatgpt.com,WARN,,"), lines[1]);
        assertTrue(lines[1].endsWith(",0.1.0," + groupName + ",,,,,,,"), lines[1]);

        List<JsonNode> objects = JsonLines.read(given().auth()
                .oauth2(Tokens.admin())
                .queryParam("groupId", groupId)
                .queryParam(
                        "from", day1.atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                .queryParam("type", "acknowledged")
                .queryParam("format", "jsonl")
                .get("/api/v1/events/export"));
        assertEquals(2, objects.size(), objects.toString());
        JsonNode first = objects.get(0);
        assertEquals("acknowledged", first.get("type").asText());
        assertEquals(guideline, first.get("guidelineVersion").asInt());
        assertEquals(64, first.get("userPseudonym").asText().length());
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("format", "xml")
                .get("/api/v1/events/export")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("format"));
    }

    @Test
    void aBadParameterIsNamedInA400() {
        for (var bad : List.of(
                List.of("/api/v1/reports/usage", "from", "yesterday"),
                List.of("/api/v1/reports/shadow-ai", "to", "2026-13-01"),
                List.of("/api/v1/reports/acknowledgements", "from", "2026-11-30"),
                List.of("/api/v1/events", "from", "2026-11-28"),
                List.of("/api/v1/acknowledgements", "to", "soon"))) {
            Map<String, Object> query = new java.util.HashMap<>(Map.of("guidelineVersion", guideline));
            if (bad.get(0).startsWith("/api/v1/reports")) {
                query.put("to", "2026-11-29");
            }
            query.put(bad.get(1), bad.get(2));
            given().auth()
                    .oauth2(Tokens.viewer())
                    .queryParams(query)
                    .get(bad.get(0))
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(bad.get(1)));
        }
    }

    private Map<String, Object> event(LocalDate day, String user, String type, String serviceKey, String host) {
        Map<String, Object> event = visit("dev-" + user.replaceAll("[^A-Za-z0-9]", "-"), serviceKey, host);
        event.put(
                "occurredAt",
                day.atTime(12, 0)
                        .toInstant(ZoneOffset.UTC)
                        .plusSeconds(sequence++)
                        .toString());
        event.put("type", type);
        senders.put(event.get("id"), user);
        return event;
    }

    /**
     * Posts the events as their people's browsers do: a batch per person, with their access token, which puts them
     * in the report's group. Returns how many were accepted.
     */
    private int postAll(String enrollment, List<Map<String, Object>> events) {
        Map<String, List<Map<String, Object>>> byPerson = new java.util.LinkedHashMap<>();
        for (Map<String, Object> event : events) {
            byPerson.computeIfAbsent(senders.get(event.get("id")), u -> new ArrayList<>())
                    .add(event);
        }
        int accepted = 0;
        for (var batch : byPerson.entrySet()) {
            String token = Tokens.person(batch.getKey(), List.of("idp-" + groupName));
            accepted += post(enrollment, token, batch.getValue())
                    .statusCode(202)
                    .body("rejected", org.hamcrest.Matchers.empty())
                    .extract()
                    .<Integer>path("accepted");
        }
        return accepted;
    }

    private ValidatableResponse report(String name, String... params) {
        Map<String, Object> query =
                new java.util.HashMap<>(Map.of("groupId", groupId, "from", day1.toString(), "to", day2.toString()));
        for (int i = 0; i < params.length; i += 2) {
            query.put(params[i], params[i + 1]);
        }
        return given().auth()
                .oauth2(Tokens.viewer())
                .queryParams(query)
                .get("/api/v1/reports/" + name)
                .then()
                .statusCode(200);
    }
}
