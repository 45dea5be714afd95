package dev.promptgate.policy.document;

import dev.promptgate.policy.RuleView;
import dev.promptgate.policy.SettingsView;
import dev.promptgate.policy.document.PolicyChange.Kind;
import dev.promptgate.policy.document.PolicyChange.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** The changes that turn one normalized policy document into another, by section, then by key. */
final class PolicyDiff {

    private PolicyDiff() {}

    static List<PolicyChange> between(PolicyDocument before, PolicyDocument after) {
        List<PolicyChange> changes = new ArrayList<>();
        compare(Kind.SETTINGS, settings(before.settings()), settings(after.settings()), changes);
        compare(Kind.GROUP, groups(before), groups(after), changes);
        changes.addAll(services(before, after));
        compare(Kind.RULE, rules(before), rules(after), changes);
        compare(Kind.BLOCKLIST, blocklist(before), blocklist(after), changes);
        compare(Kind.ALLOWLIST, allowlist(before), allowlist(after), changes);
        compare(Kind.TENANT_RESTRICTION, tenantRestrictions(before), tenantRestrictions(after), changes);
        compare(Kind.DATA_PROTECTION, dataProtection(before), dataProtection(after), changes);
        compare(Kind.GUIDELINES, guidelines(before), guidelines(after), changes);
        return changes;
    }

    private static SortedMap<PolicyChange.Scoped, PolicyDocument.BlockEntry> blocklist(PolicyDocument document) {
        return byScope(document.blocklist(), PolicyDocument.BlockEntry::group, PolicyDocument.BlockEntry::pattern);
    }

    private static SortedMap<PolicyChange.Scoped, PolicyDocument.AllowEntry> allowlist(PolicyDocument document) {
        return byScope(document.allowlist(), PolicyDocument.AllowEntry::group, PolicyDocument.AllowEntry::pattern);
    }

    /** The rules of a document by their change key. */
    private static SortedMap<PolicyChange.Scoped, RuleView.Input> rules(PolicyDocument document) {
        SortedMap<PolicyChange.Scoped, RuleView.Input> rules = new TreeMap<>();
        document.rules()
                .organization()
                .forEach((service, rule) -> rules.put(new PolicyChange.Scoped(null, service), rule));
        document.rules()
                .groups()
                .forEach((group, byService) ->
                        byService.forEach((service, rule) -> rules.put(new PolicyChange.Scoped(group, service), rule)));
        return rules;
    }

    /** The entries of a URL list (blocklist or allowlist) by their change key: group, then pattern. */
    private static <T> SortedMap<PolicyChange.Scoped, T> byScope(
            List<T> entries, Function<T, String> group, Function<T, String> pattern) {
        SortedMap<PolicyChange.Scoped, T> byKey = new TreeMap<>();
        entries.forEach(e -> byKey.put(new PolicyChange.Scoped(group.apply(e), pattern.apply(e)), e));
        return byKey;
    }

    private static SortedMap<String, Object> settings(SettingsView.Input settings) {
        SortedMap<String, Object> fields = new TreeMap<>();
        fields.put("organizationName", settings.organizationName());
        fields.put("defaultServiceAction", settings.defaultServiceAction());
        fields.put("unknownAiAction", settings.unknownAiAction());
        fields.put("requireAcknowledgement", settings.requireAcknowledgement());
        fields.put("acknowledgeEveryDays", settings.acknowledgeEveryDays());
        return fields;
    }

    private static SortedMap<String, Object> groups(PolicyDocument document) {
        SortedMap<String, Object> groups = new TreeMap<>();
        document.groups().forEach(g -> groups.put(g.name(), g));
        return groups;
    }

    /**
     * Custom services by key with their definitions; built-in services only by their switch, so that disabling
     * one reads as an update of {@code enabled}, never as an addition or removal.
     */
    private static List<PolicyChange> services(PolicyDocument before, PolicyDocument after) {
        List<PolicyChange> custom = new ArrayList<>();
        compare(Kind.SERVICE, new TreeMap<>(before.customServices()), new TreeMap<>(after.customServices()), custom);
        SortedMap<String, PolicyChange> byKey = new TreeMap<>();
        custom.forEach(change -> byKey.put(change.key(), change));
        Set<String> wasDisabled = Set.copyOf(before.disabledBuiltInServices());
        Set<String> isDisabled = Set.copyOf(after.disabledBuiltInServices());
        Set<String> switched = new TreeSet<>(wasDisabled);
        switched.addAll(isDisabled);
        for (String key : switched) {
            if (wasDisabled.contains(key) != isDisabled.contains(key)) {
                byKey.put(
                        key,
                        new PolicyChange(
                                Op.UPDATE,
                                Kind.SERVICE,
                                key,
                                Map.of("enabled", !wasDisabled.contains(key)),
                                Map.of("enabled", !isDisabled.contains(key))));
            }
        }
        return List.copyOf(byKey.values());
    }

    private static SortedMap<String, PolicyDocument.TenantRestriction> tenantRestrictions(PolicyDocument document) {
        return document.tenantRestrictions() == null ? new TreeMap<>() : new TreeMap<>(document.tenantRestrictions());
    }

    private static SortedMap<String, Object> dataProtection(PolicyDocument document) {
        return document.dataProtection() == null
                ? new TreeMap<>()
                : document.dataProtection().parts();
    }

    private static SortedMap<String, Object> guidelines(PolicyDocument document) {
        SortedMap<String, Object> current = new TreeMap<>();
        if (document.guidelines() != null) {
            current.put(PolicyChange.GUIDELINES_KEY, document.guidelines());
        }
        return current;
    }

    private static <K extends Comparable<K>> void compare(
            Kind kind, Map<K, ?> before, Map<K, ?> after, List<PolicyChange> changes) {
        Set<K> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (K key : keys) {
            Object was = before.get(key);
            Object is = after.get(key);
            if (was == null) {
                changes.add(new PolicyChange(Op.ADD, kind, key.toString(), null, is));
            } else if (is == null) {
                changes.add(new PolicyChange(Op.REMOVE, kind, key.toString(), was, null));
            } else if (!Objects.equals(was, is)) {
                changes.add(new PolicyChange(Op.UPDATE, kind, key.toString(), was, is));
            }
        }
    }
}
