package dev.promptgate.cluster;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.promptgate.config.EmbeddedDatabase;
import dev.promptgate.testing.Enrollment;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * One packaged server on a PostgreSQL of its own that a test can stop and start again on the same data and
 * port: a database outage as production sees it.
 */
final class DatabaseOutage implements AutoCloseable {

    private final Path data;
    private final int port;
    private final ServerProcess server;
    private EmbeddedPostgres postgres;

    private DatabaseOutage(Path data, EmbeddedPostgres postgres, ServerProcess server) {
        this.data = data;
        this.port = postgres.getPort();
        this.postgres = postgres;
        this.server = server;
    }

    /** Starts a database and a server on it, ready. */
    static DatabaseOutage start(String name) throws IOException {
        return start(name, Map.of());
    }

    /** Starts a database and a server on it with these environment variables, ready. */
    static DatabaseOutage start(String name, Map<String, String> env) throws IOException {
        Path data = Files.createTempDirectory("promptgate-" + name);
        EmbeddedPostgres postgres = EmbeddedDatabase.start(data, 0);
        try {
            return new DatabaseOutage(
                    data, postgres, ServerProcess.start(name, postgres.getJdbcUrl("postgres", "postgres"), env));
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    ServerProcess server() {
        return server;
    }

    /** The database's JDBC URL (the same port before and after an outage). */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /** A request to the server. */
    RequestSpecification request() {
        return given().baseUri(server.url());
    }

    /** Creates an enrollment token through the admin API and returns its secret. */
    String enrollmentToken(String name) {
        return Enrollment.newToken(request().auth().oauth2(ServerProcess.BOOTSTRAP_TOKEN), name);
    }

    /** The outage: the database stops (fast shutdown, as when its host goes away cleanly). */
    void stopDatabase() throws IOException {
        postgres.close();
        postgres = null;
    }

    /** The end of the outage: the same data, on the same port. */
    void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    /** Waits up to 30 s for a status. */
    static void awaitStatus(IntSupplier status, int expected) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(status::getAsInt, equalTo(expected));
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
