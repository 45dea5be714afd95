package dev.promptgate.directory;

import dev.promptgate.events.EventSettingsService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Pseudonymous mode keeps no clear name in the directory either: once the admin switches back from identified mode,
 * the user names, display names and e-mails stored while it was on are removed, as they are from events. It runs
 * every minute, so a replica that stored a name from its cached mode after the switch is covered by the next run.
 */
@ApplicationScoped
public class DirectoryPrivacy {

    private static final Logger LOG = Logger.getLogger(DirectoryPrivacy.class);

    private final EventSettingsService settings;

    DirectoryPrivacy(EventSettingsService settings) {
        this.settings = settings;
    }

    @Scheduled(every = "1m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        forgetClearNames();
    }

    /** Removes clear names and e-mails if identified mode is off; returns how many people had them. */
    @Transactional
    public int forgetClearNames() {
        if (settings.identifiedUsers()) {
            return 0;
        }
        int cleared = DirectoryUser.update("userName = null, displayName = null, email = null"
                + " where userName is not null or displayName is not null or email is not null");
        if (cleared > 0) {
            LOG.infof("Removed the clear names of %d directory people: identified mode is off", cleared);
        }
        return cleared;
    }
}
