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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Built-in detectors' settings and custom detectors, with each group's overrides. */
@ApplicationScoped
@Transactional
public class DetectorService {

    static final String AUDIT_TYPE = "dlp-detector";
    static final String OVERRIDE_AUDIT_TYPE = "dlp-detector-override";

    private final AuditLog audit;
    private final Event<PolicyChanged> changed;
    private final CatalogService catalog;
    private final GroupService groups;

    DetectorService(AuditLog audit, Event<PolicyChanged> changed, CatalogService catalog, GroupService groups) {
        this.audit = audit;
        this.changed = changed;
        this.catalog = catalog;
        this.groups = groups;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DetectorView> list() {
        List<DlpGroupOverride> overrides = DlpGroupOverride.listAll();
        return DlpDetector.<DlpDetector>listAll().stream()
                .sorted(Comparator.comparing((DlpDetector d) -> d.kind).thenComparing(d -> d.id))
                .map(d -> DetectorView.of(d, overridesOf(d, overrides)))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DetectorView get(String id) {
        DlpDetector detector = require(id);
        return DetectorView.of(detector, overridesOf(detector, DlpGroupOverride.listAll()));
    }

    public DetectorView create(DetectorView.Input input) {
        if (input.kind() == null || input.kind() == DetectorKind.BUILTIN) {
            throw new ProblemException.InvalidInput("kind", "must be keywords or regex");
        }
        if (DlpDetector.count("kind <> ?1", DetectorKind.BUILTIN) >= DetectorRules.MAX_CUSTOM_DETECTORS) {
            throw new ProblemException.Conflict(
                    "An organization has at most " + DetectorRules.MAX_CUSTOM_DETECTORS + " custom detectors");
        }
        DlpDetector detector = new DlpDetector();
        detector.kind = input.kind();
        DetectorInputs.apply(input, detector, catalog);
        DetectorRules.check(detector);
        requireUniqueName(detector);
        detector.persist();
        DlpDetector.flush();
        DetectorView after = DetectorView.of(detector, List.of());
        audit.record("create", AUDIT_TYPE, after.id(), null, after);
        changed.fire(new PolicyChanged("data-protection detector"));
        return after;
    }

    public DetectorView update(String id, String ifMatch, DetectorView.Input input) {
        DlpDetector detector = require(id);
        Preconditions.requireMatch(ifMatch, detector.version);
        if (input.kind() != null && input.kind() != detector.kind) {
            throw new ProblemException.InvalidInput("kind", "cannot change; create a new detector instead");
        }
        DetectorView before = get(id);
        DetectorInputs.apply(input, detector, catalog);
        DetectorRules.check(detector);
        requireUniqueName(detector);
        DlpDetector.flush();
        DetectorView after = get(id);
        audit.record("update", AUDIT_TYPE, id, before, after);
        changed.fire(new PolicyChanged("data-protection detector"));
        return after;
    }

    public void delete(String id, String ifMatch) {
        DlpDetector detector = require(id);
        if (detector.kind == DetectorKind.BUILTIN) {
            throw new ProblemException.Conflict("A built-in detector cannot be deleted; turn it off instead");
        }
        Preconditions.requireMatch(ifMatch, detector.version);
        DetectorView before = get(id);
        DlpGroupOverride.delete("detector", detector);
        detector.delete();
        audit.record("delete", AUDIT_TYPE, id, before, null);
        changed.fire(new PolicyChanged("data-protection detector"));
    }

    /** Creates or replaces a group's override (If-Match needed to replace); true when it is new. */
    public boolean putOverride(String id, long groupId, String ifMatch, DetectorView.OverrideInput input) {
        DlpDetector detector = require(id);
        var group = groups.require(groupId);
        Optional<DlpGroupOverride> existing = findOverride(detector, groupId);
        DlpGroupOverride override = existing.orElseGet(DlpGroupOverride::new);
        DetectorView.GroupOverride before =
                existing.map(DetectorView.GroupOverride::of).orElse(null);
        if (existing.isPresent()) {
            Preconditions.requireMatch(ifMatch, override.version);
        }
        override.detector = detector;
        override.group = group;
        override.enabled = input.enabled();
        override.monitor = Boolean.TRUE.equals(input.monitor());
        override.defaultAction = input.actions().byDefault();
        override.serviceActions = DetectorInputs.serviceActions(input.actions(), catalog);
        if (existing.isEmpty()) {
            override.persist();
        }
        DlpGroupOverride.flush();
        audit.record(
                existing.isEmpty() ? "create" : "update",
                OVERRIDE_AUDIT_TYPE,
                id + "/" + groupId,
                before,
                DetectorView.GroupOverride.of(override));
        changed.fire(new PolicyChanged("data-protection group override"));
        return existing.isEmpty();
    }

    public void deleteOverride(String id, long groupId, String ifMatch) {
        DlpDetector detector = require(id);
        DlpGroupOverride override = findOverride(detector, groupId)
                .orElseThrow(() -> new ProblemException.NotFound(
                        "Group " + groupId + " has no override of detector '" + id + "'"));
        Preconditions.requireMatch(ifMatch, override.version);
        DetectorView.GroupOverride before = DetectorView.GroupOverride.of(override);
        override.delete();
        audit.record("delete", OVERRIDE_AUDIT_TYPE, id + "/" + groupId, before, null);
        changed.fire(new PolicyChanged("data-protection group override"));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DetectorView.GroupOverride getOverride(String id, long groupId) {
        return findOverride(require(id), groupId)
                .map(DetectorView.GroupOverride::of)
                .orElseThrow(() -> new ProblemException.NotFound(
                        "Group " + groupId + " has no override of detector '" + id + "'"));
    }

    /** Custom detectors are named uniquely: policy as code knows them by name. */
    private static void requireUniqueName(DlpDetector d) {
        if (d.kind != DetectorKind.BUILTIN
                && DlpDetector.count(
                                "kind <> ?1 and name = ?2 and id <> ?3",
                                DetectorKind.BUILTIN,
                                d.name,
                                d.id == null ? -1L : d.id)
                        > 0) {
            throw new ProblemException.Conflict("Another custom detector is named '" + d.name + "'");
        }
    }

    /** The detector with this public id ({@code payment-card}, {@code kw-3}, {@code re-4}), or 404. */
    DlpDetector require(String id) {
        return find(id).orElseThrow(() -> new ProblemException.NotFound("No detector '" + id + "'"));
    }

    static Optional<DlpDetector> find(String id) {
        if (CustomIds.isCustom(id)) {
            DetectorKind kind = id.startsWith(CustomIds.KEYWORDS) ? DetectorKind.KEYWORDS : DetectorKind.REGEX;
            return DlpDetector.<DlpDetector>findByIdOptional(Long.parseLong(id.substring(3)))
                    .filter(d -> d.kind == kind);
        }
        return DlpDetector.find("builtinId", id).firstResultOptional();
    }

    private static Optional<DlpGroupOverride> findOverride(DlpDetector detector, long groupId) {
        return DlpGroupOverride.find("detector = ?1 and group.id = ?2", detector, groupId)
                .firstResultOptional();
    }

    private static List<DlpGroupOverride> overridesOf(DlpDetector d, List<DlpGroupOverride> all) {
        return all.stream()
                .filter(o -> o.detector.id.equals(d.id))
                .sorted(Comparator.comparing(o -> o.group.name))
                .toList();
    }

    /** Every stored detector with its overrides by group id, for compiling bundles. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<DlpDetector, List<DlpGroupOverride>> allWithOverrides() {
        List<DlpGroupOverride> overrides = DlpGroupOverride.listAll();
        Map<DlpDetector, List<DlpGroupOverride>> all = new java.util.LinkedHashMap<>();
        DlpDetector.<DlpDetector>listAll().stream()
                .sorted(Comparator.comparing((DlpDetector d) -> d.kind).thenComparing(d -> d.id))
                .forEach(d -> all.put(d, overridesOf(d, overrides)));
        return all;
    }
}
