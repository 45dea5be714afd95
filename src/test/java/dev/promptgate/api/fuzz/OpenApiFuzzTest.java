package dev.promptgate.api.fuzz;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.config.EmbeddedDatabase;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Management;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document, called with generated hostile input (see {@link HostileInputs}) by the
 * callers allowed to call it, for a bounded time: the server answers none of it with a 5xx, and every error is a
 * problem detail that shows nothing of the server's insides.
 *
 * <p>Seeded and repeatable: {@code -Dfuzz.seed=N} repeats a run, {@code -Dfuzz.seconds=S} runs longer (default 25).
 * It runs on a database of its own, since hostile input that happens to be valid changes what it reaches.
 */
@QuarkusTest
@TestProfile(OpenApiFuzzTest.OwnDatabase.class)
class OpenApiFuzzTest {

    /** The application on a PostgreSQL of its own, so that what the fuzzer changes stays out of other tests. */
    public static class OwnDatabase implements QuarkusTestProfile {
        private static EmbeddedPostgres postgres;

        static synchronized String jdbcUrl() {
            if (postgres == null) {
                try {
                    postgres = EmbeddedDatabase.start(Files.createTempDirectory("promptgate-fuzz-pg"), 0);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        // The JVM is ending.
                    }
                }));
            }
            return postgres.getJdbcUrl("postgres", "postgres");
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", jdbcUrl());
        }
    }

    private static final long SEED = Long.getLong("fuzz.seed", 15);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("fuzz.seconds", 25));
    private static final HttpClient HTTP = newClient();

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void noHostileInputGetsA5xxOrAnErrorThatShowsTheServersInsides() throws Exception {
        assertEquals(OwnDatabase.jdbcUrl(), jdbcUrl, "the fuzzer runs on a database of its own");
        OpenApiDocument document = new OpenApiDocument(new ObjectMapper()
                .readTree(Management.given()
                        .accept(ContentType.JSON)
                        .get("/q/openapi?format=json")
                        .asByteArray()));
        List<OpenApiDocument.Operation> operations = document.operations();
        Callers callers = new Callers(Tokens.admin(), Tokens.viewer(), Enrollment.newToken("fuzz"), scimToken());
        HostileInputs inputs = new HostileInputs(SEED);
        FuzzRequests requests = new FuzzRequests(inputs, document);

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        long deadline = System.nanoTime() + BUDGET.toNanos();
        for (int round = 0; System.nanoTime() < deadline && failures.size() < 20; round++) {
            for (OpenApiDocument.Operation operation : operations) {
                String bearer = callers.pick(operation, round);
                FuzzRequests.Built built = requests.build(operation, base.toString(), bearer);
                HttpResponse<byte[]> response = send(built.request());
                sent++;
                if (response == null) {
                    failures.add("connection dropped without an answer <- " + built.description());
                    continue;
                }
                statuses.merge(response.statusCode(), 1, Integer::sum);
                String problem = judge(response);
                if (problem != null) {
                    failures.add(problem + " <- " + built.description());
                }
            }
        }
        System.out.printf(
                "OpenAPI fuzzing (seed %d, %d s, %d operations): %d requests, statuses %s%n",
                SEED, BUDGET.toSeconds(), operations.size(), sent, statuses);
        assertTrue(
                failures.isEmpty(),
                () -> failures.size() + " bad answers (repeat with -Dfuzz.seed=" + SEED + "):\n"
                        + String.join("\n", failures));
        assertTrue(sent >= operations.size(), "every operation was called at least once");
    }

    /** Why an answer is wrong, or null when it is fine. */
    private static String judge(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        if (status >= 500) {
            return status + " " + response.headers().firstValue("Content-Type").orElse("") + " "
                    + body.substring(0, Math.min(1500, body.length()));
        }
        if (status >= 400 && response.body().length > 0) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json") && !type.startsWith("application/scim+json")) {
                return status + " with " + type + ": " + body.substring(0, Math.min(200, body.length()));
            }
        }
        if (status >= 400 && HostileInputs.INTERNALS.matcher(body).find()) {
            return status + " shows internals: " + body.substring(0, Math.min(300, body.length()));
        }
        return null;
    }

    /**
     * The answer, on a pooled connection; when that one turns out to have been closed by the server after its last
     * answer (as it does after a 413), once more on a fresh one. Null when the server drops that one too.
     */
    private static HttpResponse<byte[]> send(HttpRequest request) throws InterruptedException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException stale) {
            try {
                return newClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                return null;
            }
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    private static String scimToken() {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"fuzz\"}")
                .post("/api/v1/scim-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    /** Who calls an operation: a role it allows; reads alternate between admin and viewer. */
    record Callers(String admin, String viewer, String client, String scim) {
        String pick(OpenApiDocument.Operation operation, int round) {
            List<String> roles = operation.roles();
            if (roles.contains("client")) {
                return client;
            }
            if (operation.path().startsWith("/scim/")) {
                return scim;
            }
            if (roles.contains("viewer") && round % 2 == 1) {
                return viewer;
            }
            return admin;
        }
    }

    static URI uri(String text) {
        return URI.create(text);
    }
}
