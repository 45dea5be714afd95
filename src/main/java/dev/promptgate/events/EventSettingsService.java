package dev.promptgate.events;

import dev.promptgate.api.Preconditions;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.config.PromptgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

@ApplicationScoped
@Transactional
public class EventSettingsService {

    static final String AUDIT_TYPE = "event-settings";

    private final AuditLog audit;
    private final PromptgateConfig config;
    private final EntityManager em;
    private final Event<EventWriter.IdentificationChanged> changes;

    EventSettingsService(
            AuditLog audit,
            PromptgateConfig config,
            EntityManager em,
            Event<EventWriter.IdentificationChanged> changes) {
        this.audit = audit;
        this.config = config;
        this.em = em;
        this.changes = changes;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EventSettingsView get() {
        return EventSettingsView.of(EventSettings.get(), config);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean identifiedUsers() {
        return EventSettings.get().identifiedUsers;
    }

    /**
     * Switches between pseudonymous and identified mode. Switching back to pseudonymous also removes the
     * identifiers kept with acknowledgements, at once, and marks those kept with events for removal in the
     * background ({@link IdentifierRemoval}).
     */
    public EventSettingsView update(String ifMatch, EventSettingsView.Input input) {
        EventSettings settings = EventSettings.get();
        Preconditions.requireMatch(ifMatch, settings.version);
        EventSettingsView before = EventSettingsView.of(settings, config);
        boolean identified = input.userIdentification() == EventSettingsView.UserIdentification.IDENTIFIED;
        if (settings.identifiedUsers != identified) {
            settings.identifiedUsers = identified;
            settings.updatedAt = Instant.now();
            if (!identified) {
                settings.removeIdentifiersBefore = settings.updatedAt;
            }
            EventSettings.flush();
            if (!identified) {
                em.createNativeQuery("update acknowledgement set user_name = null where user_name is not null")
                        .executeUpdate();
            }
            EventSettingsView after = EventSettingsView.of(settings, config);
            audit.record("update", AUDIT_TYPE, null, before, after);
            changes.fire(new EventWriter.IdentificationChanged(identified));
            return after;
        }
        return before;
    }
}
