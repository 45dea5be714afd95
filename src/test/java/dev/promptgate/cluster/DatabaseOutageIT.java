package dev.promptgate.cluster;

import static dev.promptgate.cluster.DatabaseOutage.awaitStatus;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * While the database is down, browsers keep getting the last compiled policy (200 and 304), readiness says
 * the database is down and liveness stays up; when it is back, everything recovers by itself.
 */
class DatabaseOutageIT {

    static DatabaseOutage outage;

    @AfterAll
    static void stop() throws Exception {
        if (outage != null) {
            outage.close();
        }
    }

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

        outage.stopDatabase();

        awaitStatus(() -> server.status("/q/health/ready"), 503);
        assertEquals(200, server.status("/q/health/live"));
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

        outage.startDatabase();

        awaitStatus(() -> server.status("/q/health/ready"), 200);
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
