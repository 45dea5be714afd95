package dev.promptgate.policy.tenant;

import dev.promptgate.catalog.BuiltinCatalog;
import dev.promptgate.catalog.TenantMechanism;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which tenant restrictions are in force for a person, from the groups they are in: the read side the policy
 * resolver uses when it builds what a browser enforces.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TenantRestrictionsInEffect {

    private final BuiltinCatalog builtin;

    TenantRestrictionsInEffect(BuiltinCatalog builtin) {
        this.builtin = builtin;
    }

    /** A restriction in force for someone: the service, the vendor's mechanism, the ids, and who decided it. */
    public record InEffect(String serviceKey, TenantMechanism mechanism, List<String> allowedIds, String groupName) {

        /** The header's value: the ids joined as the vendor takes them. */
        public String headerValue() {
            return String.join(mechanism.separator(), allowedIds);
        }
    }

    /**
     * The restrictions in force for a person in these groups, strongest group first: the first of the person's
     * groups with an override decides, otherwise the organization's switch.
     */
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
}
