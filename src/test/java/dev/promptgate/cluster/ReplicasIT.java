package dev.promptgate.cluster;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptgate.config.EmbeddedDatabase;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three replicas on one PostgreSQL, as on Kubernetes: an admin change made through one is served by the others
 * through LISTEN/NOTIFY (the periodic check is set to an hour here, so it cannot be what delivers it), and events
 * posted to any of them are all stored, once.
 */
class ReplicasIT {

    static EmbeddedPostgres postgres;
    static List<ServerProcess> replicas;
    static String enrollment;
    static String jdbcUrl;
    static java.util.Map<String, String> env;

    @BeforeAll
    static void startReplicas() throws Exception {
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("promptgate-replicas"), 0);
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        env = ServerProcess.env("PROMPTGATE_BUNDLE_VERSION_CHECK_INTERVAL", "1h");
        // The first one migrates the schema; the others then start together.
        ServerProcess first = ServerProcess.start("replica-a", jdbcUrl, env);
        var second = CompletableFuture.supplyAsync(() -> ServerProcess.start("replica-b", jdbcUrl, env));
        var third = CompletableFuture.supplyAsync(() -> ServerProcess.start("replica-c", jdbcUrl, env));
        replicas = new java.util.ArrayList<>(List.of(first, second.get(), third.get()));
        enrollment = given().baseUri(first.url())
                .auth()
                .oauth2(ServerProcess.BOOTSTRAP_TOKEN)
                .contentType(ContentType.JSON)
                .body("{\"name\": \"replicas\"}")
                .post("/api/v1/enrollment-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        if (replicas != null) {
            replicas.forEach(ServerProcess::close);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static String policyFrom(ServerProcess replica) {
        return given().baseUri(replica.url())
                .auth()
                .oauth2(enrollment)
                .get("/api/v1/client/policy")
                .asString();
    }

    @Test
    void aChangeThroughOneReplicaIsServedByTheOthersThroughTheirNotifications() {
        for (ServerProcess replica : replicas) {
            await(replica.url() + " serves the policy")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> policyFrom(replica).contains("\"schemaVersion\""));
        }
        String pattern = "replicated-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        given().baseUri(replicas.get(0).url())
                .auth()
                .oauth2(ServerProcess.BOOTSTRAP_TOKEN)
                .contentType(ContentType.JSON)
                .body("{\"pattern\": \"" + pattern + "\"}")
                .post("/api/v1/blocklist")
                .then()
                .statusCode(201);
        // The periodic check runs hourly here, so only the NOTIFY can bring the change within this bound; the
        // bound is generous because on a loaded machine the recompile itself may take a few seconds.
        for (ServerProcess replica : replicas.subList(1, replicas.size())) {
            await(replica.url() + " serves the change")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> policyFrom(replica).contains(pattern));
        }
        String etag = given().baseUri(replicas.get(1).url())
                .auth()
                .oauth2(enrollment)
                .get("/api/v1/client/policy")
                .header("ETag");
        for (ServerProcess replica : replicas) {
            // Every replica compiles the same bytes, so a browser moving between them keeps getting 304s.
            given().baseUri(replica.url())
                    .auth()
                    .oauth2(enrollment)
                    .header("If-None-Match", etag)
                    .get("/api/v1/client/policy")
                    .then()
                    .statusCode(304);
        }
    }

    @Test
    void theOthersConvergeWhenTheReplicaThatTookAChangeIsKilledRightAfterIt() {
        ServerProcess writer = replicas.get(2);
        String pattern = "killed-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        given().baseUri(writer.url())
                .auth()
                .oauth2(ServerProcess.BOOTSTRAP_TOKEN)
                .contentType(ContentType.JSON)
                .body("{\"pattern\": \"" + pattern + "\"}")
                .post("/api/v1/blocklist")
                .then()
                .statusCode(201);
        writer.kill();
        for (ServerProcess replica : replicas.subList(0, 2)) {
            await(replica.url() + " serves the change of the killed replica")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> policyFrom(replica).contains(pattern));
        }
        // A replacement, as Kubernetes starts one, compiles the same policy as the survivors.
        ServerProcess replacement = ServerProcess.start("replica-d", jdbcUrl, env);
        replicas.set(2, replacement);
        String etag = given().baseUri(replicas.get(0).url())
                .auth()
                .oauth2(enrollment)
                .get("/api/v1/client/policy")
                .header("ETag");
        for (ServerProcess replica : replicas) {
            await(replica.url() + " has converged")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> given().baseUri(replica.url())
                                    .auth()
                                    .oauth2(enrollment)
                                    .header("If-None-Match", etag)
                                    .get("/api/v1/client/policy")
                                    .statusCode(),
                            equalTo(304));
        }
    }

    /**
     * The packaged jar, as production runs it: health, metrics and the contract on each replica's own management
     * port, none of it on the HTTP port that an Ingress routes, and no Swagger UI anywhere.
     */
    @Test
    void everyReplicaServesHealthMetricsAndTheContractOnItsManagementPortOnly() {
        for (ServerProcess replica : replicas) {
            for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
                assertEquals(404, replica.status(path), replica.url() + path);
            }
            for (String path : List.of("/q/health/live", "/q/health/ready", "/q/health/started", "/q/openapi")) {
                assertEquals(200, replica.managementStatus(path), replica.managementUrl() + path);
            }
            given().baseUri(replica.managementUrl())
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(containsString("http_server_requests_seconds_count"));
            assertEquals(404, replica.managementStatus("/q/swagger-ui/"), "no Swagger UI in production");
            assertEquals(404, replica.managementStatus("/api/v1/client/jwks"), "no API on the management port");
        }
        assertEquals(
                replicas.size(),
                replicas.stream().map(ServerProcess::managementUrl).distinct().count(),
                "each replica picked a free management port");
    }

    static String events(String deviceId, int count) {
        StringBuilder batch = new StringBuilder("{\"events\": [");
        for (int i = 0; i < count; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append(
                            """
                    {"id": "%s", "occurredAt": "%s", "deviceId": "%s", "extensionVersion": "0.1.0",
                     "type": "visit", "serviceKey": "chatgpt", "host": "chatgpt.com", "action": "ALLOW"}"""
                                    .formatted(UUID.randomUUID(), Instant.now().minusSeconds(60), deviceId));
        }
        return batch.append("]}").toString();
    }

    static ValidatableResponse post(ServerProcess replica, String batch) {
        return given().baseUri(replica.url())
                .auth()
                .oauth2(enrollment)
                .contentType(ContentType.JSON)
                .body(batch)
                .post("/api/v1/client/events")
                .then()
                .statusCode(202);
    }

    @Test
    void eventsPostedToAnyReplicaAreStoredOnce() {
        String device = "device-" + UUID.randomUUID();
        String resent = events(device, 10);
        post(replicas.get(0), resent).body("accepted", equalTo(10)).body("duplicates", equalTo(0));
        // A browser whose answer was lost resends the same batch, and reaches other replicas.
        post(replicas.get(1), resent).body("accepted", equalTo(0)).body("duplicates", equalTo(10));
        post(replicas.get(2), resent).body("accepted", equalTo(0)).body("duplicates", equalTo(10));
        for (ServerProcess replica : replicas) {
            post(replica, events(device, 5)).body("accepted", equalTo(5));
        }
        for (ServerProcess replica : replicas) {
            given().baseUri(replica.url())
                    .auth()
                    .oauth2(ServerProcess.BOOTSTRAP_TOKEN)
                    .queryParam("deviceId", device)
                    .queryParam("size", 200)
                    .get("/api/v1/events")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(25))
                    .body("items.id.unique().size()", equalTo(25));
        }
    }
}
