package dev.promptgate.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The event settings admins change at runtime: one row, and the one owner of {@code event_settings}. Admin
 * changes go through the mapped entity; the user-hash secret (not mapped) and the reads the event writers make on
 * their own JDBC connections go through the queries below.
 */
@Entity
@Table(name = "event_settings")
public class EventSettings extends PanacheEntityBase {

    static final short THE_ROW = 1;

    @Id
    public short id = THE_ROW;

    /** Whether events and acknowledgements keep the user identifier next to its pseudonym. */
    @Column(name = "identified_users", nullable = false)
    public boolean identifiedUsers;

    /**
     * Set when an admin switches back to pseudonymous mode: user identifiers of events received before then are
     * still being removed. Cleared when they are all gone.
     */
    @Column(name = "remove_identifiers_before")
    public Instant removeIdentifiersBefore;

    @Version
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * Whether identified mode is on, as an SQL expression for a statement that stores events: read inside the
     * writing transaction, so that a replica that has not yet heard of a switch back stores no identifier.
     */
    static final String IDENTIFIED_NOW = "(select identified_users from event_settings where id = 1)";

    public static EventSettings get() {
        return findById(THE_ROW);
    }

    /** Whether identified mode is on, read on this connection (inside its transaction, if any). */
    static boolean identifiedUsers(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select " + IDENTIFIED_NOW)) {
            return result.next() && result.getBoolean(1);
        }
    }

    /** When the admin switched back to pseudonymous mode, while identifiers from before are still being removed. */
    static Optional<Instant> removeIdentifiersBefore(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("select remove_identifiers_before from event_settings where id = 1")) {
            OffsetDateTime value = result.next() ? result.getObject(1, OffsetDateTime.class) : null;
            return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
        }
    }

    /**
     * Records that the identifiers of events received before the switch at {@code switchedAt} are gone, unless the
     * admin switched again meanwhile (then the later switch is still to do). Moves the version, as an admin write
     * would, so that an update made against the old version gets 412.
     */
    static void identifiersRemoved(Connection connection, Instant switchedAt) throws SQLException {
        try (PreparedStatement done = connection.prepareStatement("update event_settings set"
                + " remove_identifiers_before = null, version = version + 1"
                + " where id = 1 and remove_identifiers_before = ?")) {
            done.setObject(1, switchedAt.atOffset(ZoneOffset.UTC));
            done.executeUpdate();
        }
    }

    /** The secret that keys user pseudonyms when none is configured; empty the first time. */
    static Optional<String> userHashSecret() {
        @SuppressWarnings("unchecked")
        List<String> stored = getEntityManager()
                .createNativeQuery("select user_hash_secret from event_settings where id = 1")
                .getResultList();
        return stored.isEmpty() ? Optional.empty() : Optional.ofNullable(stored.get(0));
    }

    static void keepUserHashSecret(String secret) {
        getEntityManager()
                .createNativeQuery("update event_settings set user_hash_secret = ?1 where id = 1")
                .setParameter(1, secret)
                .executeUpdate();
    }
}
