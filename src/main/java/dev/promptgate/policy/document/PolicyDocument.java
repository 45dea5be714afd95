package dev.promptgate.policy.document;

import dev.promptgate.catalog.ServiceDefinition;
import dev.promptgate.dlp.DlpDocument;
import dev.promptgate.policy.RuleView;
import dev.promptgate.policy.SettingsView;
import dev.promptgate.policy.group.GroupView;
import dev.promptgate.policy.urllist.UrlListEntry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The whole policy of the organization as one document: what {@code GET /api/v1/policy} exports and
 * {@code PUT /api/v1/policy} applies. It is declarative: what it does not name does not exist after an apply
 * (built-in services excepted, which are only enabled or disabled). Groups are named, never numbered, so a
 * document can move between servers. Every section is required (write an empty list or map to have none), except
 * {@code tenantRestrictions} and {@code dataProtection}: a document without one, written before it existed, leaves
 * what is stored of it as it is.
 */
public record PolicyDocument(
        @NotNull
                @Min(value = SCHEMA_VERSION, message = SCHEMA_VERSION_MESSAGE)
                @Max(value = SCHEMA_VERSION, message = SCHEMA_VERSION_MESSAGE)
                Integer schemaVersion,
        @NotNull @Valid SettingsView.Input settings,
        @NotNull @Size(max = MAX_ITEMS) List<GroupView.@NotNull @Valid Input> groups,
        @NotNull @Size(max = MAX_ITEMS) Map<@NotBlank String, @NotNull @Valid ServiceDefinition> customServices,
        @NotNull @Size(max = MAX_ITEMS) List<@NotBlank @Size(max = 63) String> disabledBuiltInServices,
        @NotNull @Valid Rules rules,
        @NotNull @Size(max = MAX_ITEMS) List<@NotNull @Valid BlockEntry> blocklist,
        @NotNull @Size(max = MAX_ITEMS) List<@NotNull @Valid AllowEntry> allowlist,
        @Valid Guidelines guidelines,
        @Size(max = MAX_ITEMS) Map<@NotBlank String, @NotNull @Valid TenantRestriction> tenantRestrictions,
        @Valid DlpDocument dataProtection) {

    /** This document with another data-protection section. */
    PolicyDocument withDataProtection(DlpDocument section) {
        return new PolicyDocument(
                schemaVersion,
                settings,
                groups,
                customServices,
                disabledBuiltInServices,
                rules,
                blocklist,
                allowlist,
                guidelines,
                tenantRestrictions,
                section);
    }

    /** The version of this format; a server refuses documents of a version it does not know. */
    public static final int SCHEMA_VERSION = 1;

    static final String SCHEMA_VERSION_MESSAGE = "this server reads schema version 1";
    static final int MAX_ITEMS = 10_000;

    /**
     * The action for each service: organization-wide by service key, and per group by group name, then
     * service key. A group's rule beats the organization's for the people in the group.
     */
    public record Rules(
            @NotNull @Size(max = MAX_ITEMS) Map<@NotBlank String, RuleView.@NotNull @Valid Input> organization,
            @NotNull @Size(max = MAX_ITEMS)
                    Map<@NotBlank String, @NotNull Map<@NotBlank String, RuleView.@NotNull @Valid Input>> groups) {}

    /** A blocklist entry, for everybody or, with {@code group}, for the people in that group. Action defaults to BLOCK. */
    public record BlockEntry(
            @NotBlank @Size(max = 1024) String pattern,
            UrlListEntry.BlockAction action,
            @Size(max = 1000) String reason,
            @Size(max = 200) String group) {}

    /** An allowlist entry, for everybody or, with {@code group}, for the people in that group. */
    public record AllowEntry(
            @NotBlank @Size(max = 1024) String pattern,
            @Size(max = 1000) String reason,
            @Size(max = 200) String group) {}

    /**
     * A service's tenant restriction: the allowed ids in the vendor's format, the organization's switch, and groups'
     * overrides of the switch by group name.
     */
    public record TenantRestriction(
            @NotNull Boolean enabled,
            @NotNull @Size(max = 50) List<@NotNull @Size(max = 300) String> allowedIds,
            @Size(max = MAX_ITEMS) Map<@NotBlank String, @NotNull Boolean> groups) {}

    /** The guideline people acknowledge: its title and Markdown source. */
    public record Guidelines(@NotBlank @Size(max = 200) String title, @NotNull @Size(max = 100_000) String markdown) {}
}
