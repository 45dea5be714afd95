package dev.promptgate.cluster;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * While the database is down, event batches are refused with 503 and Retry-After and nothing of them is stored;
 * once it is back, the same batches are taken, each event exactly once.
 */
class EventIngestOutageIT {

    @AutoClose
    static DatabaseOutage outage;

    @Test
    void batchesAreRefusedWith503WhileTheDatabaseIsDownAndTakenOnceWhenItIsBack() throws Exception {
        outage = DatabaseOutage.start("event-outage");
        String enrollment = outage.enrollmentToken("event-outage");
        String device = UUID.randomUUID().toString();
        List<Map<String, Object>> before = batch(device, 10);
        post(enrollment, before).then().statusCode(202).body("accepted", equalTo(10));

        outage.stopDatabase();

        List<Map<String, Object>> during = batch(device, 20);
        Response refused = post(enrollment, during);
        assertEquals(503, refused.statusCode(), refused.asString());
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(Integer.parseInt(refused.header("Retry-After")) > 0);

        outage.startDatabase();

        // Refused with 503 until the server has its connections back; the first other answer must take them all.
        Response taken = await("a batch is taken again")
                .atMost(Duration.ofSeconds(30))
                // A batch a second stays within one browser's allowance (60 a minute in bursts of 20).
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> post(enrollment, during), response -> response.statusCode() != 503);
        assertEquals(202, taken.statusCode(), taken.asString());
        taken.then().body("accepted", equalTo(20)).body("duplicates", equalTo(0));
        post(enrollment, during)
                .then()
                .statusCode(202)
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(20));
        outage.request()
                .auth()
                .oauth2(ServerProcess.BOOTSTRAP_TOKEN)
                .queryParam("deviceId", device)
                .get("/api/v1/events")
                .then()
                .statusCode(200)
                .body("total", equalTo(30));
    }

    private static Response post(String token, List<Map<String, Object>> events) {
        return outage.request()
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("events", events))
                .post("/api/v1/client/events");
    }

    private static List<Map<String, Object>> batch(String device, int size) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            events.add(Map.of(
                    "id", UUID.randomUUID().toString(),
                    "occurredAt", Instant.now().minusSeconds(i).toString(),
                    "deviceId", device,
                    "extensionVersion", "0.1.0",
                    "type", "visit",
                    "serviceKey", "chatgpt",
                    "host", "chatgpt.com"));
        }
        return events;
    }
}
