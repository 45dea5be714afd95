package dev.promptgate.dlp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles the {@code dlp} part of a bundle for a person's groups, strongest group first: a group's override of a
 * detector replaces the organization's settings of it; a group's upload rule for a service (or its default)
 * replaces weaker ones. As for service rules, the strongest of the person's groups wins.
 */
@ApplicationScoped
public class DlpCompiler {

    private final DetectorService detectors;

    DlpCompiler(DetectorService detectors) {
        this.detectors = detectors;
    }

    /** The part for {@code groupIds}, ordered strongest first as the bundle's service rules are. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DlpPolicy compile(List<Long> groupIds) {
        Map<Long, Integer> rank = new HashMap<>();
        for (int i = 0; i < groupIds.size(); i++) {
            rank.put(groupIds.get(i), i);
        }
        DlpSettings settings = DlpSettings.get();
        List<DlpPolicy.Detector> on = new ArrayList<>();
        detectors.allWithOverrides().forEach((detector, overrides) -> {
            DlpGroupOverride strongest = overrides.stream()
                    .filter(o -> rank.containsKey(o.group.id))
                    .min((a, b) -> rank.get(a.group.id) - rank.get(b.group.id))
                    .orElse(null);
            boolean enabled = strongest == null ? detector.enabled : strongest.enabled;
            if (enabled) {
                on.add(
                        strongest == null
                                ? detector(detector, detector.monitor, detector.defaultAction, detector.serviceActions)
                                : detector(
                                        detector,
                                        strongest.monitor,
                                        strongest.defaultAction,
                                        strongest.serviceActions));
            }
        });
        return new DlpPolicy(
                DlpPolicy.SCAN_LIMIT_CHARS,
                settings.unknownAiSites,
                List.copyOf(settings.justifications),
                on,
                uploads(rank));
    }

    private static DlpPolicy.Detector detector(
            DlpDetector d, boolean monitor, DlpAction byDefault, Map<String, DlpAction> services) {
        boolean custom = d.kind != DetectorKind.BUILTIN;
        String name = custom
                ? d.name
                : BuiltinDetector.byId(d.builtinId).map(BuiltinDetector::name).orElse(d.name);
        return new DlpPolicy.Detector(
                d.publicId(),
                d.kind,
                name,
                d.keywords == null ? null : List.copyOf(d.keywords),
                d.pattern,
                custom ? d.caseSensitive : null,
                d.threshold,
                monitor,
                new DlpPolicy.Actions(byDefault, new TreeMap<>(services)),
                d.requireJustification);
    }

    /** The organization's rules, then the groups' from the weakest to the strongest, each replacing what it names. */
    private static DlpPolicy.Uploads uploads(Map<Long, Integer> rank) {
        List<DlpUploadRules> scopes = new ArrayList<>(DlpUploadRules.<DlpUploadRules>listAll().stream()
                .filter(r -> r.group == null || rank.containsKey(r.group.id))
                .sorted((a, b) -> weight(b, rank) - weight(a, rank))
                .toList());
        DlpPolicy.UploadRule byDefault = DlpPolicy.UploadRule.ALLOW_ALL;
        TreeMap<String, DlpPolicy.UploadRule> services = new TreeMap<>();
        for (DlpUploadRules scope : scopes) {
            if (scope.defaultRule != null) {
                byDefault = scope.defaultRule;
            }
            services.putAll(scope.serviceRules);
        }
        return new DlpPolicy.Uploads(byDefault, services);
    }

    /** The organization is the weakest scope; a group's rank 0 is the strongest. */
    private static int weight(DlpUploadRules r, Map<Long, Integer> rank) {
        return r.group == null ? Integer.MAX_VALUE : rank.get(r.group.id);
    }
}
