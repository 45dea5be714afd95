package dev.promptgate.policy.document;

import dev.promptgate.api.Preconditions;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.catalog.CatalogAsCode;
import dev.promptgate.change.PolicyChanged;
import dev.promptgate.db.AdvisoryLock;
import dev.promptgate.dlp.DlpAsCode;
import dev.promptgate.policy.RuleService;
import dev.promptgate.policy.SettingsService;
import dev.promptgate.policy.group.GroupService;
import dev.promptgate.policy.group.PolicyGroup;
import dev.promptgate.policy.tenant.TenantRestrictionsAsCode;
import dev.promptgate.policy.urllist.UrlListEntry;
import dev.promptgate.policy.urllist.UrlListService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Policy as code, writing: a document applied as the whole policy, through each feature's service, in one
 * transaction and one audit entry. Applying is declarative: groups, rules, list entries and custom services that
 * the document does not name are removed; built-in services are only switched on or off.
 */
@ApplicationScoped
@Transactional
public class PolicyApply {

    static final String AUDIT_TYPE = "policy";

    private final PolicyExport export;
    private final CatalogAsCode catalog;
    private final GroupService groups;
    private final RuleService rules;
    private final UrlListService urlLists;
    private final SettingsService settings;
    private final GuidelinePort guidelines;
    private final PolicyDocumentCodec codec;
    private final AuditLog audit;
    private final Event<PolicyChanged> changed;
    private final EntityManager em;
    private final TenantRestrictionsAsCode tenantRestrictions;
    private final DlpAsCode dlp;

    PolicyApply(
            PolicyExport export,
            CatalogAsCode catalog,
            GroupService groups,
            RuleService rules,
            UrlListService urlLists,
            SettingsService settings,
            GuidelinePort guidelines,
            PolicyDocumentCodec codec,
            AuditLog audit,
            Event<PolicyChanged> changed,
            EntityManager em,
            TenantRestrictionsAsCode tenantRestrictions,
            DlpAsCode dlp) {
        this.tenantRestrictions = tenantRestrictions;
        this.dlp = dlp;
        this.export = export;
        this.catalog = catalog;
        this.groups = groups;
        this.rules = rules;
        this.urlLists = urlLists;
        this.settings = settings;
        this.guidelines = guidelines;
        this.codec = codec;
        this.audit = audit;
        this.changed = changed;
        this.em = em;
    }

    /** The outcome of an apply: the policy now stored, its ETag, and what changed. */
    public record Applied(PolicyDocument document, String etag, List<PolicyChange> changes) {}

    /**
     * Makes the stored policy what the document says, made against the policy with ETag {@code ifMatch}. All or
     * nothing: any failure, down to publishing the guidelines last, leaves the policy as it was.
     */
    public Applied apply(PolicyDocument document, String ifMatch) {
        // Appliers queue here, so that each compares its If-Match with what the previous one left.
        AdvisoryLock.POLICY_APPLY.holdUntilCommit(em);
        PolicyDocument current = export.read();
        String etag = codec.etag(current);
        Preconditions.requireMatch(ifMatch, etag);
        PolicyDocument desired = export.normalize(document, current);
        List<PolicyChange> changes = PolicyDiff.between(current, desired);
        if (changes.isEmpty()) {
            return new Applied(current, etag, changes);
        }
        write(current, desired);
        em.flush();
        em.clear();
        PolicyDocument after = export.read();
        if (!after.equals(desired)) {
            throw new IllegalStateException("The stored policy differs from the document just applied");
        }
        String newEtag = codec.etag(after);
        audit.record("apply", AUDIT_TYPE, newEtag.replace("\"", ""), codec.tree(current), codec.tree(after));
        changed.fire(new PolicyChanged("policy document"));
        return new Applied(after, newEtag, changes);
    }

    /**
     * Writes the difference through each feature. What the document no longer names goes first, rules and list
     * entries before the groups and services they belong to, so that no database cascade deletes rows Hibernate
     * still holds; each feature flushes its step before the next.
     */
    private void write(PolicyDocument current, PolicyDocument desired) {
        List<UrlListService.Wanted> blocklist = desired.blocklist().stream()
                .map(e -> new UrlListService.Wanted(e.pattern(), e.action(), e.reason(), e.group()))
                .toList();
        List<UrlListService.Wanted> allowlist = desired.allowlist().stream()
                .map(e -> new UrlListService.Wanted(e.pattern(), null, e.reason(), e.group()))
                .toList();
        Map<String, TenantRestrictionsAsCode.Wanted> tenant = new java.util.TreeMap<>();
        desired.tenantRestrictions()
                .forEach((service, r) -> tenant.put(
                        service, new TenantRestrictionsAsCode.Wanted(r.enabled(), r.allowedIds(), r.groups())));
        tenantRestrictions.deleteAllExcept(tenant);
        rules.deleteAllExcept(
                desired.rules().organization().keySet(), desired.rules().groups());
        urlLists.deleteAllExcept(UrlListEntry.Kind.BLOCKLIST, blocklist);
        urlLists.deleteAllExcept(UrlListEntry.Kind.ALLOWLIST, allowlist);
        dlp.removeUnwanted(desired.dataProtection());
        Set<String> groupNames = new HashSet<>();
        desired.groups().forEach(g -> groupNames.add(g.name()));
        groups.deleteAllExcept(groupNames);
        catalog.deleteCustomExcept(desired.customServices().keySet());

        Map<String, PolicyGroup> groupsByName = groups.writeAll(desired.groups());
        catalog.writeAll(desired.customServices(), desired.disabledBuiltInServices());
        rules.writeAll(desired.rules().organization(), desired.rules().groups(), groupsByName);
        urlLists.writeAll(UrlListEntry.Kind.BLOCKLIST, blocklist, groupsByName);
        urlLists.writeAll(UrlListEntry.Kind.ALLOWLIST, allowlist, groupsByName);
        tenantRestrictions.writeAll(tenant, groupsByName);
        dlp.writeAll(desired.dataProtection(), groupsByName);
        settings.replace(desired.settings());
        PolicyDocument.Guidelines next = desired.guidelines();
        if (next != null && !next.equals(current.guidelines())) {
            guidelines.publish(next.title(), next.markdown());
        }
    }
}
