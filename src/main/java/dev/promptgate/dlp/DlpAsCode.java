package dev.promptgate.dlp;

import dev.promptgate.api.Problem;
import dev.promptgate.api.ProblemException;
import dev.promptgate.policy.group.PolicyGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Data protection in policy as code: the stored configuration as a {@link DlpDocument}, a document checked and put
 * in its stored form, and a document written. Neither audits nor announces: the apply records one audit entry and
 * one change for the whole policy document.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DlpAsCode {

    private final DetectorService detectors;
    private final DlpSettingsService settings;

    DlpAsCode(DetectorService detectors, DlpSettingsService settings) {
        this.detectors = detectors;
        this.settings = settings;
    }

    /** The stored configuration, in normalized form. */
    public DlpDocument read() {
        DlpSettingsView s = settings.get();
        Map<String, DlpDocument.Builtin> builtins = new TreeMap<>();
        Map<String, DlpDocument.Custom> customs = new TreeMap<>();
        for (DetectorView d : detectors.list()) {
            Map<String, DlpDocument.Override> groups = new TreeMap<>();
            d.groupOverrides()
                    .forEach(o ->
                            groups.put(o.groupName(), new DlpDocument.Override(o.enabled(), o.monitor(), o.actions())));
            if (d.kind() == DetectorKind.BUILTIN) {
                builtins.put(
                        d.id(),
                        new DlpDocument.Builtin(
                                d.enabled(),
                                d.monitor(),
                                d.threshold(),
                                d.actions(),
                                d.requireJustification(),
                                groups));
            } else {
                customs.put(
                        d.name(),
                        new DlpDocument.Custom(
                                d.kind(),
                                d.enabled(),
                                d.monitor(),
                                d.threshold(),
                                d.caseSensitive(),
                                d.keywords(),
                                d.pattern(),
                                d.mustMatch(),
                                d.mustNotMatch(),
                                d.actions(),
                                d.requireJustification(),
                                groups));
            }
        }
        DlpDocument.Scope organization = null;
        Map<String, DlpDocument.Scope> groupUploads = new TreeMap<>();
        for (DlpSettingsView.Uploads u : settings.uploads()) {
            DlpDocument.Scope scope = new DlpDocument.Scope(u.byDefault(), new TreeMap<>(u.services()));
            if (u.groupId() == null) {
                organization = scope;
            } else {
                groupUploads.put(u.groupName(), scope);
            }
        }
        return new DlpDocument(
                s.unknownAiSites(),
                s.justifications(),
                builtins,
                customs,
                new DlpDocument.Uploads(organization, groupUploads));
    }

    /** The document in its stored form, or a 400 naming every problem under {@code dataProtection}. */
    public static DlpDocument normalize(DlpDocument d, Set<String> groupNames, Set<String> serviceKeys) {
        List<Problem.FieldError> errors = new ArrayList<>();
        DlpDocument normalized = DlpDocumentNormalizer.normalize(d, groupNames, serviceKeys, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException.InvalidInput(errors);
        }
        return normalized;
    }

    /**
     * Removes what the document no longer names: custom detectors (and those whose kind changed), groups'
     * overrides and groups' upload rules. Runs before groups are deleted, so no database cascade removes rows this
     * session still holds.
     */
    public void removeUnwanted(DlpDocument desired) {
        for (DlpDetector d : DlpDetector.<DlpDetector>listAll()) {
            DlpDocument.Custom wanted = d.kind == DetectorKind.BUILTIN
                    ? null
                    : desired.customDetectors().get(d.name);
            boolean keep = d.kind == DetectorKind.BUILTIN || (wanted != null && wanted.kind() == d.kind);
            Map<String, DlpDocument.Override> groups = d.kind == DetectorKind.BUILTIN
                    ? desired.builtinDetectors().get(d.builtinId).groups()
                    : keep ? wanted.groups() : Map.of();
            for (DlpGroupOverride o : DlpGroupOverride.<DlpGroupOverride>list("detector", d)) {
                if (!groups.containsKey(o.group.name)) {
                    o.delete();
                }
            }
            if (!keep) {
                d.delete();
            }
        }
        for (DlpUploadRules rules : DlpUploadRules.<DlpUploadRules>listAll()) {
            if (rules.group != null && !desired.uploads().groups().containsKey(rules.group.name)) {
                rules.delete();
            }
        }
        DlpDetector.flush();
    }

    /** Creates or updates everything the document names; groups are looked up by name. */
    public void writeAll(DlpDocument desired, Map<String, PolicyGroup> groupsByName) {
        DlpDocumentWriter.write(desired, groupsByName);
    }
}
