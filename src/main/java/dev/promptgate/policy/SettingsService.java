package dev.promptgate.policy;

import dev.promptgate.api.Preconditions;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.change.PolicyChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;

@ApplicationScoped
@Transactional
public class SettingsService {

    private final AuditLog audit;
    private final Event<PolicyChanged> changed;

    SettingsService(AuditLog audit, Event<PolicyChanged> changed) {
        this.changed = changed;
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SettingsView get() {
        return SettingsView.of(OrgSettings.get());
    }

    public SettingsView update(String ifMatch, SettingsView.Input input) {
        OrgSettings settings = OrgSettings.get();
        Preconditions.requireMatch(ifMatch, settings.version);
        SettingsView before = SettingsView.of(settings);
        input.applyTo(settings);
        settings.updatedAt = Instant.now();
        OrgSettings.flush();
        SettingsView after = SettingsView.of(settings);
        audit.record("update", "settings", null, before, after);
        changed.fire(new PolicyChanged("settings"));
        return after;
    }

    // Policy as code (policy.document) reads and replaces the whole of this feature in one apply. These
    // operations neither audit nor announce: the apply records one audit entry and one change for the document.

    /** Makes the settings these, if they differ. */
    public void replace(SettingsView.Input input) {
        OrgSettings settings = OrgSettings.get();
        if (!SettingsView.Input.of(SettingsView.of(settings)).equals(input)) {
            input.applyTo(settings);
            settings.updatedAt = Instant.now();
            OrgSettings.flush();
        }
    }
}
