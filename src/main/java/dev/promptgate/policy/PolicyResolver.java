package dev.promptgate.policy;

import dev.promptgate.catalog.AiService;
import dev.promptgate.catalog.CatalogService;
import dev.promptgate.policy.group.GroupService;
import dev.promptgate.policy.group.PolicyGroup;
import dev.promptgate.policy.tenant.TenantRestrictionsInEffect;
import dev.promptgate.policy.urllist.UrlListEntry;
import dev.promptgate.policy.urllist.UrlListService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Works out the effective policy for a set of IdP group values. A group's rule beats the organization's; among
 * a person's groups the highest priority wins (ties by name); services nobody configured get the default
 * action. List entries add up: the organization's and those of every group the person is in.
 */
@ApplicationScoped
public class PolicyResolver {

    private final CatalogService catalog;
    private final GroupService groupService;
    private final UrlListService urlLists;
    private final TenantRestrictionsInEffect tenantRestrictions;

    PolicyResolver(
            CatalogService catalog,
            GroupService groupService,
            UrlListService urlLists,
            TenantRestrictionsInEffect tenantRestrictions) {
        this.catalog = catalog;
        this.groupService = groupService;
        this.urlLists = urlLists;
        this.tenantRestrictions = tenantRestrictions;
    }

    @Transactional
    public EffectivePolicy resolve(Set<String> idpGroups) {
        OrgSettings settings = OrgSettings.get();
        List<PolicyGroup> groups = idpGroups.isEmpty()
                ? List.of()
                : groupService.withIdpValues(idpGroups).stream()
                        .sorted(Comparator.comparingInt((PolicyGroup g) -> -g.priority)
                                .thenComparing(g -> g.name))
                        .toList();
        Map<Long, Integer> rank = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            rank.put(groups.get(i).id, i);
        }
        Map<String, List<ServiceRule>> rulesByService = ServiceRule.<ServiceRule>listAll().stream()
                .filter(r -> r.group == null || rank.containsKey(r.group.id))
                .collect(Collectors.groupingBy(r -> r.serviceKey));
        Comparator<ServiceRule> strongestFirst =
                Comparator.comparingInt(r -> r.group == null ? Integer.MAX_VALUE : rank.get(r.group.id));

        List<EffectivePolicy.Service> services = catalog.listAll().stream()
                .filter(service -> service.enabled)
                .map(service -> rulesByService.getOrDefault(service.key, List.of()).stream()
                        .min(strongestFirst)
                        .map(rule -> fromRule(service, rule))
                        .orElseGet(() -> new EffectivePolicy.Service(
                                service.key,
                                service.name,
                                settings.defaultServiceAction,
                                EffectivePolicy.BY_DEFAULT,
                                null,
                                false,
                                null)))
                .toList();

        List<UrlListEntry> entries = urlLists.inEffectFor(rank.keySet());
        Map<Boolean, List<EffectivePolicy.ListEntry>> lists = entries.stream()
                .collect(Collectors.partitioningBy(
                        e -> e.list == UrlListEntry.Kind.BLOCKLIST,
                        Collectors.mapping(PolicyResolver::fromEntry, Collectors.toList())));

        return new EffectivePolicy(
                settings.organizationName,
                groups.stream()
                        .map(g -> new EffectivePolicy.MatchedGroup(g.id, g.name, g.idpValue, g.priority))
                        .toList(),
                settings.defaultServiceAction,
                settings.unknownAiAction,
                services,
                lists.get(true),
                lists.get(false),
                tenantRestrictions.inEffectFor(groups.stream().map(g -> g.id).toList()).stream()
                        .map(PolicyResolver::fromTenantRestriction)
                        .toList());
    }

    private static EffectivePolicy.TenantRestriction fromTenantRestriction(TenantRestrictionsInEffect.InEffect r) {
        return new EffectivePolicy.TenantRestriction(
                r.serviceKey(),
                r.mechanism().header(),
                r.headerValue(),
                r.mechanism().hosts(),
                r.mechanism().resourceTypes(),
                r.mechanism().blockedWhenOn(),
                r.groupName() == null ? EffectivePolicy.BY_ORGANIZATION : EffectivePolicy.byGroup(r.groupName()));
    }

    private static EffectivePolicy.Service fromRule(AiService service, ServiceRule rule) {
        return new EffectivePolicy.Service(
                service.key,
                service.name,
                rule.action,
                rule.group == null ? EffectivePolicy.BY_ORGANIZATION : EffectivePolicy.byGroup(rule.group.name),
                rule.message,
                rule.historyReminder,
                RuleView.Alternative.of(rule.alternativeName, rule.alternativeUrl));
    }

    private static EffectivePolicy.ListEntry fromEntry(UrlListEntry e) {
        return new EffectivePolicy.ListEntry(
                e.pattern,
                e.action,
                e.reason,
                e.group == null ? EffectivePolicy.BY_ORGANIZATION : EffectivePolicy.byGroup(e.group.name));
    }
}
