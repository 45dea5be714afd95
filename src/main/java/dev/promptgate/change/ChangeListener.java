package dev.promptgate.change;

import dev.promptgate.config.PromptgateConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Keeps this replica current: it LISTENs on {@link #CHANNEL} over a connection of its own and announces the
 * {@link Revisions} on every notification, every {@code promptgate.bundle.version-check-interval} in case a
 * notification was missed, and after every reconnect; it reconnects by itself when the database goes away and
 * comes back. What to reload is up to the observers (the bundle store, the enrollment-token cache).
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    private static final int POLL_MILLIS = 250;

    /** The PostgreSQL channel every replica listens on. Payload: {@code policy}, {@code tokens} or {@code directory}. */
    public static final String CHANNEL = "promptgate_changes";

    private final DistributionState state;
    private final Event<Revisions> revisions;
    private final Duration checkInterval;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private Thread thread;

    ChangeListener(
            DistributionState state,
            Event<Revisions> revisions,
            PromptgateConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "") String user,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        this.state = state;
        this.revisions = revisions;
        this.checkInterval = config.bundle().versionCheckInterval();
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes @Priority(3100) StartupEvent start) {
        running = true;
        thread = new Thread(this::listen, "promptgate-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(2000);
        }
    }

    private void listen() {
        long backoffMillis = 500;
        boolean reportedDown = false;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // Anything may have changed while this replica was not listening.
                announce();
                if (reportedDown) {
                    LOG.info("Database reachable again; listening for policy changes");
                    reportedDown = false;
                }
                backoffMillis = 500;
                receive(connection.unwrap(PGConnection.class));
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!reportedDown) {
                    LOG.warnf(
                            "Lost the database (%s); serving the last compiled bundles until it is back",
                            e.getMessage());
                    reportedDown = true;
                }
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5000);
            }
        }
    }

    private void receive(PGConnection connection) throws SQLException {
        long nextCheck = System.nanoTime() + checkInterval.toNanos();
        while (running) {
            PGNotification[] notifications = connection.getNotifications(POLL_MILLIS);
            boolean due = System.nanoTime() >= nextCheck;
            if ((notifications != null && notifications.length > 0) || due) {
                announce();
                nextCheck = System.nanoTime() + checkInterval.toNanos();
            }
        }
    }

    private void announce() {
        revisions.fire(state.revisions());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
