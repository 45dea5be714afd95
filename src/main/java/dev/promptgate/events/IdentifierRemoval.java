package dev.promptgate.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Removes the user identifiers that events kept in identified mode, once an admin has switched back to
 * pseudonymous mode: one day partition per statement, so no transaction holds the whole table. Acknowledgements
 * lose theirs at the switch itself ({@link EventSettingsService}); events can be millions of rows, so they are
 * done here, by the scheduled job, and the settings say whether it is still running.
 */
@ApplicationScoped
public class IdentifierRemoval {

    private static final Logger LOG = Logger.getLogger(IdentifierRemoval.class);
    private static final long LOCK = 7236008;

    /**
     * Replicas go by the mode they last read for up to {@link EventWriter#MODE_CHECK}: events they store in that
     * time after the switch may still carry identifiers, so removal covers them and waits until they are written.
     */
    static final Duration GRACE = EventWriter.MODE_CHECK.multipliedBy(2);

    private final Database database;
    private final EventPartitions partitions;

    IdentifierRemoval(Database database, EventPartitions partitions) {
        this.database = database;
        this.partitions = partitions;
    }

    /** Removes what a switch back to pseudonymous mode left behind, if anything; returns how many events it cleared. */
    public long removeDue() {
        return removeDue(Instant.now());
    }

    long removeDue(Instant now) {
        return database.call(connection -> {
            if (!tryLock(connection)) {
                return 0L;
            }
            try {
                return removeDue(connection, now);
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("select pg_advisory_unlock(" + LOCK + ")");
                }
            }
        });
    }

    private long removeDue(Connection connection, Instant now) throws SQLException {
        Instant switchedAt;
        try (Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("select remove_identifiers_before from event_settings where id = 1")) {
            OffsetDateTime value = result.next() ? result.getObject(1, OffsetDateTime.class) : null;
            if (value == null) {
                return 0L;
            }
            switchedAt = value.toInstant();
        }
        Instant coveredUntil = switchedAt.plus(GRACE);
        if (now.isBefore(coveredUntil)) {
            return 0L;
        }
        // Partitions go by when events happened, which may be up to a day after they were received.
        LocalDate lastDay = LocalDate.ofInstant(coveredUntil, ZoneOffset.UTC).plusDays(1);
        long cleared = 0;
        for (LocalDate day : partitions.existingDays()) {
            if (day.isAfter(lastDay)) {
                break;
            }
            try (PreparedStatement update = connection.prepareStatement("update " + EventPartitions.name(day)
                    + " set user_name = null where user_name is not null and received_at < ?")) {
                update.setObject(1, coveredUntil.atOffset(ZoneOffset.UTC));
                cleared += update.executeUpdate();
            }
        }
        // Done, unless the admin switched again meanwhile: then the next run covers the later switch.
        try (PreparedStatement done = connection.prepareStatement("update event_settings set"
                + " remove_identifiers_before = null, version = version + 1"
                + " where id = 1 and remove_identifiers_before = ?")) {
            done.setObject(1, switchedAt.atOffset(ZoneOffset.UTC));
            done.executeUpdate();
        }
        LOG.infof(
                "Removed the user identifiers of %d events received before the switch to pseudonymous mode at %s",
                cleared, switchedAt);
        return cleared;
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select pg_try_advisory_lock(" + LOCK + ")")) {
            return result.next() && result.getBoolean(1);
        }
    }
}
