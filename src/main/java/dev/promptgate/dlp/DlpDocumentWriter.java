package dev.promptgate.dlp;

import dev.promptgate.policy.group.PolicyGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes a normalized data-protection section: settings, detectors, their overrides and upload rules. */
final class DlpDocumentWriter {

    private DlpDocumentWriter() {}

    static void write(DlpDocument desired, Map<String, PolicyGroup> groups) {
        DlpSettings settings = DlpSettings.get();
        if (settings.unknownAiSites != desired.unknownAiSites()
                || !settings.justifications.equals(desired.justifications())) {
            settings.unknownAiSites = desired.unknownAiSites();
            settings.justifications = new ArrayList<>(desired.justifications());
        }
        for (DlpDetector d : DlpDetector.<DlpDetector>listAll()) {
            if (d.kind == DetectorKind.BUILTIN) {
                DlpDocument.Builtin b = desired.builtinDetectors().get(d.builtinId);
                if (b != null) {
                    apply(d, b.enabled(), b.monitor(), b.threshold(), b.actions(), b.requireJustification());
                    overrides(d, b.groups(), groups);
                }
            }
        }
        desired.customDetectors().forEach((name, c) -> {
            DlpDetector d = DlpDetector.<DlpDetector>find("kind = ?1 and name = ?2", c.kind(), name)
                    .firstResultOptional()
                    .orElseGet(DlpDetector::new);
            d.kind = c.kind();
            d.name = name;
            d.caseSensitive = c.caseSensitive();
            d.keywords = c.keywords();
            d.pattern = c.pattern();
            d.mustMatch = new ArrayList<>(c.mustMatch());
            d.mustNotMatch = new ArrayList<>(c.mustNotMatch());
            apply(d, c.enabled(), c.monitor(), c.threshold(), c.actions(), c.requireJustification());
            if (d.id == null) {
                d.persist();
            }
            overrides(d, c.groups(), groups);
        });
        uploads(null, desired.uploads().organization(), groups);
        desired.uploads().groups().forEach((group, scope) -> uploads(group, scope, groups));
        DlpDetector.flush();
    }

    private static void apply(
            DlpDetector d,
            boolean enabled,
            boolean monitor,
            int threshold,
            DetectorView.Actions actions,
            boolean requireJustification) {
        d.enabled = enabled;
        d.monitor = monitor;
        d.threshold = threshold;
        d.defaultAction = actions.byDefault();
        if (!d.serviceActions.equals(actions.services())) {
            d.serviceActions = new TreeMap<>(actions.services());
        }
        d.requireJustification = requireJustification;
    }

    private static void overrides(
            DlpDetector d, Map<String, DlpDocument.Override> wanted, Map<String, PolicyGroup> groups) {
        List<DlpGroupOverride> stored = d.id == null ? List.of() : DlpGroupOverride.list("detector", d);
        wanted.forEach((group, o) -> {
            DlpGroupOverride override = stored.stream()
                    .filter(s -> s.group.name.equals(group))
                    .findFirst()
                    .orElseGet(DlpGroupOverride::new);
            override.detector = d;
            override.group = groups.get(group);
            override.enabled = o.enabled();
            override.monitor = o.monitor();
            override.defaultAction = o.actions().byDefault();
            if (!override.serviceActions.equals(o.actions().services())) {
                override.serviceActions = new TreeMap<>(o.actions().services());
            }
            if (override.id == null) {
                override.persist();
            }
        });
    }

    private static void uploads(String group, DlpDocument.Scope scope, Map<String, PolicyGroup> groups) {
        DlpUploadRules rules = (group == null
                        ? DlpUploadRules.<DlpUploadRules>find("group is null")
                        : DlpUploadRules.<DlpUploadRules>find("group.name", group))
                .firstResultOptional()
                .orElseGet(DlpUploadRules::new);
        rules.group = group == null ? null : groups.get(group);
        if (!java.util.Objects.equals(rules.defaultRule, scope.byDefault())) {
            rules.defaultRule = scope.byDefault();
        }
        if (!rules.serviceRules.equals(scope.services())) {
            rules.serviceRules = new TreeMap<>(scope.services());
        }
        if (rules.id == null) {
            rules.persist();
        }
    }
}
