package dev.promptgate.client.device;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a browser's extension reports about its own enforcement, on a policy change and at most hourly. Nothing about
 * the person or the pages: versions, counts, the patterns it could not apply (the admin's own policy text) and its
 * last sync error.
 */
@Schema(description = "A browser's enforcement health. Never page text, typed text or a URL the user visited.")
public record Heartbeat(
        @NotNull @Schema(required = true, description = "The extension's random install id") UUID deviceId,
        @NotNull @Pattern(regexp = "[0-9]{1,5}(\\.[0-9]{1,5}){0,3}") @Schema(required = true, maxLength = 23)
                String extensionVersion,
        @NotNull
                @Pattern(regexp = "chrome|edge|chromium|firefox|other")
                @Schema(
                        required = true,
                        enumeration = {"chrome", "edge", "chromium", "firefox", "other"})
                String browser,
        @NotNull @Pattern(regexp = "[0-9]{1,6}(\\.[0-9]{1,6}){0,3}") @Schema(required = true, maxLength = 27)
                String browserVersion,
        @NotNull
                @Pattern(regexp = "oidc|browser-account|none")
                @Schema(
                        required = true,
                        enumeration = {"oidc", "browser-account", "none"})
                String identityMode,
        @Pattern(regexp = "sha256:[0-9a-f]{64}")
                @Schema(maxLength = 71, description = "The policy in force; absent before the first")
                String policyVersion,
        @NotNull @Min(0) @Max(1_000_000) @Schema(required = true, description = "Rules the browser could not apply")
                Integer skippedCount,
        @NotNull @Size(max = 50) @Schema(required = true, description = "The first of them, with the reason")
                List<@Valid SkippedRule> skipped,
        @Min(0) @Max(100_000) @Schema(description = "Tenant-restriction header rules in force")
                Integer tenantRestrictionRules,
        @Size(max = 300) @Schema(description = "The last policy sync's error, if the last sync failed")
                String lastSyncError,
        @Schema(description = "When the policy was last fetched or confirmed") Instant lastSyncAt) {

    /** A pattern of the policy that the browser could not turn into a rule, and why. */
    public record SkippedRule(@NotNull @Size(max = 500) String pattern, @NotNull @Size(max = 200) String reason) {}
}
