package dev.promptgate.client;

import static dev.promptgate.testing.ClientEvents.post;
import static dev.promptgate.testing.ClientEvents.visit;
import static dev.promptgate.testing.ClientEvents.visits;
import static dev.promptgate.testing.ClientEvents.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Guidelines;
import dev.promptgate.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/v1/client/events: what browsers report, checked event by event, stored once. */
@QuarkusTest
class ClientEventsTest {

    @Inject
    AgroalDataSource dataSource;

    String enrollment;
    String device;

    @BeforeEach
    void enroll() {
        enrollment = Enrollment.newToken("client-events-test");
        device = UUID.randomUUID().toString();
    }

    @Test
    void aBatchIsAcceptedWithItsCounts() {
        post(enrollment, visits(3, device))
                .statusCode(202)
                .contentType(ContentType.JSON)
                .body("accepted", equalTo(3))
                .body("duplicates", equalTo(0))
                .body("rejected", empty());
        eventsOfDevice().body("total", equalTo(3));
    }

    @Test
    void resendingABatchStoresNothingTwice() {
        List<Map<String, Object>> batch = visits(5, device);
        post(enrollment, batch).statusCode(202).body("accepted", equalTo(5)).body("duplicates", equalTo(0));
        post(enrollment, batch).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(5));

        List<Map<String, Object>> overlapping = new ArrayList<>(batch.subList(3, 5));
        overlapping.addAll(visits(2, device));
        post(enrollment, overlapping)
                .statusCode(202)
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(2));
        eventsOfDevice().body("total", equalTo(7));
    }

    @Test
    void anEventTwiceInOneBatchIsStoredOnce() {
        Map<String, Object> event = visit(device, "chatgpt", "chatgpt.com");
        post(enrollment, List.of(event, event))
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("duplicates", equalTo(1));
    }

    @Test
    void badEventsAreRefusedWithTheirReasonsWhileTheOthersAreKept() {
        Map<String, Object> good = visit(device, "chatgpt", "chatgpt.com");
        List<Map<String, Object>> batch = List.of(
                good,
                with(visit(device, "chatgpt", "chatgpt.com"), "id", "not-a-uuid"),
                with(visit(device, null, "chatgpt.com"), "type", null),
                with(
                        visit(device, null, "chatgpt.com"),
                        "occurredAt",
                        Instant.now().plus(3, ChronoUnit.DAYS).toString()),
                with(
                        visit(device, null, "chatgpt.com"),
                        "occurredAt",
                        Instant.now().minus(400, ChronoUnit.DAYS).toString()),
                with(visit(device, null, "chatgpt.com"), "action", "SHRUG"),
                with(visit(device, null, null), "type", "warned"),
                with(visit(device, null, "chatgpt.com"), "type", "acknowledged"),
                with(visit(device, null, "chatgpt.com"), "guidelineVersion", "three"),
                visit(device, "gemini", "gemini.google.com"));
        post(enrollment, batch)
                .statusCode(202)
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(0))
                .body("rejected.index", contains(1, 2, 3, 4, 5, 6, 7, 8))
                .body("rejected[0].id", nullValue())
                .body("rejected[0].reason", containsString("id: must be a UUID"))
                .body("rejected[1].id", equalTo(batch.get(2).get("id")))
                .body("rejected[1].reason", containsString("type: is required"))
                .body("rejected[2].reason", containsString("in the future"))
                .body("rejected[3].reason", containsString("older than the retention period"))
                .body("rejected[4].reason", containsString("action: must be one of"))
                .body("rejected[5].reason", containsString("names its serviceKey or host"))
                .body("rejected[6].reason", containsString("guidelineVersion"))
                .body("rejected[7].reason", containsString("guidelineVersion: must be a positive whole number"));
        eventsOfDevice().body("total", equalTo(2));
    }

    @Test
    void somethingOtherThanAnObjectIsRefusedAsAnEvent() {
        given().auth()
                .oauth2(enrollment)
                .contentType(ContentType.JSON)
                .body("{\"events\": [42, \"visit\", null]}")
                .post("/api/v1/client/events")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(0))
                .body("rejected", hasSize(3))
                .body("rejected[0].reason", equalTo("the event must be a JSON object"));
    }

    @Test
    void anEmptyBatchIsFine() {
        post(enrollment, List.of()).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(0));
    }

    @Test
    void aBatchOverTheMaximumIsRefusedWith413() {
        post(enrollment, visits(501, device))
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("detail", containsString("at most 500 events"));
        eventsOfDevice().body("total", equalTo(0));
    }

    @Test
    void malformedJsonIsRefusedWith400() {
        given().auth()
                .oauth2(enrollment)
                .contentType(ContentType.JSON)
                .body("{\"events\": [{\"id\": ")
                .post("/api/v1/client/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://promptgate.dev/problems/malformed-body"));
        given().auth()
                .oauth2(enrollment)
                .contentType(ContentType.JSON)
                .body("{\"events\": {}}")
                .post("/api/v1/client/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(enrollment)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/client/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("events"));
    }

    @Test
    void onlyEnrollmentTokensMayPostEvents() {
        for (String token : List.of(Tokens.admin(), Tokens.viewer(), Tokens.BOOTSTRAP)) {
            post(token, visits(1, device)).statusCode(403);
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("events", visits(1, device)))
                .post("/api/v1/client/events")
                .then()
                .statusCode(401);
        eventsOfDevice().body("total", equalTo(0));
    }

    @Test
    void aFloodingBrowserIsRefusedWith429WhileAnotherBrowserOfItsTokenIsNot() throws Exception {
        // The test profile allows a browser 120 batches a minute in bursts of 40. Batches go out sixteen at a time,
        // so that they outpace the refill (two a second) however slow the machine; sent one by one they might not.
        String batch = "{\"events\": ["
                + new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(visit(device, "chatgpt", "chatgpt.com"))
                + "]}";
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<Response> refusals = new CopyOnWriteArrayList<>();
        List<Integer> others = new CopyOnWriteArrayList<>();
        try {
            for (int round = 0; round < 20 && refusals.isEmpty(); round++) {
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    sent.add(senders.submit(() -> {
                        Response response = given().auth()
                                .oauth2(enrollment)
                                .contentType(ContentType.JSON)
                                .body(batch)
                                .post("/api/v1/client/events");
                        if (response.statusCode() == 429) {
                            refusals.add(response);
                        } else if (response.statusCode() != 202) {
                            others.add(response.statusCode());
                        }
                    }));
                }
                for (Future<?> done : sent) {
                    done.get();
                }
            }
        } finally {
            senders.shutdownNow();
        }
        assertEquals(List.of(), others, "every batch is accepted or refused with 429");
        assertTrue(!refusals.isEmpty(), "no 429 within 320 batches");
        Response refused = refusals.get(0);
        refused.then()
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString("This browser"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        // Another browser with the same enrollment token has its own allowance.
        post(enrollment, visits(1, UUID.randomUUID().toString()))
                .statusCode(202)
                .body("accepted", equalTo(1));
    }

    @Test
    void theSameEventIdFromAnotherTokenIsAnotherEventNotADuplicate() {
        Map<String, Object> event = visit(device, "chatgpt", "chatgpt.com");
        post(enrollment, List.of(event)).statusCode(202).body("accepted", equalTo(1));
        String other = Enrollment.newToken("client-events-test-other");
        // Another token holder cannot shadow the event, nor learn that its id exists.
        post(other, List.of(event)).statusCode(202).body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        post(other, List.of(event)).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        eventsOfDevice().body("total", equalTo(2));
    }

    @Test
    void anAcknowledgementOfAVersionNobodyPublishedIsRefused() {
        int published = Guidelines.publishNew("Published before the acknowledgements");
        Map<String, Object> acknowledged = with(visit(device, null, null), "type", "acknowledged");
        post(
                        enrollment,
                        List.of(
                                with(acknowledged, "guidelineVersion", published + 1000),
                                with(with(acknowledged, "id", UUID.randomUUID().toString()), "guidelineVersion", 0),
                                with(
                                        with(
                                                acknowledged,
                                                "id",
                                                UUID.randomUUID().toString()),
                                        "guidelineVersion",
                                        published)))
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected.index", contains(0, 1))
                .body("rejected[0].reason", equalTo("guidelineVersion: names no published guideline version"));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("deviceId", device)
                .get("/api/v1/acknowledgements")
                .then()
                .statusCode(200)
                .body("items.guidelineVersion", contains(published));
    }

    @Test
    void aVersionPublishedAMomentAgoIsAcknowledgedAtOnce() {
        // No waiting for the change to be announced: the replica reads the versions again for a number it lacks.
        int published = Guidelines.publishNew("Just published");
        post(
                        enrollment,
                        List.of(with(
                                with(visit(device, null, null), "type", "acknowledged"),
                                "guidelineVersion",
                                published)))
                .statusCode(202)
                .body("accepted", equalTo(1));
    }

    @Test
    void theBrowsersUserAndGroupsAreIgnoredAndTheAnswerSaysSo() {
        post(
                        enrollment,
                        List.of(
                                with(visit(device, "chatgpt", "chatgpt.com"), "user", "ceo@example.com"),
                                with(visit(device, "chatgpt", "chatgpt.com"), "groups", List.of("Executives"))))
                .statusCode(202)
                .body("accepted", equalTo(2))
                .body("ignored", contains("user", "groups"));
        eventsOfDevice()
                .body("total", equalTo(2))
                .body("items.userPseudonym", everyItem(nullValue()))
                .body("items.groups", everyItem(empty()));
        post(enrollment, visits(1, device)).statusCode(202).body("ignored", empty());
    }

    @Test
    void hostsAreStoredBareAndUrlsAreRefused() throws Exception {
        String marker = "secret" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> batch = List.of(
                visit(device, null, "https://chat.example.ai/c/" + marker + "?q=" + marker),
                visit(device, null, "chat.example.ai/c/" + marker),
                visit(device, null, "chat.example.ai?q=" + marker),
                visit(device, null, "chat.example.ai#" + marker),
                visit(device, null, marker + "@chat.example.ai"),
                visit(device, null, "chat example.ai"),
                with(visit(device, null, "chat.example.ai"), "deviceId", "dev/" + marker + "?x"),
                with(visit(device, null, "chat.example.ai"), "serviceKey", "chatgpt/" + marker),
                visit(device, null, "Chat.Example.AI:8443"),
                visit(device, null, "bücher.example."),
                // Accepted, and its user (a URL) ignored, never stored.
                with(visit(device, null, "chat.example.ai"), "user", "https://idp.example/" + marker + "?u=1"));
        post(enrollment, batch)
                .statusCode(202)
                .body("accepted", equalTo(3))
                .body("ignored", contains("user"))
                .body("rejected.index", contains(0, 1, 2, 3, 4, 5, 6, 7))
                .body("rejected[0].reason", containsString("not a URL"))
                .body("rejected[1].reason", containsString("without path, query, fragment"));
        eventsOfDevice()
                .body(
                        "items.host",
                        org.hamcrest.Matchers.containsInAnyOrder(
                                "chat.example.ai", "xn--bcher-kva.example", "chat.example.ai"));
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String table :
                    List.of("client_event", "acknowledgement", "event_daily_count", "event_active_subject")) {
                try (ResultSet result = statement.executeQuery(
                        "select count(*) from " + table + " t where t::text like '%" + marker + "%' or (t::text like '%"
                                + device + "%' and (t::text like '%/%' or t::text like '%?%'))")) {
                    result.next();
                    assertEquals(0, result.getLong(1), table + " holds part of a submitted URL");
                }
            }
        }
    }

    @Test
    void eventsAreFoundByTypeServiceHostAndTime() {
        Instant at = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        post(
                        enrollment,
                        List.of(
                                with(visit(device, "chatgpt", "chatgpt.com"), "occurredAt", at.toString()),
                                with(
                                        with(visit(device, "chatgpt", "chatgpt.com"), "type", "warned"),
                                        "occurredAt",
                                        at.toString()),
                                with(visit(device, "gemini", "gemini.google.com"), "occurredAt", at.toString()),
                                with(
                                        visit(device, null, "unknown-ai.example"),
                                        "occurredAt",
                                        at.plusSeconds(1).toString())))
                .statusCode(202)
                .body("accepted", equalTo(4));
        query("type", "warned").body("total", equalTo(1)).body("items[0].serviceKey", equalTo("chatgpt"));
        query("serviceKey", "chatgpt").body("total", equalTo(2));
        query("host", "Unknown-AI.example").body("total", equalTo(1)).body("items[0].serviceKey", nullValue());
        query("from", at.plusSeconds(1).toString()).body("total", equalTo(1));
        query("to", at.plusSeconds(1).toString()).body("total", equalTo(3));
        eventsOfDevice()
                .body("items[0].host", equalTo("unknown-ai.example"))
                .body("items[0].occurredAt", equalTo(at.plusSeconds(1).toString()))
                .body("items[0].receivedAt", notNullValue())
                .body("items[0].extensionVersion", equalTo("0.1.0"));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("deviceId", device)
                .get("/api/v1/events")
                .then()
                .statusCode(200)
                .body("total", equalTo(4));
    }

    @Test
    void acknowledgedEventsBecomeAcknowledgements() {
        int older = Guidelines.publishNew("Acknowledged first");
        int newer = Guidelines.publishNew("Acknowledged second");
        Instant first = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> acknowledged =
                with(with(visit(device, null, null), "type", "acknowledged"), "guidelineVersion", newer);
        post(
                        enrollment,
                        List.of(
                                with(acknowledged, "occurredAt", first.toString()),
                                with(
                                        with(
                                                acknowledged,
                                                "id",
                                                UUID.randomUUID().toString()),
                                        "occurredAt",
                                        first.plusSeconds(60).toString()),
                                with(
                                        with(
                                                with(
                                                        acknowledged,
                                                        "id",
                                                        UUID.randomUUID().toString()),
                                                "guidelineVersion",
                                                older),
                                        "occurredAt",
                                        first.toString())))
                .statusCode(202)
                .body("accepted", equalTo(3));
        // An older acknowledgement arriving late does not replace the latest.
        post(
                        enrollment,
                        List.of(with(
                                with(acknowledged, "id", UUID.randomUUID().toString()),
                                "occurredAt",
                                first.minusSeconds(600).toString())))
                .statusCode(202);
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("deviceId", device)
                .get("/api/v1/acknowledgements")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.guidelineVersion", contains(newer, older))
                .body("items[0].acknowledgedAt", equalTo(first.plusSeconds(60).toString()))
                .body("items[0].deviceId", equalTo(device))
                .body("items[0].userPseudonym", nullValue());
    }

    private io.restassured.response.ValidatableResponse query(String name, String value) {
        return given().auth()
                .oauth2(Tokens.admin())
                .queryParam("deviceId", device)
                .queryParam(name, value)
                .get("/api/v1/events")
                .then()
                .statusCode(200);
    }

    private io.restassured.response.ValidatableResponse eventsOfDevice() {
        return given().auth()
                .oauth2(Tokens.admin())
                .queryParam("deviceId", device)
                .get("/api/v1/events")
                .then()
                .statusCode(200);
    }
}
