package dev.promptgate.policy.tenant;

import dev.promptgate.api.Preconditions;
import dev.promptgate.api.Problem;
import dev.promptgate.api.ProblemException;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.catalog.AiService;
import dev.promptgate.catalog.BuiltinCatalog;
import dev.promptgate.catalog.CatalogService;
import dev.promptgate.catalog.TenantMechanism;
import dev.promptgate.change.PolicyChanged;
import dev.promptgate.policy.group.GroupService;
import dev.promptgate.policy.group.PolicyGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tenant restrictions: per service, which workspace / organization / tenant ids the vendor's header allows, on or
 * off for the organization and per group. Ids are checked against the vendor's format before anything is stored,
 * so that nothing else (no line break, no extra id) can reach a request header.
 */
@ApplicationScoped
@Transactional
public class TenantRestrictionService {

    static final String AUDIT_TYPE = "tenant-restriction";

    private final AuditLog audit;
    private final Event<PolicyChanged> changed;
    private final BuiltinCatalog builtin;
    private final CatalogService catalog;
    private final GroupService groups;

    TenantRestrictionService(
            AuditLog audit,
            BuiltinCatalog builtin,
            CatalogService catalog,
            GroupService groups,
            Event<PolicyChanged> changed) {
        this.audit = audit;
        this.builtin = builtin;
        this.catalog = catalog;
        this.groups = groups;
        this.changed = changed;
    }

    /** A restriction in force for someone: the service, the vendor's mechanism, the ids, and who decided it. */
    public record InEffect(String serviceKey, TenantMechanism mechanism, List<String> allowedIds, String groupName) {

        /** The header's value: the ids joined as the vendor takes them. */
        public String headerValue() {
            return String.join(mechanism.separator(), allowedIds);
        }
    }

    /** Every service whose vendor documents a tenant restriction, with its settings. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TenantRestrictionView> list() {
        Map<String, List<TenantRestriction>> stored = new java.util.HashMap<>();
        for (TenantRestriction r : TenantRestriction.<TenantRestriction>listAll()) {
            stored.computeIfAbsent(r.serviceKey, k -> new ArrayList<>()).add(r);
        }
        List<TenantRestrictionView> views = new ArrayList<>();
        builtin.tenantMechanisms().forEach((key, mechanism) -> catalog.find(key)
                .filter(service -> service.builtIn)
                .ifPresent(service -> views.add(view(service, mechanism, stored.getOrDefault(key, List.of())))));
        return views;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TenantRestrictionView get(String serviceKey) {
        AiService service = requireService(serviceKey);
        return view(service, mechanism(serviceKey), TenantRestriction.list("serviceKey", serviceKey));
    }

    /** The result of a create-or-replace: the setting, and whether it is new. */
    public record Saved<T>(T view, boolean created) {}

    /** Sets the organization's allowed ids and switch (If-Match needed to replace an existing setting). */
    public Saved<TenantRestrictionView.Organization> saveOrganization(
            String serviceKey, String ifMatch, TenantRestrictionView.Input input) {
        requireService(serviceKey);
        TenantMechanism mechanism = mechanism(serviceKey);
        List<String> ids = validIds(mechanism, input.allowedIds());
        Optional<TenantRestriction> existing = find(serviceKey, null);
        TenantRestriction r;
        Object before = null;
        if (existing.isEmpty()) {
            r = new TenantRestriction();
            r.serviceKey = serviceKey;
        } else {
            r = existing.get();
            Preconditions.requireMatch(ifMatch, r.version);
            before = TenantRestrictionView.Organization.of(r);
        }
        r.enabled = input.enabled();
        r.allowedIds = new ArrayList<>(ids);
        r.persist();
        TenantRestriction.flush();
        var after = TenantRestrictionView.Organization.of(r);
        audit.record(existing.isEmpty() ? "create" : "update", AUDIT_TYPE, serviceKey, before, after);
        changed.fire(new PolicyChanged(AUDIT_TYPE));
        return new Saved<>(after, existing.isEmpty());
    }

    /** Turns the organization's restriction on or off for one group's people. */
    public Saved<TenantRestrictionView.GroupOverride> saveGroup(
            String serviceKey, long groupId, String ifMatch, TenantRestrictionView.GroupInput input) {
        requireService(serviceKey);
        mechanism(serviceKey);
        PolicyGroup group = groups.require(groupId);
        if (find(serviceKey, null).isEmpty()) {
            throw new ProblemException.Conflict("Set the organization's allowed ids for '" + serviceKey
                    + "' first (PUT /api/v1/tenant-restrictions/" + serviceKey
                    + "); a group only turns them on or off");
        }
        Optional<TenantRestriction> existing = find(serviceKey, groupId);
        TenantRestriction r;
        Object before = null;
        if (existing.isEmpty()) {
            r = new TenantRestriction();
            r.serviceKey = serviceKey;
            r.group = group;
        } else {
            r = existing.get();
            Preconditions.requireMatch(ifMatch, r.version);
            before = TenantRestrictionView.GroupOverride.of(r);
        }
        r.enabled = input.enabled();
        r.persist();
        TenantRestriction.flush();
        var after = TenantRestrictionView.GroupOverride.of(r);
        audit.record(
                existing.isEmpty() ? "create" : "update", AUDIT_TYPE, serviceKey + "/group/" + groupId, before, after);
        changed.fire(new PolicyChanged(AUDIT_TYPE));
        return new Saved<>(after, existing.isEmpty());
    }

    /** Removes the organization's setting and every group's override: the header is no longer set. */
    public void deleteOrganization(String serviceKey, String ifMatch) {
        TenantRestriction r = find(serviceKey, null).orElseThrow(() -> notFound(serviceKey, null));
        Preconditions.requireMatch(ifMatch, r.version);
        var before = view(
                requireService(serviceKey), mechanism(serviceKey), TenantRestriction.list("serviceKey", serviceKey));
        TenantRestriction.delete("serviceKey", serviceKey);
        audit.record("delete", AUDIT_TYPE, serviceKey, before, null);
        changed.fire(new PolicyChanged(AUDIT_TYPE));
    }

    /** Removes a group's override: the organization's switch applies to the group again. */
    public void deleteGroup(String serviceKey, long groupId, String ifMatch) {
        TenantRestriction r = find(serviceKey, groupId).orElseThrow(() -> notFound(serviceKey, groupId));
        Preconditions.requireMatch(ifMatch, r.version);
        var before = TenantRestrictionView.GroupOverride.of(r);
        r.delete();
        audit.record("delete", AUDIT_TYPE, serviceKey + "/group/" + groupId, before, null);
        changed.fire(new PolicyChanged(AUDIT_TYPE));
    }

    /**
     * The restrictions in force for a person in these groups, strongest group first: the first of the person's
     * groups with an override decides, otherwise the organization's switch.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<InEffect> inEffectFor(List<Long> groupIdsStrongestFirst) {
        Map<String, TenantMechanism> mechanisms = builtin.tenantMechanisms();
        if (mechanisms.isEmpty()) {
            return List.of();
        }
        List<TenantRestriction> all = TenantRestriction.listAll();
        List<InEffect> result = new ArrayList<>();
        for (TenantRestriction organization : all) {
            TenantMechanism mechanism = mechanisms.get(organization.serviceKey);
            if (organization.group != null || mechanism == null) {
                continue;
            }
            Optional<TenantRestriction> override = all.stream()
                    .filter(r -> r.group != null && r.serviceKey.equals(organization.serviceKey))
                    .filter(r -> groupIdsStrongestFirst.contains(r.group.id))
                    .min(Comparator.comparingInt(r -> groupIdsStrongestFirst.indexOf(r.group.id)));
            boolean enabled = override.map(r -> r.enabled).orElse(organization.enabled);
            if (enabled) {
                result.add(new InEffect(
                        organization.serviceKey,
                        mechanism,
                        List.copyOf(organization.allowedIds),
                        override.map(r -> r.group.name).orElse(null)));
            }
        }
        result.sort(Comparator.comparing(InEffect::serviceKey));
        return result;
    }

    // Policy as code (policy.document) reads and replaces the whole of this feature in one apply. These operations
    // neither audit nor announce: the apply records one audit entry and one change for the document.

    /** A service's restriction as a document states it: the ids, the switch, and switches by group name. */
    public record Wanted(boolean enabled, List<String> allowedIds, Map<String, Boolean> groups) {}

    /** Every stored restriction, by service key, with group overrides by group name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Wanted> all() {
        Map<String, Wanted> result = new java.util.TreeMap<>();
        List<TenantRestriction> rows = TenantRestriction.listAll();
        for (TenantRestriction r : rows) {
            if (r.group == null) {
                Map<String, Boolean> groupSwitches = new java.util.TreeMap<>();
                rows.stream()
                        .filter(g -> g.group != null && g.serviceKey.equals(r.serviceKey))
                        .forEach(g -> groupSwitches.put(g.group.name, g.enabled));
                result.put(r.serviceKey, new Wanted(r.enabled, List.copyOf(r.allowedIds), groupSwitches));
            }
        }
        return result;
    }

    /** Deletes the restrictions and group overrides {@code wanted} does not name. */
    public void deleteAllExcept(Map<String, Wanted> wanted) {
        for (TenantRestriction r : TenantRestriction.<TenantRestriction>listAll()) {
            Wanted w = wanted.get(r.serviceKey);
            if (w == null || (r.group != null && !w.groups().containsKey(r.group.name))) {
                r.delete();
            }
        }
        TenantRestriction.flush();
    }

    /** Creates or updates these restrictions; the groups they name are looked up in {@code groupsByName}. */
    public void writeAll(Map<String, Wanted> wanted, Map<String, PolicyGroup> groupsByName) {
        Map<String, TenantRestriction> stored = new java.util.HashMap<>();
        for (TenantRestriction r : TenantRestriction.<TenantRestriction>listAll()) {
            stored.put(r.serviceKey + "/" + (r.group == null ? "" : r.group.name), r);
        }
        wanted.forEach((service, w) -> {
            TenantRestriction organization = stored.get(service + "/");
            if (organization == null) {
                organization = new TenantRestriction();
                organization.serviceKey = service;
                organization.persist();
            }
            organization.enabled = w.enabled();
            organization.allowedIds = new ArrayList<>(w.allowedIds());
            w.groups().forEach((groupName, enabled) -> {
                TenantRestriction override = stored.get(service + "/" + groupName);
                if (override == null) {
                    override = new TenantRestriction();
                    override.serviceKey = service;
                    override.group = groupsByName.get(groupName);
                    override.persist();
                }
                override.enabled = enabled;
            });
        });
        TenantRestriction.flush();
    }

    /**
     * What is wrong with these ids for the vendor's header, field by field ({@code allowedIds[i]}): line breaks
     * and commas (header injection), the vendor's format, duplicates, and more ids than the vendor takes.
     */
    public static List<Problem.FieldError> problemsWith(TenantMechanism mechanism, List<String> ids, String field) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (ids == null || ids.isEmpty()) {
            errors.add(new Problem.FieldError(field, "must name at least one " + mechanism.idName()));
            return errors;
        }
        if (ids.size() > mechanism.maxIds()) {
            errors.add(new Problem.FieldError(
                    field,
                    mechanism.maxIds() == 1
                            ? mechanism.header() + " takes exactly one " + mechanism.idName()
                            : mechanism.header() + " takes at most " + mechanism.maxIds() + " ids"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String at = field + "[" + i + "]";
            if (id == null || id.isEmpty()) {
                errors.add(new Problem.FieldError(at, "must not be empty"));
            } else if (id.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                errors.add(new Problem.FieldError(at, "must not contain line breaks"));
            } else if (id.contains(",")) {
                errors.add(new Problem.FieldError(
                        at, "must be one " + mechanism.idName() + " without commas; give each id as its own entry"));
            } else if (!mechanism.idFormat().accepts(id)) {
                errors.add(new Problem.FieldError(
                        at, "must be " + mechanism.idFormat().description()));
            } else if (!seen.add(id.toLowerCase(java.util.Locale.ROOT))) {
                errors.add(new Problem.FieldError(at, "is listed twice"));
            }
        }
        return errors;
    }

    private static List<String> validIds(TenantMechanism mechanism, List<String> ids) {
        List<Problem.FieldError> errors = problemsWith(mechanism, ids, "allowedIds");
        if (!errors.isEmpty()) {
            throw new ProblemException.InvalidInput(errors);
        }
        return ids;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<TenantRestriction> find(String serviceKey, Long groupId) {
        return groupId == null
                ? TenantRestriction.find("serviceKey = ?1 and group is null", serviceKey)
                        .firstResultOptional()
                : TenantRestriction.find("serviceKey = ?1 and group.id = ?2", serviceKey, groupId)
                        .firstResultOptional();
    }

    private AiService requireService(String serviceKey) {
        return catalog.find(serviceKey)
                .orElseThrow(() -> new ProblemException.NotFound("No AI service '" + serviceKey + "'"));
    }

    /** The vendor's mechanism; a custom service that took a built-in key gets none. */
    public TenantMechanism mechanism(String serviceKey) {
        return builtin.tenantMechanism(serviceKey)
                .filter(m -> catalog.find(serviceKey).map(s -> s.builtIn).orElse(false))
                .orElseThrow(() -> new ProblemException.NotFound("The vendor of '" + serviceKey
                        + "' documents no tenant restriction; services that have one: "
                        + String.join(", ", builtin.tenantMechanisms().keySet())));
    }

    private static TenantRestrictionView view(
            AiService service, TenantMechanism mechanism, List<TenantRestriction> rows) {
        TenantRestriction organization =
                rows.stream().filter(r -> r.group == null).findFirst().orElse(null);
        return new TenantRestrictionView(
                service.key,
                service.name,
                TenantRestrictionView.Mechanism.of(mechanism),
                organization == null ? null : TenantRestrictionView.Organization.of(organization),
                rows.stream()
                        .filter(r -> r.group != null)
                        .sorted(Comparator.comparing(r -> r.group.name))
                        .map(TenantRestrictionView.GroupOverride::of)
                        .toList(),
                organization == null ? 0 : organization.version);
    }

    private static ProblemException.NotFound notFound(String serviceKey, Long groupId) {
        return new ProblemException.NotFound(
                groupId == null
                        ? "No tenant restriction is set for '" + serviceKey + "'"
                        : "Group " + groupId + " has no tenant-restriction override for '" + serviceKey + "'");
    }
}
