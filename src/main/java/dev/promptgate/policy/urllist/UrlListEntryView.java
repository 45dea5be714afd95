package dev.promptgate.policy.urllist;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.promptgate.api.Versioned;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A list entry as the API shows it. {@code groupId} is null for an organization-wide entry. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UrlListEntryView(
        long id, String pattern, UrlListEntry.BlockAction action, String reason, Long groupId, long version)
        implements Versioned {

    public static UrlListEntryView of(UrlListEntry e) {
        return new UrlListEntryView(
                e.id, e.pattern, e.action, e.reason, e.group == null ? null : e.group.id, e.version);
    }

    /** What an admin writes to a list, in the form the service stores. */
    public interface Input {
        BlockInput asEntry();
    }

    /** A blocklist entry as an admin writes it; the action defaults to BLOCK. */
    public record BlockInput(
            @NotBlank @Size(max = 1024) String pattern,
            UrlListEntry.BlockAction action,
            @Size(max = 1000) String reason,
            @Schema(minimum = "1", maximum = "9223372036854775807") Long groupId)
            implements Input {

        @Override
        public BlockInput asEntry() {
            return this;
        }
    }

    /** An allowlist entry as an admin writes it. */
    public record AllowInput(
            @NotBlank @Size(max = 1024) String pattern,
            @Size(max = 1000) String reason,
            @Schema(minimum = "1", maximum = "9223372036854775807") Long groupId)
            implements Input {

        @Override
        public BlockInput asEntry() {
            return new BlockInput(pattern, null, reason, groupId);
        }
    }
}
