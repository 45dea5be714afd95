package dev.promptgate.policy.document;

import dev.promptgate.api.Problem;
import dev.promptgate.api.ProblemException;
import dev.promptgate.catalog.AiService;
import dev.promptgate.catalog.CatalogService;
import dev.promptgate.catalog.ServiceDefinition;
import dev.promptgate.catalog.TenantMechanism;
import dev.promptgate.policy.OrgSettings;
import dev.promptgate.policy.RuleView;
import dev.promptgate.policy.ServiceRule;
import dev.promptgate.policy.SettingsView;
import dev.promptgate.policy.group.GroupView;
import dev.promptgate.policy.group.PolicyGroup;
import dev.promptgate.policy.urllist.UrlListEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Checks what bean validation cannot see in a document (URL patterns, service keys, references to groups and
 * services, duplicates) and brings it into the form an export of the same policy has: values as the services
 * store them, everything sorted. Reports every problem at once, each named by its path in the document. The URL
 * lists are {@link UrlListNormalizer}'s, the tenant restrictions {@link TenantRestrictionNormalizer}'s.
 */
final class DocumentNormalizer {

    /**
     * What the stored state contributes: the built-in services, how the custom ones are switched now, the vendors'
     * tenant-restriction mechanisms, and the stored tenant restrictions (for a document without that section).
     */
    record Stored(
            Set<String> builtInServices,
            Map<String, Boolean> customServicesEnabled,
            boolean guidelinePublished,
            Map<String, TenantMechanism> tenantMechanisms,
            SortedMap<String, PolicyDocument.TenantRestriction> tenantRestrictions) {

        Stored(Set<String> builtInServices, Map<String, Boolean> customServicesEnabled, boolean guidelinePublished) {
            this(builtInServices, customServicesEnabled, guidelinePublished, Map.of(), new TreeMap<>());
        }
    }

    private final Stored stored;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    private DocumentNormalizer(Stored stored) {
        this.stored = stored;
    }

    /** The document in normalized form, or an {@link ProblemException.InvalidInput} naming every problem. */
    static PolicyDocument normalize(PolicyDocument document, Stored stored) {
        DocumentNormalizer normalizer = new DocumentNormalizer(stored);
        PolicyDocument normalized = normalizer.run(document);
        if (!normalizer.errors.isEmpty()) {
            throw new ProblemException.InvalidInput(List.copyOf(normalizer.errors));
        }
        return normalized;
    }

    private PolicyDocument run(PolicyDocument d) {
        List<GroupView.Input> groups = groups(d.groups());
        Set<String> groupNames = new HashSet<>();
        groups.forEach(g -> groupNames.add(g.name()));
        SortedMap<String, ServiceDefinition> customServices = customServices(d.customServices());
        Set<String> serviceKeys = new HashSet<>(stored.builtInServices());
        serviceKeys.addAll(customServices.keySet());
        UrlListNormalizer lists = new UrlListNormalizer(errors, groupNames);
        return new PolicyDocument(
                PolicyDocument.SCHEMA_VERSION,
                settings(d.settings()),
                groups,
                customServices,
                disabledBuiltInServices(d.disabledBuiltInServices(), customServices.keySet()),
                new PolicyDocument.Rules(
                        rules("rules.organization", d.rules().organization(), serviceKeys),
                        groupRules(d.rules().groups(), groupNames, serviceKeys)),
                lists.normalize(
                        "blocklist",
                        d.blocklist(),
                        PolicyDocument.BlockEntry::pattern,
                        PolicyDocument.BlockEntry::group,
                        (e, pattern) -> new PolicyDocument.BlockEntry(
                                pattern,
                                e.action() == null ? UrlListEntry.BlockAction.BLOCK : e.action(),
                                UrlListNormalizer.reason(e.reason()),
                                e.group())),
                lists.normalize(
                        "allowlist",
                        d.allowlist(),
                        PolicyDocument.AllowEntry::pattern,
                        PolicyDocument.AllowEntry::group,
                        (e, pattern) -> new PolicyDocument.AllowEntry(
                                pattern, UrlListNormalizer.reason(e.reason()), e.group())),
                guidelines(d.guidelines()),
                new TenantRestrictionNormalizer(errors, stored.tenantMechanisms(), stored.tenantRestrictions())
                        .normalize(d.tenantRestrictions(), groupNames),
                d.dataProtection());
    }

    private static SettingsView.Input settings(SettingsView.Input input) {
        OrgSettings settings = new OrgSettings();
        input.applyTo(settings);
        return SettingsView.Input.of(SettingsView.of(settings));
    }

    private List<GroupView.Input> groups(List<GroupView.Input> inputs) {
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> idpValues = new HashMap<>();
        List<GroupView.Input> groups = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            PolicyGroup group = new PolicyGroup();
            inputs.get(i).applyTo(group);
            Integer sameName = names.putIfAbsent(group.name.toLowerCase(Locale.ROOT), i);
            if (sameName != null) {
                error("groups[" + i + "].name", "groups[" + sameName + "] has this name already");
            }
            Integer sameIdpValue = idpValues.putIfAbsent(group.idpValue, i);
            if (sameIdpValue != null) {
                error(
                        "groups[" + i + "].idpValue",
                        "groups[" + sameIdpValue + "] is selected by this IdP value already");
            }
            groups.add(new GroupView.Input(group.name, group.idpValue, group.priority));
        }
        groups.sort(Comparator.comparing(GroupView.Input::name));
        return groups;
    }

    private SortedMap<String, ServiceDefinition> customServices(Map<String, ServiceDefinition> definitions) {
        SortedMap<String, ServiceDefinition> services = new TreeMap<>();
        new TreeMap<>(definitions).forEach((key, definition) -> {
            String path = "customServices." + key;
            if (stored.builtInServices().contains(key)) {
                error(
                        path,
                        "'" + key + "' is a built-in service; built-in services can only be disabled, with"
                                + " disabledBuiltInServices");
            }
            CatalogService.problemsWith(key, definition)
                    .forEach(e -> error(e.field().equals("key") ? path : path + "." + e.field(), e.message()));
            AiService service = new AiService();
            definition.applyTo(service, Set.of());
            service.enabled = definition.enabled() != null
                    ? definition.enabled()
                    : stored.customServicesEnabled().getOrDefault(key, true);
            services.put(key, ServiceDefinition.of(service));
        });
        return services;
    }

    private List<String> disabledBuiltInServices(List<String> keys, Set<String> customServices) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            String path = "disabledBuiltInServices[" + i + "]";
            Integer same = seen.putIfAbsent(key, i);
            if (same != null) {
                error(path, "disabledBuiltInServices[" + same + "] names '" + key + "' already");
            } else if (customServices.contains(key)
                    || stored.customServicesEnabled().containsKey(key)) {
                error(
                        path,
                        "'" + key + "' is a custom service; switch it off with enabled: false under customServices");
            } else if (!stored.builtInServices().contains(key)) {
                error(path, "there is no built-in service '" + key + "'");
            }
        }
        return seen.keySet().stream().sorted().toList();
    }

    private SortedMap<String, RuleView.Input> rules(
            String path, Map<String, RuleView.Input> rules, Set<String> serviceKeys) {
        SortedMap<String, RuleView.Input> normalized = new TreeMap<>();
        rules.forEach((serviceKey, input) -> {
            if (!serviceKeys.contains(serviceKey)) {
                error(
                        path + "." + serviceKey,
                        "there is no AI service '" + serviceKey + "': it is neither built in nor under customServices");
            }
            ServiceRule rule = new ServiceRule();
            input.applyTo(rule);
            normalized.put(serviceKey, RuleView.Input.of(rule));
        });
        return normalized;
    }

    private SortedMap<String, Map<String, RuleView.Input>> groupRules(
            Map<String, Map<String, RuleView.Input>> byGroup, Set<String> groupNames, Set<String> serviceKeys) {
        SortedMap<String, Map<String, RuleView.Input>> normalized = new TreeMap<>();
        byGroup.forEach((group, rules) -> {
            String path = "rules.groups." + group;
            if (!groupNames.contains(group)) {
                error(path, "there is no group '" + group + "' under groups");
            }
            if (!rules.isEmpty()) {
                normalized.put(group, rules(path, rules, serviceKeys));
            }
        });
        return normalized;
    }

    private PolicyDocument.Guidelines guidelines(PolicyDocument.Guidelines guidelines) {
        if (guidelines == null) {
            if (stored.guidelinePublished()) {
                error(
                        "guidelines",
                        "a published guideline cannot be withdrawn; keep the current one or write the"
                                + " next version here");
            }
            return null;
        }
        return new PolicyDocument.Guidelines(guidelines.title().strip(), guidelines.markdown());
    }

    private void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }
}
