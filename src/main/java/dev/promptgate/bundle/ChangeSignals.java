package dev.promptgate.bundle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Set;

/**
 * Marks a change that browsers must see: it moves a revision in {@code distribution_state} and sends
 * {@code NOTIFY promptgate_changes}, both inside the writer's transaction, so that other replicas hear of it
 * exactly when (and only if) it commits.
 */
@ApplicationScoped
public class ChangeSignals {

    /** The PostgreSQL channel every replica listens on. Payload: {@code policy} or {@code tokens}. */
    public static final String CHANNEL = "promptgate_changes";

    /** Audit entity types whose writes change what a bundle says, with the actions that do (empty: all). */
    private static final Map<String, Set<String>> POLICY_WRITES = Map.of(
            "ai-service", Set.of(),
            "service-rule", Set.of(),
            "group", Set.of(),
            "blocklist-entry", Set.of(),
            "allowlist-entry", Set.of(),
            "settings", Set.of(),
            "policy", Set.of(),
            "guideline", Set.of("publish"));

    private final EntityManager em;

    ChangeSignals(EntityManager em) {
        this.em = em;
    }

    /** Called for every audited write; signals the ones browsers must learn about. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void afterWrite(String entityType, String action) {
        Set<String> actions = POLICY_WRITES.get(entityType);
        if (actions != null && (actions.isEmpty() || actions.contains(action))) {
            policyChanged();
        } else if (entityType.equals("enrollment-token")) {
            tokensChanged();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void policyChanged() {
        em.createNativeQuery("update distribution_state set policy_revision = policy_revision + 1,"
                        + " policy_changed_at = date_trunc('milliseconds', clock_timestamp())")
                .executeUpdate();
        notify("policy");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void tokensChanged() {
        em.createNativeQuery("update distribution_state set token_revision = token_revision + 1")
                .executeUpdate();
        notify("tokens");
    }

    private void notify(String what) {
        em.createNativeQuery("select pg_notify('" + CHANNEL + "', '" + what + "')")
                .getSingleResult();
    }
}
