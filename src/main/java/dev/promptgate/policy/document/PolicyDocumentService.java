package dev.promptgate.policy.document;

import dev.promptgate.api.Preconditions;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.catalog.AiService;
import dev.promptgate.catalog.ServiceDefinition;
import dev.promptgate.policy.OrgSettings;
import dev.promptgate.policy.RuleView;
import dev.promptgate.policy.ServiceRule;
import dev.promptgate.policy.SettingsView;
import dev.promptgate.policy.group.GroupView;
import dev.promptgate.policy.group.PolicyGroup;
import dev.promptgate.policy.urllist.UrlListEntry;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Policy as code: the whole policy exported as one document, and a document applied as the whole policy, in
 * one transaction and one audit entry. Applying is declarative: groups, rules, list entries and custom services
 * that the document does not name are removed; built-in services are only switched on or off.
 */
@ApplicationScoped
@Transactional
public class PolicyDocumentService {

    static final String AUDIT_TYPE = "policy";

    private final AuditLog audit;
    private final GuidelinePort guidelines;
    private final PolicyDocumentCodec codec;
    private final EntityManager em;

    PolicyDocumentService(AuditLog audit, GuidelinePort guidelines, PolicyDocumentCodec codec, EntityManager em) {
        this.audit = audit;
        this.guidelines = guidelines;
        this.codec = codec;
        this.em = em;
    }

    /** The stored policy as a document, with its ETag. */
    public record Exported(PolicyDocument document, String etag) {}

    /** The outcome of an apply: the policy now stored, its ETag, and what changed. */
    public record Applied(PolicyDocument document, String etag, List<PolicyChange> changes) {}

    public Exported export() {
        readOneSnapshot();
        PolicyDocument document = read();
        return new Exported(document, codec.etag(document));
    }

    /**
     * What applying the document would change; changes nothing. If-Match is optional here, and checked when
     * sent, so that a reviewer learns early that the policy moved on.
     */
    public List<PolicyChange> preview(PolicyDocument document, String ifMatch) {
        readOneSnapshot();
        PolicyDocument current = read();
        if (ifMatch != null && !ifMatch.isBlank()) {
            Preconditions.requireMatch(ifMatch, codec.etag(current));
        }
        return PolicyDiff.between(current, normalize(document, current));
    }

    /**
     * Makes the stored policy what the document says, made against the policy with ETag {@code ifMatch}. All or
     * nothing: any failure, down to publishing the guidelines last, leaves the policy as it was.
     */
    public Applied apply(PolicyDocument document, String ifMatch) {
        // Appliers queue here, so that each compares its If-Match with what the previous one left.
        em.createNativeQuery("select 1 from pg_advisory_xact_lock(hashtext('promptgate.policy.apply'))")
                .getResultList();
        PolicyDocument current = read();
        String etag = codec.etag(current);
        Preconditions.requireMatch(ifMatch, etag);
        PolicyDocument desired = normalize(document, current);
        List<PolicyChange> changes = PolicyDiff.between(current, desired);
        if (changes.isEmpty()) {
            return new Applied(current, etag, changes);
        }
        write(current, desired);
        em.flush();
        em.clear();
        PolicyDocument after = read();
        if (!after.equals(desired)) {
            throw new IllegalStateException("The stored policy differs from the document just applied");
        }
        String newEtag = codec.etag(after);
        audit.record("apply", AUDIT_TYPE, newEtag.replace("\"", ""), codec.tree(current), codec.tree(after));
        return new Applied(after, newEtag, changes);
    }

    /** The document is read with several queries; one snapshot keeps an apply that commits meanwhile out of it. */
    private void readOneSnapshot() {
        em.createNativeQuery("set transaction isolation level repeatable read, read only")
                .executeUpdate();
    }

    private PolicyDocument read() {
        SortedMap<String, ServiceDefinition> customServices = new TreeMap<>();
        List<String> disabledBuiltIns = new ArrayList<>();
        for (AiService service : AiService.<AiService>listAll()) {
            if (!service.builtIn) {
                customServices.put(service.key, ServiceDefinition.of(service));
            } else if (!service.enabled) {
                disabledBuiltIns.add(service.key);
            }
        }
        disabledBuiltIns.sort(Comparator.naturalOrder());

        List<GroupView.Input> groups = PolicyGroup.<PolicyGroup>listAll().stream()
                .map(g -> new GroupView.Input(g.name, g.idpValue, g.priority))
                .sorted(Comparator.comparing(GroupView.Input::name))
                .toList();

        SortedMap<String, RuleView.Input> organizationRules = new TreeMap<>();
        SortedMap<String, Map<String, RuleView.Input>> groupRules = new TreeMap<>();
        for (ServiceRule rule : ServiceRule.<ServiceRule>listAll()) {
            Map<String, RuleView.Input> scope = rule.group == null
                    ? organizationRules
                    : groupRules.computeIfAbsent(rule.group.name, name -> new TreeMap<>());
            scope.put(rule.serviceKey, RuleView.Input.of(rule));
        }

        List<PolicyDocument.BlockEntry> blocklist = new ArrayList<>();
        List<PolicyDocument.AllowEntry> allowlist = new ArrayList<>();
        for (UrlListEntry entry : UrlListEntry.<UrlListEntry>listAll()) {
            String group = entry.group == null ? null : entry.group.name;
            if (entry.list == UrlListEntry.Kind.BLOCKLIST) {
                blocklist.add(new PolicyDocument.BlockEntry(entry.pattern, entry.action, entry.reason, group));
            } else {
                allowlist.add(new PolicyDocument.AllowEntry(entry.pattern, entry.reason, group));
            }
        }
        Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        blocklist.sort(Comparator.comparing(PolicyDocument.BlockEntry::pattern)
                .thenComparing(PolicyDocument.BlockEntry::group, nullsFirst));
        allowlist.sort(Comparator.comparing(PolicyDocument.AllowEntry::pattern)
                .thenComparing(PolicyDocument.AllowEntry::group, nullsFirst));

        return new PolicyDocument(
                PolicyDocument.SCHEMA_VERSION,
                SettingsView.Input.of(SettingsView.of(OrgSettings.get())),
                groups,
                customServices,
                List.copyOf(disabledBuiltIns),
                new PolicyDocument.Rules(organizationRules, groupRules),
                List.copyOf(blocklist),
                List.copyOf(allowlist),
                guidelines.current().orElse(null));
    }

    private PolicyDocument normalize(PolicyDocument document, PolicyDocument current) {
        Set<String> builtIns = new HashSet<>();
        AiService.<AiService>list("builtIn", true).forEach(s -> builtIns.add(s.key));
        Map<String, Boolean> customEnabled = new HashMap<>();
        current.customServices().forEach((key, definition) -> customEnabled.put(key, definition.enabled()));
        return DocumentNormalizer.normalize(
                document, new DocumentNormalizer.Stored(builtIns, customEnabled, current.guidelines() != null));
    }

    /**
     * Writes the difference. What the document no longer names goes first, rules and list entries before the
     * groups and services they belong to, so that no database cascade deletes rows Hibernate still holds; each
     * step is flushed before the next, because one flush would insert before it deletes.
     */
    private void write(PolicyDocument current, PolicyDocument desired) {
        Map<PolicyChange.Scoped, RuleView.Input> rules = PolicyDiff.rules(desired);
        Map<PolicyChange.Scoped, ServiceRule> storedRules = keep(
                ServiceRule.<ServiceRule>listAll(),
                r -> new PolicyChange.Scoped(groupName(r.group), r.serviceKey),
                rules.keySet());
        Map<PolicyChange.Scoped, PolicyDocument.BlockEntry> blocklist = PolicyDiff.blocklist(desired);
        Map<PolicyChange.Scoped, PolicyDocument.AllowEntry> allowlist = PolicyDiff.allowlist(desired);
        Map<PolicyChange.Scoped, UrlListEntry> storedBlocklist = keep(
                UrlListEntry.<UrlListEntry>list("list", UrlListEntry.Kind.BLOCKLIST),
                PolicyDocumentService::entryKey,
                blocklist.keySet());
        Map<PolicyChange.Scoped, UrlListEntry> storedAllowlist = keep(
                UrlListEntry.<UrlListEntry>list("list", UrlListEntry.Kind.ALLOWLIST),
                PolicyDocumentService::entryKey,
                allowlist.keySet());
        em.flush();
        Set<String> groupNames = new HashSet<>();
        desired.groups().forEach(g -> groupNames.add(g.name()));
        Map<String, PolicyGroup> groups = keep(PolicyGroup.<PolicyGroup>listAll(), g -> g.name, groupNames);
        Map<String, AiService> customServices = keep(
                AiService.<AiService>list("builtIn", false),
                s -> s.key,
                desired.customServices().keySet());
        em.flush();

        writeGroups(desired.groups(), groups);
        writeServices(desired, customServices);
        desired.rules().organization().forEach((service, rule) -> writeRule(storedRules, null, service, rule));
        desired.rules()
                .groups()
                .forEach((group, byService) ->
                        byService.forEach((service, rule) -> writeRule(storedRules, groups.get(group), service, rule)));
        blocklist.forEach((key, e) -> writeEntry(
                storedBlocklist,
                key,
                UrlListEntry.Kind.BLOCKLIST,
                e.pattern(),
                e.action(),
                e.reason(),
                groups.get(e.group())));
        allowlist.forEach((key, e) -> writeEntry(
                storedAllowlist,
                key,
                UrlListEntry.Kind.ALLOWLIST,
                e.pattern(),
                null,
                e.reason(),
                groups.get(e.group())));
        OrgSettings settings = OrgSettings.get();
        if (!desired.settings().equals(current.settings())) {
            desired.settings().applyTo(settings);
            settings.updatedAt = Instant.now();
        }
        PolicyDocument.Guidelines next = desired.guidelines();
        if (next != null && !next.equals(current.guidelines())) {
            guidelines.publish(next.title(), next.markdown());
        }
    }

    /** Deletes the stored items whose key is not wanted, and returns the others by key. */
    private static <K, T extends PanacheEntityBase> Map<K, T> keep(List<T> stored, Function<T, K> key, Set<K> wanted) {
        Map<K, T> kept = new HashMap<>();
        for (T item : stored) {
            K k = key.apply(item);
            if (wanted.contains(k)) {
                kept.put(k, item);
            } else {
                item.delete();
            }
        }
        return kept;
    }

    private void writeGroups(List<GroupView.Input> desired, Map<String, PolicyGroup> stored) {
        // An IdP value may move from one group to another: park the values that change first, so that no two
        // rows ever hold the same one.
        boolean parked = false;
        for (GroupView.Input input : desired) {
            PolicyGroup group = stored.get(input.name());
            if (group != null && !group.idpValue.equals(input.idpValue())) {
                group.idpValue = "moving:" + UUID.randomUUID();
                parked = true;
            }
        }
        if (parked) {
            em.flush();
        }
        for (GroupView.Input input : desired) {
            PolicyGroup group = stored.get(input.name());
            if (group == null) {
                group = new PolicyGroup();
                input.applyTo(group);
                group.persist();
                stored.put(group.name, group);
            } else if (!new GroupView.Input(group.name, group.idpValue, group.priority).equals(input)) {
                input.applyTo(group);
            }
        }
        em.flush();
    }

    private void writeServices(PolicyDocument desired, Map<String, AiService> stored) {
        Instant now = Instant.now();
        desired.customServices().forEach((key, definition) -> {
            AiService service = stored.get(key);
            if (service == null) {
                service = new AiService();
                service.key = key;
                service.builtIn = false;
                service.createdAt = now;
                service.updatedAt = now;
                definition.applyTo(service, Set.of());
                service.enabled = definition.enabled();
                service.persist();
            } else if (!ServiceDefinition.of(service).equals(definition)) {
                definition.applyTo(service, Set.of());
                service.enabled = definition.enabled();
                service.updatedAt = now;
            }
        });
        Set<String> disabled = Set.copyOf(desired.disabledBuiltInServices());
        for (AiService service : AiService.<AiService>list("builtIn", true)) {
            boolean enabled = !disabled.contains(service.key);
            if (service.enabled != enabled) {
                service.enabled = enabled;
                service.updatedAt = now;
            }
        }
        em.flush();
    }

    private static void writeRule(
            Map<PolicyChange.Scoped, ServiceRule> stored, PolicyGroup group, String serviceKey, RuleView.Input input) {
        ServiceRule rule = stored.get(new PolicyChange.Scoped(groupName(group), serviceKey));
        if (rule == null) {
            rule = new ServiceRule();
            rule.serviceKey = serviceKey;
            rule.group = group;
            input.applyTo(rule);
            rule.persist();
        } else if (!RuleView.Input.of(rule).equals(input)) {
            input.applyTo(rule);
        }
    }

    private static void writeEntry(
            Map<PolicyChange.Scoped, UrlListEntry> stored,
            PolicyChange.Scoped key,
            UrlListEntry.Kind list,
            String pattern,
            UrlListEntry.BlockAction action,
            String reason,
            PolicyGroup group) {
        UrlListEntry entry = stored.get(key);
        if (entry == null) {
            entry = new UrlListEntry();
            entry.list = list;
            entry.pattern = pattern;
            entry.group = group;
            entry.action = action;
            entry.reason = reason;
            entry.persist();
        } else if (entry.action != action || !Objects.equals(entry.reason, reason)) {
            entry.action = action;
            entry.reason = reason;
        }
    }

    private static PolicyChange.Scoped entryKey(UrlListEntry entry) {
        return new PolicyChange.Scoped(groupName(entry.group), entry.pattern);
    }

    private static String groupName(PolicyGroup group) {
        return group == null ? null : group.name;
    }
}
