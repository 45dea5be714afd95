package dev.promptgate.policy.document;

import dev.promptgate.api.Problem;
import dev.promptgate.catalog.TenantMechanism;
import dev.promptgate.policy.tenant.TenantIds;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Normalizes a document's tenant restrictions for {@link DocumentNormalizer}: each checked against its vendor's
 * format ({@link TenantIds}), group overrides naming groups of the document; a document without the section keeps
 * the stored ones. Problems go to the normalizer's list, named by their path in the document.
 */
final class TenantRestrictionNormalizer {

    private final List<Problem.FieldError> errors;
    private final Map<String, TenantMechanism> mechanisms;
    private final SortedMap<String, PolicyDocument.TenantRestriction> stored;

    TenantRestrictionNormalizer(
            List<Problem.FieldError> errors,
            Map<String, TenantMechanism> mechanisms,
            SortedMap<String, PolicyDocument.TenantRestriction> stored) {
        this.errors = errors;
        this.mechanisms = mechanisms;
        this.stored = stored;
    }

    SortedMap<String, PolicyDocument.TenantRestriction> normalize(
            Map<String, PolicyDocument.TenantRestriction> restrictions, Set<String> groupNames) {
        if (restrictions == null) {
            // Kept as stored, but without the overrides of groups this document removes (they go with the group).
            SortedMap<String, PolicyDocument.TenantRestriction> kept = new TreeMap<>();
            stored.forEach((service, r) -> {
                SortedMap<String, Boolean> groups = new TreeMap<>(r.groups());
                groups.keySet().retainAll(groupNames);
                kept.put(service, new PolicyDocument.TenantRestriction(r.enabled(), r.allowedIds(), groups));
            });
            return kept;
        }
        SortedMap<String, PolicyDocument.TenantRestriction> normalized = new TreeMap<>();
        restrictions.forEach((service, r) -> {
            String path = "tenantRestrictions." + service;
            TenantMechanism mechanism = mechanisms.get(service);
            if (mechanism == null) {
                error(
                        path,
                        "the vendor of '" + service + "' documents no tenant restriction; services that have one: "
                                + String.join(", ", new TreeSet<>(mechanisms.keySet())));
                return;
            }
            errors.addAll(TenantIds.problemsWith(mechanism, r.allowedIds(), path + ".allowedIds"));
            SortedMap<String, Boolean> groups = new TreeMap<>();
            if (r.groups() != null) {
                r.groups().forEach((group, enabled) -> {
                    if (!groupNames.contains(group)) {
                        error(path + ".groups." + group, "no group '" + group + "' in this document");
                    }
                    groups.put(group, enabled);
                });
            }
            normalized.put(
                    service, new PolicyDocument.TenantRestriction(r.enabled(), List.copyOf(r.allowedIds()), groups));
        });
        return normalized;
    }

    private void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }
}
