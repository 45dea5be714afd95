package dev.promptgate.bundle;

import dev.promptgate.config.PromptgateConfig;
import dev.promptgate.security.EnrollmentTokenCache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
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
 * Keeps this replica's bundles and token cache current: it LISTENs on {@link ChangeSignals#CHANNEL} over a
 * connection of its own and refreshes on every notification, checks the revisions every
 * {@code promptgate.bundle.version-check-interval} in case a notification was missed, and reconnects by itself
 * when the database goes away and comes back.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    private static final int POLL_MILLIS = 250;

    private final BundleStore bundles;
    private final EnrollmentTokenCache tokens;
    private final Duration checkInterval;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private Thread thread;

    ChangeListener(
            BundleStore bundles,
            EnrollmentTokenCache tokens,
            PromptgateConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "") String user,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        this.bundles = bundles;
        this.tokens = tokens;
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
                    statement.execute("LISTEN " + ChangeSignals.CHANNEL);
                }
                // Anything may have changed while this replica was not listening.
                refreshAll();
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
                refreshAll();
                nextCheck = System.nanoTime() + checkInterval.toNanos();
            }
        }
    }

    private void refreshAll() {
        bundles.refresh();
        tokens.refresh();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
