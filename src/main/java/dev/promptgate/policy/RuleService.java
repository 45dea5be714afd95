package dev.promptgate.policy;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.Preconditions;
import dev.promptgate.api.ProblemException;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.catalog.CatalogService;
import dev.promptgate.change.PolicyChanged;
import dev.promptgate.policy.group.GroupService;
import dev.promptgate.policy.group.PolicyGroup;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Per-service rules, organization-wide or per group. */
@ApplicationScoped
@Transactional
public class RuleService {

    static final String AUDIT_TYPE = "service-rule";

    private final AuditLog audit;
    private final Event<PolicyChanged> changed;
    private final CatalogService catalog;
    private final GroupService groups;

    RuleService(AuditLog audit, CatalogService catalog, GroupService groups, Event<PolicyChanged> changed) {
        this.changed = changed;
        this.audit = audit;
        this.catalog = catalog;
        this.groups = groups;
    }

    /** The result of a create-or-replace: the rule, and whether it is new. */
    public record Saved(ServiceRule rule, boolean created) {}

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ServiceRule> list(String serviceKey, Long groupId, Boolean organizationOnly, PageParams paging) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (serviceKey != null) {
            where.add("serviceKey = :serviceKey");
            params.and("serviceKey", serviceKey);
        }
        if (groupId != null) {
            where.add("group.id = :groupId");
            params.and("groupId", groupId);
        }
        if (Boolean.TRUE.equals(organizationOnly)) {
            where.add("group is null");
        }
        var query = ServiceRule.find(String.join(" and ", where), Sort.ascending("serviceKey", "id"), params)
                .page(paging.page, paging.size);
        return new Page<>(query.list(), paging.page, paging.size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ServiceRule> find(String serviceKey, Long groupId) {
        return groupId == null
                ? ServiceRule.find("serviceKey = ?1 and group is null", serviceKey)
                        .firstResultOptional()
                : ServiceRule.find("serviceKey = ?1 and group.id = ?2", serviceKey, groupId)
                        .firstResultOptional();
    }

    public ServiceRule require(String serviceKey, Long groupId) {
        return find(serviceKey, groupId).orElseThrow(() -> notFound(serviceKey, groupId));
    }

    /** Creates the rule for this service and scope, or replaces it (If-Match required then). */
    public Saved save(String serviceKey, Long groupId, String ifMatch, RuleView.Input input) {
        if (catalog.find(serviceKey).isEmpty()) {
            throw new ProblemException.NotFound("No AI service '" + serviceKey + "'");
        }
        PolicyGroup group = groupId == null ? null : groups.require(groupId);
        Optional<ServiceRule> existing = find(serviceKey, groupId);
        if (existing.isEmpty()) {
            ServiceRule rule = new ServiceRule();
            rule.serviceKey = serviceKey;
            rule.group = group;
            input.applyTo(rule);
            rule.persist();
            ServiceRule.flush();
            audit.record("create", AUDIT_TYPE, rule.id, null, RuleView.of(rule));
            changed.fire(new PolicyChanged("service rule"));
            return new Saved(rule, true);
        }
        ServiceRule rule = existing.get();
        Preconditions.requireMatch(ifMatch, rule.version);
        RuleView before = RuleView.of(rule);
        input.applyTo(rule);
        ServiceRule.flush();
        audit.record("update", AUDIT_TYPE, rule.id, before, RuleView.of(rule));
        changed.fire(new PolicyChanged("service rule"));
        return new Saved(rule, false);
    }

    public void delete(String serviceKey, Long groupId, String ifMatch) {
        ServiceRule rule = require(serviceKey, groupId);
        Preconditions.requireMatch(ifMatch, rule.version);
        RuleView before = RuleView.of(rule);
        rule.delete();
        audit.record("delete", AUDIT_TYPE, rule.id, before, null);
        changed.fire(new PolicyChanged("service rule"));
    }

    private static ProblemException.NotFound notFound(String serviceKey, Long groupId) {
        return new ProblemException.NotFound(
                groupId == null
                        ? "No organization-wide rule for '" + serviceKey + "'"
                        : "No rule for '" + serviceKey + "' in group " + groupId);
    }

    // Policy as code (policy.document) reads and replaces the whole of this feature in one apply. These
    // operations neither audit nor announce: the apply records one audit entry and one change for the document.

    /** Every rule, organization-wide and per group. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ServiceRule> all() {
        return ServiceRule.listAll();
    }

    /**
     * Deletes the rules not named here: organization-wide ones by service key, group ones by group name and
     * service key.
     */
    public void deleteAllExcept(Set<String> organization, Map<String, Map<String, RuleView.Input>> byGroup) {
        for (ServiceRule rule : ServiceRule.<ServiceRule>listAll()) {
            boolean wanted = rule.group == null
                    ? organization.contains(rule.serviceKey)
                    : byGroup.containsKey(rule.group.name)
                            && byGroup.get(rule.group.name).containsKey(rule.serviceKey);
            if (!wanted) {
                rule.delete();
            }
        }
        ServiceRule.flush();
    }

    /** Creates or updates these rules; the groups they name are looked up in {@code groups}, by name. */
    public void writeAll(
            Map<String, RuleView.Input> organization,
            Map<String, Map<String, RuleView.Input>> byGroup,
            Map<String, PolicyGroup> groups) {
        Map<List<String>, ServiceRule> stored = new HashMap<>();
        for (ServiceRule rule : ServiceRule.<ServiceRule>listAll()) {
            stored.put(Arrays.asList(rule.group == null ? null : rule.group.name, rule.serviceKey), rule);
        }
        organization.forEach((service, input) -> writeOne(stored, null, service, input));
        byGroup.forEach((group, rules) ->
                rules.forEach((service, input) -> writeOne(stored, groups.get(group), service, input)));
        ServiceRule.flush();
    }

    private static void writeOne(
            Map<List<String>, ServiceRule> stored, PolicyGroup group, String serviceKey, RuleView.Input input) {
        ServiceRule rule = stored.get(Arrays.asList(group == null ? null : group.name, serviceKey));
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
}
