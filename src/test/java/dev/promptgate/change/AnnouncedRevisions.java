package dev.promptgate.change;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps the last revisions the listener announced on this replica. */
@ApplicationScoped
public class AnnouncedRevisions {

    private final AtomicReference<Revisions> last = new AtomicReference<>();

    void seen(@Observes Revisions revisions) {
        last.set(revisions);
    }

    public Revisions last() {
        return last.get();
    }
}
