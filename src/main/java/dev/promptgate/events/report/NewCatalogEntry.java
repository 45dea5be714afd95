package dev.promptgate.events.report;

import dev.promptgate.catalog.AiService;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a discovered host enters the catalog; every field may be left out and is then derived from the host. */
public record NewCatalogEntry(
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be 1 to 63 lowercase letters, digits and dashes")
                @Schema(maxLength = 63, description = "Default: the host with dots as dashes, e.g. chat-example-ai")
                String key,
        @Size(min = 1, max = 200) @Schema(description = "Default: the host") String name,
        @Size(min = 1, max = 200) @Schema(description = "Default: the host's domain") String vendor,
        @Schema(description = "Default: TEXT") AiService.Category category,
        @Schema(description = "Default: MEDIUM") AiService.Risk risk) {}
