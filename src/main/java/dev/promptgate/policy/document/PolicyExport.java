package dev.promptgate.policy.document;

import dev.promptgate.api.Preconditions;
import dev.promptgate.catalog.AiService;
import dev.promptgate.catalog.BuiltinCatalog;
import dev.promptgate.catalog.CatalogService;
import dev.promptgate.catalog.ServiceDefinition;
import dev.promptgate.db.Transactions;
import dev.promptgate.dlp.DlpAsCode;
import dev.promptgate.policy.RuleService;
import dev.promptgate.policy.RuleView;
import dev.promptgate.policy.ServiceRule;
import dev.promptgate.policy.SettingsService;
import dev.promptgate.policy.SettingsView;
import dev.promptgate.policy.group.GroupService;
import dev.promptgate.policy.group.GroupView;
import dev.promptgate.policy.tenant.TenantRestrictionsAsCode;
import dev.promptgate.policy.urllist.UrlListEntry;
import dev.promptgate.policy.urllist.UrlListService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Policy as code, reading: the whole policy as one document, read through each feature's service, and what applying
 * a document would change.
 */
@ApplicationScoped
@Transactional
public class PolicyExport {

    private final CatalogService catalog;
    private final GroupService groups;
    private final RuleService rules;
    private final UrlListService urlLists;
    private final SettingsService settings;
    private final GuidelinePort guidelines;
    private final PolicyDocumentCodec codec;
    private final EntityManager em;
    private final TenantRestrictionsAsCode tenantRestrictions;
    private final BuiltinCatalog builtin;
    private final DlpAsCode dlp;

    PolicyExport(
            CatalogService catalog,
            GroupService groups,
            RuleService rules,
            UrlListService urlLists,
            SettingsService settings,
            GuidelinePort guidelines,
            PolicyDocumentCodec codec,
            EntityManager em,
            TenantRestrictionsAsCode tenantRestrictions,
            BuiltinCatalog builtin,
            DlpAsCode dlp) {
        this.dlp = dlp;
        this.tenantRestrictions = tenantRestrictions;
        this.builtin = builtin;
        this.catalog = catalog;
        this.groups = groups;
        this.rules = rules;
        this.urlLists = urlLists;
        this.settings = settings;
        this.guidelines = guidelines;
        this.codec = codec;
        this.em = em;
    }

    /** The stored policy as a document, with its ETag. */
    public record Exported(PolicyDocument document, String etag) {}

    public Exported export() {
        // The document is read with several queries; one snapshot keeps an apply that commits meanwhile out of it.
        Transactions.readOnlySnapshot(em);
        PolicyDocument document = read();
        return new Exported(document, codec.etag(document));
    }

    /**
     * What applying the document would change; changes nothing. If-Match is optional here, and checked when
     * sent, so that a reviewer learns early that the policy moved on.
     */
    public List<PolicyChange> preview(PolicyDocument document, String ifMatch) {
        Transactions.readOnlySnapshot(em);
        PolicyDocument current = read();
        if (ifMatch != null && !ifMatch.isBlank()) {
            Preconditions.requireMatch(ifMatch, codec.etag(current));
        }
        return PolicyDiff.between(current, normalize(document, current));
    }

    /** The stored policy, in the caller's transaction. */
    PolicyDocument read() {
        SortedMap<String, ServiceDefinition> customServices = new TreeMap<>();
        List<String> disabledBuiltIns = new ArrayList<>();
        for (AiService service : catalog.listAll()) {
            if (!service.builtIn) {
                customServices.put(service.key, ServiceDefinition.of(service));
            } else if (!service.enabled) {
                disabledBuiltIns.add(service.key);
            }
        }
        disabledBuiltIns.sort(Comparator.naturalOrder());

        List<GroupView.Input> groupInputs = groups.all().stream()
                .map(g -> new GroupView.Input(g.name, g.idpValue, g.priority))
                .sorted(Comparator.comparing(GroupView.Input::name))
                .toList();

        SortedMap<String, RuleView.Input> organizationRules = new TreeMap<>();
        SortedMap<String, Map<String, RuleView.Input>> groupRules = new TreeMap<>();
        for (ServiceRule rule : rules.all()) {
            Map<String, RuleView.Input> scope = rule.group == null
                    ? organizationRules
                    : groupRules.computeIfAbsent(rule.group.name, name -> new TreeMap<>());
            scope.put(rule.serviceKey, RuleView.Input.of(rule));
        }

        List<PolicyDocument.BlockEntry> blocklist = new ArrayList<>();
        for (UrlListEntry entry : urlLists.all(UrlListEntry.Kind.BLOCKLIST)) {
            blocklist.add(new PolicyDocument.BlockEntry(entry.pattern, entry.action, entry.reason, groupName(entry)));
        }
        List<PolicyDocument.AllowEntry> allowlist = new ArrayList<>();
        for (UrlListEntry entry : urlLists.all(UrlListEntry.Kind.ALLOWLIST)) {
            allowlist.add(new PolicyDocument.AllowEntry(entry.pattern, entry.reason, groupName(entry)));
        }
        Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        blocklist.sort(Comparator.comparing(PolicyDocument.BlockEntry::pattern)
                .thenComparing(PolicyDocument.BlockEntry::group, nullsFirst));
        allowlist.sort(Comparator.comparing(PolicyDocument.AllowEntry::pattern)
                .thenComparing(PolicyDocument.AllowEntry::group, nullsFirst));

        return new PolicyDocument(
                PolicyDocument.SCHEMA_VERSION,
                SettingsView.Input.of(settings.get()),
                groupInputs,
                customServices,
                List.copyOf(disabledBuiltIns),
                new PolicyDocument.Rules(organizationRules, groupRules),
                List.copyOf(blocklist),
                List.copyOf(allowlist),
                guidelines.current().orElse(null),
                tenantRestrictions(),
                dlp.read());
    }

    private SortedMap<String, PolicyDocument.TenantRestriction> tenantRestrictions() {
        SortedMap<String, PolicyDocument.TenantRestriction> restrictions = new TreeMap<>();
        tenantRestrictions
                .all()
                .forEach((service, r) -> restrictions.put(
                        service,
                        new PolicyDocument.TenantRestriction(r.enabled(), r.allowedIds(), new TreeMap<>(r.groups()))));
        return restrictions;
    }

    /** The document as it would be stored, checked against the stored policy. */
    PolicyDocument normalize(PolicyDocument document, PolicyDocument current) {
        Set<String> builtIns = new HashSet<>();
        catalog.listAll().stream().filter(s -> s.builtIn).forEach(s -> builtIns.add(s.key));
        Map<String, Boolean> customEnabled = new HashMap<>();
        current.customServices().forEach((key, definition) -> customEnabled.put(key, definition.enabled()));
        PolicyDocument normalized = DocumentNormalizer.normalize(
                document,
                new DocumentNormalizer.Stored(
                        builtIns,
                        customEnabled,
                        current.guidelines() != null,
                        builtin.tenantMechanisms(),
                        new TreeMap<>(current.tenantRestrictions())));
        Set<String> groupNames = new HashSet<>();
        normalized.groups().forEach(g -> groupNames.add(g.name()));
        if (document.dataProtection() == null) {
            return normalized.withDataProtection(current.dataProtection().onlyGroups(groupNames));
        }
        Set<String> serviceKeys = new HashSet<>(builtIns);
        serviceKeys.addAll(normalized.customServices().keySet());
        return normalized.withDataProtection(DlpAsCode.normalize(document.dataProtection(), groupNames, serviceKeys));
    }

    private static String groupName(UrlListEntry entry) {
        return entry.group == null ? null : entry.group.name;
    }
}
