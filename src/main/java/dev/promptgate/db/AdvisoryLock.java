package dev.promptgate.db;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The PostgreSQL advisory locks by which replicas take turns. Each has its own key; a lock held for a
 * transaction is released by its commit or rollback, a session lock by {@link #unlock(Connection)}.
 */
public enum AdvisoryLock {
    /** Making the bootstrap admin token: replicas starting together make one between them. */
    BOOTSTRAP_TOKEN(7236001),
    /** Installing and upgrading the built-in catalog on start. */
    BUILTIN_CATALOG(7236002),
    /** Generating, loading and rotating the bundle signing keys. */
    SIGNING_KEYS(7236003),
    /** Generating the secret that keys user pseudonyms. */
    USER_PSEUDONYMS(7236005),
    /** Creating and dropping event partitions. */
    EVENT_PARTITIONS(7236006),
    /** Computing the daily event rollups. */
    EVENT_ROLLUPS(7236007),
    /** Removing user identifiers after a switch back to pseudonymous mode (a session lock: the job spans statements). */
    IDENTIFIER_REMOVAL(7236008),
    /** Applying a policy document: each applier compares its If-Match with what the previous one left. */
    POLICY_APPLY(7236009),
    /** Publishing a guideline: two publishers never take the same number. */
    GUIDELINE_PUBLISH(7236010);

    private final long key;

    AdvisoryLock(long key) {
        this.key = key;
    }

    public long key() {
        return key;
    }

    /** Waits for the lock and holds it until the current transaction ends. */
    public void holdUntilCommit(EntityManager em) {
        em.createNativeQuery("select 1 from pg_advisory_xact_lock(?1)")
                .setParameter(1, key)
                .getResultList();
    }

    /** Takes the lock for this session if no one holds it; false if someone does. */
    public boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Releases a lock taken with {@link #tryLock(Connection)}. */
    public void unlock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            statement.setLong(1, key);
            statement.execute();
        }
    }
}
