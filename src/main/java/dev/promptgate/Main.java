package dev.promptgate;

import dev.promptgate.config.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the embedded PostgreSQL first when no database is configured, so trying Promptgate needs no install.
 *
 * <p>Not when the build runs the application only to record its class-data archive ({@code
 * quarkus.appcds.generate}): that run stops before anything reaches a database.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (!Boolean.getBoolean("quarkus.appcds.generate")) {
            EmbeddedDatabase.startIfNoDatabaseConfigured();
        }
        Quarkus.run(args);
    }
}
