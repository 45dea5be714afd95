package dev.promptgate.policy;

import dev.promptgate.api.Preconditions;
import dev.promptgate.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

@ApplicationScoped
@Transactional
public class SettingsService {

    private final AuditLog audit;

    SettingsService(AuditLog audit) {
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
        return after;
    }
}
