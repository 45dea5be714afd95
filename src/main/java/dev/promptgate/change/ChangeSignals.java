package dev.promptgate.change;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * The one class that tells other replicas of a change browsers must see. It observes the typed change events
 * synchronously, so it runs inside the writer's transaction: the revision in {@code distribution_state} moves and
 * {@code NOTIFY} is sent exactly when (and only if) the write commits. Firing a change event outside a transaction
 * fails.
 */
@ApplicationScoped
public class ChangeSignals {

    private static final Logger LOG = Logger.getLogger(ChangeSignals.class);

    private final DistributionState state;

    ChangeSignals(DistributionState state) {
        this.state = state;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void policyChanged(@Observes PolicyChanged change) {
        LOG.debugf("Policy changed: %s", change.what());
        state.movePolicyRevision();
        state.announce("policy");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void signingKeysChanged(@Observes SigningKeysChanged change) {
        // Bundles carry their signature in a header: every replica compiles and signs them again.
        state.movePolicyRevision();
        state.announce("policy");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void directoryChanged(@Observes DirectoryChanged change) {
        LOG.debugf("Directory changed: %s", change.what());
        state.moveDirectoryRevision();
        state.announce("directory");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void tokensChanged(@Observes TokensChanged change) {
        state.moveTokenRevision();
        state.announce("tokens");
    }
}
