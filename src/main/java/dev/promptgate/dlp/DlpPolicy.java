package dev.promptgate.dlp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.SortedMap;

/**
 * The {@code dlp} part of a policy bundle, with every group override already resolved: what the extension scans
 * for, what it does on a match, and what it does with uploads (contract: docs/policy-bundle.schema.json).
 */
@JsonPropertyOrder({"scanLimitChars", "unknownAiSites", "justifications", "detectors", "uploads"})
public record DlpPolicy(
        int scanLimitChars,
        boolean unknownAiSites,
        List<String> justifications,
        List<Detector> detectors,
        Uploads uploads) {

    /** The most characters the extension scans per check; beyond it the rest of the text is not looked at. */
    public static final int SCAN_LIMIT_CHARS = 100_000;

    /** The justifications offered when the admin configured none. */
    public static final List<String> DEFAULT_JUSTIFICATIONS =
            List.of("Test or sample data", "Approved by the data owner", "Not sensitive in this context");

    /** A detector that is on; those turned off are absent. Keywords and pattern only for their kinds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "id",
        "kind",
        "name",
        "keywords",
        "pattern",
        "caseSensitive",
        "threshold",
        "monitor",
        "actions",
        "requireJustification"
    })
    public record Detector(
            String id,
            DetectorKind kind,
            String name,
            List<String> keywords,
            String pattern,
            Boolean caseSensitive,
            int threshold,
            boolean monitor,
            Actions actions,
            boolean requireJustification) {}

    /** The action where no service overrides it, and the overrides by service key (sorted, for stable bytes). */
    @JsonPropertyOrder({"default", "services"})
    public record Actions(@JsonProperty("default") DlpAction byDefault, SortedMap<String, DlpAction> services) {}

    @JsonPropertyOrder({"default", "services"})
    public record Uploads(@JsonProperty("default") UploadRule byDefault, SortedMap<String, UploadRule> services) {}

    /** An upload action; {@code maxBytes} and {@code types} (MIME types, {@code image/*} allowed) limit ALLOW/WARN. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"action", "maxBytes", "types"})
    public record UploadRule(
            @NotNull UploadAction action,
            @Min(1) @Max(MAX_UPLOAD_BYTES) Long maxBytes,
            @Size(min = 1, max = 50) List<@NotNull @Size(max = 190) @Pattern(regexp = MIME_TYPE) String> types) {

        /** 10 GiB: larger limits are no limit. */
        public static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024 * 1024;

        /** A MIME type, or a top-level type with {@code /*}. */
        public static final String MIME_TYPE = "[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/([a-z0-9][a-z0-9!#$&^_.+-]{0,126}|\\*)";

        public static final UploadRule ALLOW_ALL = new UploadRule(UploadAction.ALLOW, null, null);
    }
}
