package dev.promptgate.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The PostgreSQL the server runs on when no JDBC URL is configured: real PostgreSQL binaries from Maven
 * Central, with the data kept in a directory that survives restarts.
 *
 * <p>It has to start before Quarkus reads its runtime configuration, so it reads its own few settings from
 * system properties and environment variables only (the same names as {@link PromptgateConfig} documents).
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static EmbeddedPostgres running;

    private EmbeddedDatabase() {}

    public static synchronized void startIfNoDatabaseConfigured() {
        if (running != null || !setting("quarkus.datasource.jdbc.url", "").isBlank()) {
            return;
        }
        if (!Boolean.parseBoolean(setting("promptgate.embedded-database.enabled", "true"))) {
            return;
        }
        Path dataDir = Path.of(setting("promptgate.embedded-database.data-dir", "data/postgres"))
                .toAbsolutePath();
        int port = Integer.parseInt(setting("promptgate.embedded-database.port", "0"));
        running = start(dataDir, port);
        System.setProperty("quarkus.datasource.jdbc.url", running.getJdbcUrl("postgres", "postgres"));
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "postgres");
        LOG.infof("No database configured: using the embedded PostgreSQL with its data in %s", dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
    }

    /** Starts PostgreSQL on {@code port} (0 picks a free one) with its data in {@code dataDir}, kept as it is. */
    public static EmbeddedPostgres start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder =
                    EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false);
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static synchronized void stop() {
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
            running = null;
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null ? fallback : value;
    }
}
