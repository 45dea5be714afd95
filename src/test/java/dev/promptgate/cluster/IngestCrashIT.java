package dev.promptgate.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.config.EmbeddedDatabase;
import dev.promptgate.testing.Enrollment;
import io.restassured.RestAssured;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged server killed with SIGKILL while browsers post events: after a restart on the same database, every
 * event it had answered 202 is stored, and none twice, also once the browsers resend what was never answered.
 */
class IngestCrashIT {

    static EmbeddedPostgres postgres;
    static final List<ServerProcess> servers = new ArrayList<>();

    @AfterAll
    static void stop() throws Exception {
        servers.forEach(ServerProcess::close);
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyEventAnswered202IsStoredExactlyOnceAfterAKill9() throws Exception {
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("promptgate-crash"), 0);
        String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        Map<String, String> env = ServerProcess.env("PROMPTGATE_EVENTS_DEVICE_BATCHES_PER_MINUTE", "0");
        ServerProcess first = ServerProcess.start("crash-before", jdbcUrl, env);
        servers.add(first);
        String enrollment = Enrollment.newToken(
                RestAssured.given().baseUri(first.url()).auth().oauth2(ServerProcess.BOOTSTRAP_TOKEN), "crash");
        EventLoad load = new EventLoad(enrollment);
        AtomicReference<String> target = new AtomicReference<>(first.url());
        AtomicBoolean posting = new AtomicBoolean(true);
        List<Thread> browsers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread browser = new Thread(() -> {
                while (posting.get()) {
                    load.post(target::get, load.newBatch(50));
                }
            });
            browser.start();
            browsers.add(browser);
        }
        // Kill it in the middle of the load, once it has answered a good number of batches.
        await("batches are being acknowledged")
                .atMost(Duration.ofSeconds(60))
                .until(() -> load.acknowledgedCount() >= 2000);
        first.kill();
        int acknowledgedBeforeKill = load.acknowledgedCount();
        posting.set(false);
        for (Thread browser : browsers) {
            browser.join(30_000);
        }

        ServerProcess second = ServerProcess.start("crash-after", jdbcUrl, env);
        servers.add(second);
        load.assertStoredExactlyOnce(jdbcUrl);
        int unanswered = load.unansweredBatches();
        load.resendUnanswered(second.url());
        load.assertStoredExactlyOnce(jdbcUrl);
        assertTrue(load.acknowledgedCount() == load.generatedCount(), "every event is stored in the end");
        System.out.printf(
                "kill -9 during ingest: %d events acknowledged before the kill, %d batches unanswered and resent,"
                        + " %d events generated, 0 lost, 0 stored twice; answers %s%n",
                acknowledgedBeforeKill, unanswered, load.generatedCount(), load.statuses());
    }
}
