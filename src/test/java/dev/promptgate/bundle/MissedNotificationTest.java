package dev.promptgate.bundle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.promptgate.testing.Client;
import dev.promptgate.testing.ConfiguredServer;
import dev.promptgate.testing.Enrollment;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A change whose NOTIFY never arrived is still picked up by the periodic version check. */
@QuarkusTest
@TestProfile(ConfiguredServer.class) // its version check runs every second
class MissedNotificationTest {

    @Inject
    EntityManager em;

    @Test
    void periodicCheckCompilesAChangeThatSentNoNotification() {
        String enrollment = Enrollment.newToken("missed-notification");
        // The new token's own NOTIFY refreshes the bundles and then the tokens; once the token is accepted, that
        // refresh is over, and nothing but the periodic check can notice the write below.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Client.policy(enrollment).statusCode() == 200);
        assertFalse(Client.policy(enrollment).asString().contains("unannounced.example"));
        // Written behind the application's back: a new entry and a moved revision, but no NOTIFY.
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into url_filter (list, pattern, action) values"
                            + " ('BLOCKLIST', 'unannounced.example', 'BLOCK')")
                    .executeUpdate();
            em.createNativeQuery("update distribution_state set policy_revision = policy_revision + 1")
                    .executeUpdate();
        });
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Client.policy(enrollment).asString().contains("unannounced.example"));
    }
}
