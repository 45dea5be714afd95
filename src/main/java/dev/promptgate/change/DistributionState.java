package dev.promptgate.change;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The one owner of {@code distribution_state}: the policy, token and directory revisions every replica compares
 * against, and
 * the time of the last policy change (which every replica writes into the bundles it compiles, so that they all
 * serve the same bytes).
 */
@ApplicationScoped
public class DistributionState {

    private final EntityManager em;

    DistributionState(EntityManager em) {
        this.em = em;
    }

    /** The revisions as committed now. */
    @Transactional
    public Revisions revisions() {
        Object[] row = (Object[]) em.createNativeQuery(
                        "select policy_revision, token_revision, directory_revision from distribution_state")
                .getSingleResult();
        return new Revisions(
                ((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    /** When the policy last changed, to the millisecond. */
    @Transactional
    public Instant policyChangedAt() {
        Object value = em.createNativeQuery("select policy_changed_at from distribution_state")
                .getSingleResult();
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return (Instant) value;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void movePolicyRevision() {
        em.createNativeQuery("update distribution_state set policy_revision = policy_revision + 1,"
                        + " policy_changed_at = date_trunc('milliseconds', clock_timestamp())")
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void moveTokenRevision() {
        em.createNativeQuery("update distribution_state set token_revision = token_revision + 1")
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void moveDirectoryRevision() {
        em.createNativeQuery("update distribution_state set directory_revision = directory_revision + 1")
                .executeUpdate();
    }

    /** Sends {@code NOTIFY} on the channel every replica listens on; delivered only if the transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    void announce(String what) {
        em.createNativeQuery("select pg_notify(?1, ?2)")
                .setParameter(1, ChangeListener.CHANNEL)
                .setParameter(2, what)
                .getSingleResult();
    }
}
