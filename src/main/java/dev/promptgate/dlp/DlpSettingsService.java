package dev.promptgate.dlp;

import dev.promptgate.api.Preconditions;
import dev.promptgate.api.ProblemException;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.catalog.CatalogService;
import dev.promptgate.change.PolicyChanged;
import dev.promptgate.policy.group.GroupService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The organization's data-protection settings and the upload rules of the organization and of groups. */
@ApplicationScoped
@Transactional
public class DlpSettingsService {

    static final String AUDIT_TYPE = "dlp-settings";
    static final String UPLOADS_AUDIT_TYPE = "dlp-upload-rules";

    private final AuditLog audit;
    private final Event<PolicyChanged> changed;
    private final CatalogService catalog;
    private final GroupService groups;

    DlpSettingsService(AuditLog audit, Event<PolicyChanged> changed, CatalogService catalog, GroupService groups) {
        this.audit = audit;
        this.changed = changed;
        this.catalog = catalog;
        this.groups = groups;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DlpSettingsView get() {
        return DlpSettingsView.of(DlpSettings.get());
    }

    public DlpSettingsView update(String ifMatch, DlpSettingsView.Input input) {
        DlpSettings settings = DlpSettings.get();
        Preconditions.requireMatch(ifMatch, settings.version);
        DlpSettingsView before = DlpSettingsView.of(settings);
        settings.unknownAiSites = input.unknownAiSites();
        settings.justifications = new ArrayList<>(
                input.justifications().stream().map(String::strip).toList());
        DlpSettings.flush();
        DlpSettingsView after = DlpSettingsView.of(settings);
        audit.record("update", AUDIT_TYPE, 1, before, after);
        changed.fire(new PolicyChanged("data-protection settings"));
        return after;
    }

    /** The organization's upload rules first, then each group's by name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DlpSettingsView.Uploads> uploads() {
        return DlpUploadRules.<DlpUploadRules>listAll().stream()
                .sorted(Comparator.comparing((DlpUploadRules r) -> r.group != null)
                        .thenComparing(r -> r.group == null ? "" : r.group.name))
                .map(DlpSettingsView.Uploads::of)
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DlpSettingsView.Uploads uploadsOf(Long groupId) {
        return find(groupId)
                .map(DlpSettingsView.Uploads::of)
                .orElseThrow(() -> new ProblemException.NotFound("Group " + groupId + " has no upload rules"));
    }

    /** Creates or replaces a scope's upload rules (If-Match needed to replace); true when they are new. */
    public boolean putUploads(Long groupId, String ifMatch, DlpSettingsView.UploadsInput input) {
        if (groupId == null && input.byDefault() == null) {
            throw new ProblemException.InvalidInput("default", "is required for the organization");
        }
        Optional<DlpUploadRules> existing = find(groupId);
        DlpUploadRules rules = existing.orElseGet(DlpUploadRules::new);
        DlpSettingsView.Uploads before =
                existing.map(DlpSettingsView.Uploads::of).orElse(null);
        if (existing.isPresent()) {
            Preconditions.requireMatch(ifMatch, rules.version);
        } else {
            rules.group = groups.require(groupId);
        }
        rules.defaultRule = input.byDefault();
        rules.serviceRules = serviceRules(input.services());
        if (existing.isEmpty()) {
            rules.persist();
        }
        DlpUploadRules.flush();
        audit.record(
                existing.isEmpty() ? "create" : "update",
                UPLOADS_AUDIT_TYPE,
                scopeName(groupId),
                before,
                DlpSettingsView.Uploads.of(rules));
        changed.fire(new PolicyChanged("data-protection upload rules"));
        return existing.isEmpty();
    }

    public void deleteUploads(long groupId, String ifMatch) {
        DlpUploadRules rules = find(groupId)
                .orElseThrow(() -> new ProblemException.NotFound("Group " + groupId + " has no upload rules"));
        Preconditions.requireMatch(ifMatch, rules.version);
        DlpSettingsView.Uploads before = DlpSettingsView.Uploads.of(rules);
        rules.delete();
        audit.record("delete", UPLOADS_AUDIT_TYPE, scopeName(groupId), before, null);
        changed.fire(new PolicyChanged("data-protection upload rules"));
    }

    private Map<String, DlpPolicy.UploadRule> serviceRules(Map<String, DlpPolicy.UploadRule> services) {
        Map<String, DlpPolicy.UploadRule> rules = services == null ? new TreeMap<>() : new TreeMap<>(services);
        for (String key : rules.keySet()) {
            if (catalog.find(key).isEmpty()) {
                throw new ProblemException.InvalidInput("services." + key, "is not a service of the catalog");
            }
        }
        return rules;
    }

    private static String scopeName(Long groupId) {
        return groupId == null ? "organization" : "group/" + groupId;
    }

    static Optional<DlpUploadRules> find(Long groupId) {
        return groupId == null
                ? DlpUploadRules.find("group is null").firstResultOptional()
                : DlpUploadRules.find("group.id", groupId).firstResultOptional();
    }
}
