package dev.promptgate.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.config.EmbeddedDatabase;
import io.restassured.http.ContentType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * While the database is down, browsers keep getting the last compiled policy (200 and 304), readiness says
 * the database is down and liveness stays up; when it is back, everything recovers by itself.
 */
class DatabaseOutageIT {

    static EmbeddedPostgres postgres;
    static ServerProcess server;

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void policyIsServedThroughAnOutageAndTheServerRecovers() throws Exception {
        Path data = Files.createTempDirectory("promptgate-outage");
        postgres = EmbeddedDatabase.start(data, 0);
        int port = postgres.getPort();
        server = ServerProcess.start("outage", postgres.getJdbcUrl("postgres", "postgres"));
        String enrollment = given().baseUri(server.url())
                .auth()
                .oauth2(ServerProcess.BOOTSTRAP_TOKEN)
                .contentType(ContentType.JSON)
                .body("{\"name\": \"outage\"}")
                .post("/api/v1/enrollment-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        awaitStatus(
                () -> given().baseUri(server.url())
                        .auth()
                        .oauth2(enrollment)
                        .get("/api/v1/client/policy")
                        .statusCode(),
                200);
        var before = given().baseUri(server.url()).auth().oauth2(enrollment).get("/api/v1/client/policy");
        String etag = before.header("ETag");

        postgres.close();

        awaitStatus(() -> server.status("/q/health/ready"), 503);
        assertEquals(200, server.status("/q/health/live"));
        given().baseUri(server.url())
                .auth()
                .oauth2(enrollment)
                .get("/api/v1/client/policy")
                .then()
                .statusCode(200)
                .header("ETag", equalTo(etag));
        given().baseUri(server.url())
                .auth()
                .oauth2(enrollment)
                .header("If-None-Match", etag)
                .get("/api/v1/client/policy")
                .then()
                .statusCode(304);

        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();

        awaitStatus(() -> server.status("/q/health/ready"), 200);
        given().baseUri(server.url())
                .auth()
                .oauth2(ServerProcess.BOOTSTRAP_TOKEN)
                .contentType(ContentType.JSON)
                .body("{\"pattern\": \"after-the-outage.example\"}")
                .post("/api/v1/blocklist")
                .then()
                .statusCode(201);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!given().baseUri(server.url())
                .auth()
                .oauth2(enrollment)
                .get("/api/v1/client/policy")
                .asString()
                .contains("after-the-outage.example")) {
            assertTrue(System.nanoTime() < deadline, "the change after the outage was not served");
            Thread.sleep(100);
        }
    }

    static void awaitStatus(java.util.function.IntSupplier status, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = status.getAsInt();
            if (last == expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected status " + expected + ", last was " + last);
    }
}
