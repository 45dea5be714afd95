package dev.promptgate.dlp;

import dev.promptgate.api.Problem;
import dev.promptgate.api.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Puts a data-protection section in its stored form and collects every problem with its path in the document. */
final class DlpDocumentNormalizer {

    private static final String ROOT = "dataProtection.";

    private final Set<String> groupNames;
    private final Set<String> serviceKeys;
    private final List<Problem.FieldError> errors;

    private DlpDocumentNormalizer(Set<String> groupNames, Set<String> serviceKeys, List<Problem.FieldError> errors) {
        this.groupNames = groupNames;
        this.serviceKeys = serviceKeys;
        this.errors = errors;
    }

    static DlpDocument normalize(
            DlpDocument d, Set<String> groupNames, Set<String> serviceKeys, List<Problem.FieldError> errors) {
        DlpDocumentNormalizer n = new DlpDocumentNormalizer(groupNames, serviceKeys, errors);
        Map<String, DlpDocument.Builtin> builtins = new TreeMap<>();
        d.builtinDetectors().keySet().stream()
                .filter(id -> BuiltinDetector.byId(id).isEmpty())
                .forEach(id -> n.error("builtinDetectors." + id, "is not a built-in detector"));
        for (BuiltinDetector b : BuiltinDetector.ALL) {
            DlpDocument.Builtin given = d.builtinDetectors().get(b.id());
            String path = "builtinDetectors." + b.id();
            builtins.put(
                    b.id(),
                    given == null
                            ? new DlpDocument.Builtin(
                                    b.onByDefault(),
                                    false,
                                    1,
                                    new DetectorView.Actions(BuiltinDetector.DEFAULT_ACTION, new TreeMap<>()),
                                    false,
                                    new TreeMap<>())
                            : new DlpDocument.Builtin(
                                    given.enabled(),
                                    Boolean.TRUE.equals(given.monitor()),
                                    given.threshold() == null ? 1 : given.threshold(),
                                    n.actions(path + ".actions", given.actions()),
                                    Boolean.TRUE.equals(given.requireJustification()),
                                    n.overrides(path + ".groups", given.groups())));
        }
        Map<String, DlpDocument.Custom> customs = new TreeMap<>();
        d.customDetectors()
                .forEach((name, c) -> customs.put(name.strip(), n.custom("customDetectors." + name, name, c)));
        DlpDocument.Scope organization =
                n.scope("uploads.organization", d.uploads().organization());
        if (organization.byDefault() == null) {
            n.error("uploads.organization.default", "is required");
        }
        Map<String, DlpDocument.Scope> groupUploads = new TreeMap<>();
        if (d.uploads().groups() != null) {
            d.uploads().groups().forEach((group, scope) -> {
                n.group("uploads.groups." + group, group);
                groupUploads.put(group, n.scope("uploads.groups." + group, scope));
            });
        }
        return new DlpDocument(
                d.unknownAiSites(),
                d.justifications().stream().map(String::strip).toList(),
                builtins,
                customs,
                new DlpDocument.Uploads(organization, groupUploads));
    }

    private DlpDocument.Custom custom(String path, String name, DlpDocument.Custom c) {
        if (c.kind() == DetectorKind.BUILTIN) {
            error(path + ".kind", "must be keywords or regex");
            return c;
        }
        DlpDetector probe = new DlpDetector();
        probe.kind = c.kind();
        probe.name = name.strip();
        probe.threshold = c.threshold() == null ? 1 : c.threshold();
        probe.caseSensitive = Boolean.TRUE.equals(c.caseSensitive());
        probe.keywords = c.kind() == DetectorKind.KEYWORDS
                ? (c.keywords() == null
                        ? List.of()
                        : c.keywords().stream().map(String::strip).distinct().toList())
                : null;
        probe.pattern = c.kind() == DetectorKind.REGEX ? c.pattern() : null;
        probe.mustMatch = c.mustMatch() == null ? new ArrayList<>() : new ArrayList<>(c.mustMatch());
        probe.mustNotMatch = c.mustNotMatch() == null ? new ArrayList<>() : new ArrayList<>(c.mustNotMatch());
        try {
            DetectorRules.check(probe);
        } catch (ProblemException.InvalidInput e) {
            e.problem().errors().forEach(err -> error(path + "." + err.field(), err.message()));
        }
        return new DlpDocument.Custom(
                c.kind(),
                c.enabled() == null || c.enabled(),
                Boolean.TRUE.equals(c.monitor()),
                probe.threshold,
                probe.caseSensitive,
                probe.keywords,
                probe.pattern,
                List.copyOf(probe.mustMatch),
                List.copyOf(probe.mustNotMatch),
                actions(path + ".actions", c.actions()),
                Boolean.TRUE.equals(c.requireJustification()),
                overrides(path + ".groups", c.groups()));
    }

    private Map<String, DlpDocument.Override> overrides(String path, Map<String, DlpDocument.Override> given) {
        Map<String, DlpDocument.Override> overrides = new TreeMap<>();
        if (given != null) {
            given.forEach((group, o) -> {
                group(path + "." + group, group);
                overrides.put(
                        group,
                        new DlpDocument.Override(
                                o.enabled(),
                                Boolean.TRUE.equals(o.monitor()),
                                actions(path + "." + group, o.actions())));
            });
        }
        return overrides;
    }

    private DetectorView.Actions actions(String path, DetectorView.Actions actions) {
        Map<String, DlpAction> services = actions.servicesOrEmpty();
        services.keySet().forEach(key -> service(path + ".services." + key, key));
        return new DetectorView.Actions(actions.byDefault(), new TreeMap<>(services));
    }

    private DlpDocument.Scope scope(String path, DlpDocument.Scope scope) {
        Map<String, DlpPolicy.UploadRule> services =
                scope.services() == null ? new TreeMap<>() : new TreeMap<>(scope.services());
        services.keySet().forEach(key -> service(path + ".services." + key, key));
        return new DlpDocument.Scope(scope.byDefault(), services);
    }

    private void group(String path, String group) {
        if (!groupNames.contains(group)) {
            error(path, "names no group of the document");
        }
    }

    private void service(String path, String key) {
        if (!serviceKeys.contains(key)) {
            error(path, "is not a service of the catalog or the document");
        }
    }

    private void error(String path, String message) {
        errors.add(new Problem.FieldError(ROOT + path, message));
    }
}
