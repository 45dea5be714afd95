package dev.promptgate.deploy;

import dev.promptgate.change.Revisions;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The extension version Chrome and Edge are offered, held in memory so that the policy fetch (answered on the event
 * loop) can tell every browser what it should be running. Read again after an upload on this replica commits, and
 * whenever this replica checks for changes (every {@code promptgate.bundle.version-check-interval}), which is how an
 * upload on another replica arrives.
 */
@ApplicationScoped
public class OfferedVersion {

    /** The response header of the policy fetch that names the offered version. */
    public static final String HEADER = "X-Promptgate-Extension-Version";

    private static final Logger LOG = Logger.getLogger(OfferedVersion.class);

    private final ExtensionPackages packages;
    private volatile String version;

    OfferedVersion(ExtensionPackages packages) {
        this.packages = packages;
    }

    /** The offered version, if a package is offered; never touches the database. */
    public Optional<String> current() {
        return Optional.ofNullable(version);
    }

    void loadOnStart(@Observes @Priority(3000) StartupEvent start) {
        reload();
    }

    void onRevisions(@Observes Revisions revisions) {
        reload();
    }

    void onUpload(@Observes(during = TransactionPhase.AFTER_SUCCESS) ExtensionPackages.Uploaded uploaded) {
        version = uploaded.version();
    }

    private void reload() {
        try {
            version = packages.offered().map(ExtensionPackages.Offered::version).orElse(null);
        } catch (RuntimeException e) {
            // The database is away: keep announcing what was offered; the next check reads it again.
            LOG.warnf("The offered extension version was not read again: %s", e.getMessage());
        }
    }
}
