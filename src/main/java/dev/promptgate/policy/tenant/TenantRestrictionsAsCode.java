package dev.promptgate.policy.tenant;

import dev.promptgate.policy.group.PolicyGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tenant restrictions as policy as code (policy.document) reads and replaces them, all of them in one apply.
 * These operations neither audit nor announce: the apply records one audit entry and one change for the document.
 */
@ApplicationScoped
@Transactional
public class TenantRestrictionsAsCode {

    /** A service's restriction as a document states it: the ids, the switch, and switches by group name. */
    public record Wanted(boolean enabled, List<String> allowedIds, Map<String, Boolean> groups) {}

    /** Every stored restriction, by service key, with group overrides by group name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Wanted> all() {
        Map<String, Wanted> result = new TreeMap<>();
        List<TenantRestriction> rows = TenantRestriction.listAll();
        for (TenantRestriction r : rows) {
            if (r.group == null) {
                Map<String, Boolean> groupSwitches = new TreeMap<>();
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
        Map<String, TenantRestriction> stored = new HashMap<>();
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
}
