package dev.promptgate.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.promptgate.policy.urllist.UrlListEntry;
import java.util.List;

/**
 * The policy that applies to a person in the given groups, with what decided each part. This is what the
 * preview shows and what a browser's policy bundle is compiled from.
 */
public record EffectivePolicy(
        String organizationName,
        List<MatchedGroup> groups,
        Action defaultServiceAction,
        Action unknownAiAction,
        List<Service> services,
        List<ListEntry> blocklist,
        List<ListEntry> allowlist,
        List<TenantRestriction> tenantRestrictions) {

    /** Who decides: the organization-wide rule, a group's rule, or the default for unconfigured services. */
    public static final String BY_DEFAULT = "default";

    public static final String BY_ORGANIZATION = "organization";

    public static String byGroup(String name) {
        return "group:" + name;
    }

    public record MatchedGroup(long id, String name, String idpValue, int priority) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(
            String key,
            String name,
            Action action,
            String decidedBy,
            String message,
            boolean historyReminder,
            RuleView.Alternative alternative) {}

    /**
     * A vendor's tenant-restriction header to set on requests to its hosts, and the endpoints blocked while it is
     * on; {@code decidedBy} is the organization or the group whose override turned it on.
     */
    public record TenantRestriction(
            String serviceKey,
            String header,
            String value,
            List<String> hosts,
            List<String> resourceTypes,
            List<String> blockedWhenOn,
            String decidedBy) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListEntry(String pattern, UrlListEntry.BlockAction action, String reason, String scope) {}
}
