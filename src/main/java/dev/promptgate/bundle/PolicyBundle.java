package dev.promptgate.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.promptgate.dlp.DlpPolicy;
import dev.promptgate.policy.Action;
import dev.promptgate.policy.urllist.UrlListEntry;
import java.time.Instant;
import java.util.List;

/** The policy bundle a browser enforces; its JSON is the contract in docs/policy-bundle.schema.json. */
@JsonPropertyOrder({
    "schemaVersion",
    "policyVersion",
    "issuedAt",
    "refreshSeconds",
    "organization",
    "groups",
    "guidelines",
    "defaults",
    "services",
    "unknownAiSites",
    "blocklist",
    "allowlist",
    "tenantRestrictions",
    "dlp"
})
public record PolicyBundle(
        int schemaVersion,
        String policyVersion,
        Instant issuedAt,
        int refreshSeconds,
        Organization organization,
        List<String> groups,
        @JsonInclude(JsonInclude.Include.ALWAYS) Guidelines guidelines,
        Defaults defaults,
        List<Service> services,
        List<String> unknownAiSites,
        List<BlockEntry> blocklist,
        List<AllowEntry> allowlist,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TenantRestriction> tenantRestrictions,
        DlpPolicy dlp) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * A vendor's tenant-restriction header for the extension to set on every request to {@code hosts} (with their
     * subdomains) of these request types, and URL filters to block while it is on. Absent from the bundle when no
     * restriction is on, so that extensions older than this field keep accepting such bundles.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"service", "header", "value", "hosts", "resourceTypes", "blockedWhenOn"})
    public record TenantRestriction(
            String service,
            String header,
            String value,
            List<String> hosts,
            List<String> resourceTypes,
            List<String> blockedWhenOn) {}

    public record Organization(String name) {}

    public record Guidelines(
            int version, String title, String html, boolean requireAcknowledgement, int acknowledgeEveryDays) {}

    public record Defaults(Action serviceAction, Action unknownAiAction) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "key",
        "name",
        "hosts",
        "action",
        "message",
        "historyReminder",
        "ephemeralMode",
        "trainsOnInputsByDefault",
        "alternative",
        "inputSelectors",
        "unverifiedFacts"
    })
    public record Service(
            String key,
            String name,
            List<String> hosts,
            Action action,
            String message,
            HistoryReminder historyReminder,
            String ephemeralMode,
            boolean trainsOnInputsByDefault,
            Alternative alternative,
            List<String> inputSelectors,
            List<String> unverifiedFacts) {}

    /**
     * The steps to turn off history and training, with the vendor page they were checked against and when
     * ({@code source} is absent when the steps are unverified; {@code reviewedOn} is an ISO date).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"steps", "settingsUrl", "source", "reviewedOn"})
    public record HistoryReminder(List<String> steps, String settingsUrl, String source, String reviewedOn) {}

    public record Alternative(String name, String url) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlockEntry(String pattern, UrlListEntry.BlockAction action, String reason) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AllowEntry(String pattern, String reason) {}
}
