package dev.promptgate.policy.tenant;

import dev.promptgate.api.Preconditions;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tenant restrictions as admins manage them through the API: per service, which workspace / organization / tenant
 * ids the vendor's header allows, on or off for the organization and per group, each change audited and announced.
 * The ids are checked by {@link TenantIds}; what is in force for a person is {@link TenantRestrictionsInEffect}'s,
 * and policy as code goes through {@link TenantRestrictionsAsCode}.
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

    /** Every service whose vendor documents a tenant restriction, with its settings. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TenantRestrictionView> list() {
        Map<String, List<TenantRestriction>> stored = new HashMap<>();
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
        List<String> ids = TenantIds.requireValid(mechanism, input.allowedIds());
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
