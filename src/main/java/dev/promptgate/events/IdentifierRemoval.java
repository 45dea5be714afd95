package dev.promptgate.events;

import dev.promptgate.db.AdvisoryLock;
import dev.promptgate.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
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
            if (!AdvisoryLock.IDENTIFIER_REMOVAL.tryLock(connection)) {
                return 0L;
            }
            try {
                return removeDue(connection, now);
            } finally {
                AdvisoryLock.IDENTIFIER_REMOVAL.unlock(connection);
            }
        });
    }

    private long removeDue(Connection connection, Instant now) throws SQLException {
        Optional<Instant> switched = EventSettings.removeIdentifiersBefore(connection);
        if (switched.isEmpty()) {
            return 0L;
        }
        Instant switchedAt = switched.get();
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
        EventSettings.identifiersRemoved(connection, switchedAt);
        LOG.infof(
                "Removed the user identifiers of %d events received before the switch to pseudonymous mode at %s",
                cleared, switchedAt);
        return cleared;
    }
}
