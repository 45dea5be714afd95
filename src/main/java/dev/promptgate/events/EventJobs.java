package dev.promptgate.events;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The background work of event storage: partitions are made (and old ones dropped) on start and every hour, and
 * the rollups catch up every {@code promptgate.events.rollup-interval}, and so does the removal of user identifiers
 * after a switch back to pseudonymous mode. Each job takes an advisory lock, so
 * replicas take turns, and each is idempotent.
 */
@ApplicationScoped
class EventJobs {

    private static final Logger LOG = Logger.getLogger(EventJobs.class);

    private final EventPartitions partitions;
    private final EventRollups rollups;
    private final IdentifierRemoval identifierRemoval;

    EventJobs(EventPartitions partitions, EventRollups rollups, IdentifierRemoval identifierRemoval) {
        this.partitions = partitions;
        this.rollups = rollups;
        this.identifierRemoval = identifierRemoval;
    }

    void onStart(@Observes @Priority(2900) StartupEvent start) {
        partitions.maintain();
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void maintainPartitions() {
        try {
            partitions.maintain();
        } catch (RuntimeException e) {
            LOG.warnf("Event partition maintenance failed, trying again in an hour: %s", e.getMessage());
        }
    }

    @Scheduled(
            every = "${promptgate.events.rollup-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshRollups() {
        try {
            rollups.refreshDue();
        } catch (RuntimeException e) {
            LOG.warnf("Report rollups not refreshed, trying again later: %s", e.getMessage());
        }
    }

    @Scheduled(
            every = "${promptgate.events.rollup-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeIdentifiers() {
        try {
            identifierRemoval.removeDue();
        } catch (RuntimeException e) {
            LOG.warnf("User identifiers not removed from events yet, trying again later: %s", e.getMessage());
        }
    }
}
