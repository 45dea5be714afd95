package dev.promptgate.events;

import dev.promptgate.change.Revisions;
import dev.promptgate.db.Database;
import dev.promptgate.policy.guideline.GuidelineService;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Which guideline versions are published, in memory, so that an {@code acknowledged} event is checked on the event
 * loop: published numbers run from 1 to the highest one. Reloaded when the policy revision moves (publishing moves
 * it); a batch naming a higher number than this replica knows reads it again first, as the browser may have got the
 * new guideline from a replica that heard of it sooner.
 */
@ApplicationScoped
public class PublishedGuidelines {

    private static final Logger LOG = Logger.getLogger(PublishedGuidelines.class);

    private final GuidelineService guidelines;
    private volatile int highest;

    PublishedGuidelines(GuidelineService guidelines) {
        this.guidelines = guidelines;
    }

    void loadOnStart(@Observes @Priority(3000) StartupEvent start) {
        reload();
    }

    void onRevisions(@Observes Revisions revisions) {
        reload();
    }

    /** Whether this guideline number was published. */
    public boolean isPublished(int version) {
        return version >= 1 && version <= highest;
    }

    /** Completes once this replica knows whether {@code version} is published (reading again only if it is new). */
    CompletionStage<Void> catchUp(int version) {
        if (version <= highest) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        reload();
                    } catch (RuntimeException e) {
                        LOG.warnf("Published guideline versions not read: %s", e.getMessage());
                        throw Database.unavailable("The database is unavailable; nothing of this batch was stored");
                    }
                },
                Infrastructure.getDefaultWorkerPool());
    }

    @Transactional
    void reload() {
        highest = Math.max(highest, guidelines.highestPublishedVersion());
    }
}
