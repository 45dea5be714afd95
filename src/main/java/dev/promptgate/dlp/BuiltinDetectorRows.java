package dev.promptgate.dlp;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Gives every built-in detector its row of settings, with its defaults, when the server starts: a newer server's
 * new built-in detector appears with its default on/off, and settings admins changed stay as they are. Replicas
 * starting together insert nothing twice.
 */
@ApplicationScoped
class BuiltinDetectorRows {

    private final EntityManager em;

    BuiltinDetectorRows(EntityManager em) {
        this.em = em;
    }

    @Transactional
    @ActivateRequestContext
    void addMissingOnStart(@Observes StartupEvent start) {
        for (BuiltinDetector builtin : BuiltinDetector.ALL) {
            em.createNativeQuery("insert into dlp_detector (kind, builtin_id, name, enabled, default_action)"
                            + " values ('BUILTIN', ?1, ?2, ?3, ?4) on conflict (builtin_id) do nothing")
                    .setParameter(1, builtin.id())
                    .setParameter(2, builtin.name())
                    .setParameter(3, builtin.onByDefault())
                    .setParameter(4, BuiltinDetector.DEFAULT_ACTION.name())
                    .executeUpdate();
        }
    }
}
