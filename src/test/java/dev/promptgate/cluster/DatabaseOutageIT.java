package dev.promptgate.cluster;

import static dev.promptgate.cluster.DatabaseOutage.awaitStatus;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * While the database is down for a minute under browsers' load, they keep getting the last compiled policy (200 and
 * 304, every single fetch), event batches are refused with 503 and Retry-After, readiness says the database is down
 * and liveness stays up; when it is back, everything recovers by itself, and every event the browsers sent is stored
 * once they resend what was refused: nothing lost, nothing twice.
 */
class DatabaseOutageIT {

    @AutoClose
    static DatabaseOutage outage;

    @Test
    void policyIsServedThroughAnOutageAndTheServerRecovers() throws Exception {
        outage = DatabaseOutage.start("outage");
        ServerProcess server = outage.server();
        String enrollment = outage.enrollmentToken("outage");
        awaitStatus(
                () -> outage.request()
                        .auth()
                        .oauth2(enrollment)
                        .get("/api/v1/client/policy")
                        .statusCode(),
                200);
        var before = outage.request().auth().oauth2(enrollment).get("/api/v1/client/policy");
        String etag = before.header("ETag");

        EventLoad events = new EventLoad(enrollment);
        Map<Integer, AtomicInteger> fetches = new ConcurrentHashMap<>();
        AtomicInteger refusedWithoutRetryAfter = new AtomicInteger();
        AtomicBoolean loading = new AtomicBoolean(true);
        Thread browsers = new Thread(() -> {
            while (loading.get()) {
                int status = outage.request()
                        .auth()
                        .oauth2(enrollment)
                        .header("If-None-Match", etag)
                        .get("/api/v1/client/policy")
                        .statusCode();
                fetches.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                EventLoad.Batch batch = events.newBatch(20);
                HttpResponse<String> answer = events.send(server.url(), batch);
                if (answer.statusCode() == 503
                        && answer.headers().firstValue("Retry-After").isEmpty()) {
                    refusedWithoutRetryAfter.incrementAndGet();
                }
                events.record(batch, answer.statusCode());
            }
        });
        browsers.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> events.acknowledgedCount() > 0);

        outage.stopDatabase();
        Instant down = Instant.now();

        awaitStatus(() -> server.managementStatus("/q/health/ready"), 503);
        assertEquals(200, server.managementStatus("/q/health/live"));
        outage.request()
                .auth()
                .oauth2(enrollment)
                .get("/api/v1/client/policy")
                .then()
                .statusCode(200)
                .header("ETag", equalTo(etag));
        outage.request()
                .auth()
                .oauth2(enrollment)
                .header("If-None-Match", etag)
                .get("/api/v1/client/policy")
                .then()
                .statusCode(304);

        // The outage lasts a minute, under the browsers' load all along.
        await("a minute of outage")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Duration.between(down, Instant.now()).toSeconds() >= 60);
        assertTrue(events.statuses().containsKey(503), "batches were refused while the database was down");

        outage.startDatabase();

        awaitStatus(() -> server.managementStatus("/q/health/ready"), 200);
        loading.set(false);
        browsers.join(30_000);
        assertTrue(Set.of(200, 304).containsAll(fetches.keySet()), "every policy fetch was answered: " + fetches);
        assertEquals(0, refusedWithoutRetryAfter.get(), "every 503 says when to come back");
        assertTrue(
                Set.of(202, 503).containsAll(events.statuses().keySet()),
                "batches are taken or refused with 503: " + events.statuses());
        int refused = events.unansweredBatches();
        events.resendUnanswered(server.url());
        events.assertStoredExactlyOnce(outage.jdbcUrl());
        assertEquals(events.generatedCount(), events.acknowledgedCount(), "every event sent is stored");
        System.out.printf(
                "60 s database outage under load: policy fetches %s, event batches %s, %d refused batches resent,"
                        + " %d events stored, 0 lost, 0 twice%n",
                fetches, events.statuses(), refused, events.generatedCount());
        outage.request()
                .auth()
                .oauth2(ServerProcess.BOOTSTRAP_TOKEN)
                .contentType(ContentType.JSON)
                .body("{\"pattern\": \"after-the-outage.example\"}")
                .post("/api/v1/blocklist")
                .then()
                .statusCode(201);
        await("the change after the outage is served")
                .atMost(Duration.ofSeconds(10))
                .until(() -> outage.request()
                        .auth()
                        .oauth2(enrollment)
                        .get("/api/v1/client/policy")
                        .asString()
                        .contains("after-the-outage.example"));
    }
}
