package dev.promptgate.testing;

import dev.promptgate.config.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL for the tests, started once per test JVM, unless QUARKUS_DATASOURCE_JDBC_URL points the
 * tests at an existing server.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;

    @Override
    public synchronized Map<String, String> start() {
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
            return Map.of();
        }
        if (postgres == null) {
            postgres = EmbeddedDatabase.start(freshDirectory(), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresResource::close));
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        // Shared by all test classes; stopped when the test JVM ends.
    }

    public static synchronized String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public static synchronized EmbeddedPostgres postgres() {
        return postgres;
    }

    private static Path freshDirectory() {
        try {
            return Files.createTempDirectory("promptgate-test-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void close() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            // The JVM is ending; nothing left to do.
        }
    }
}
