package dev.promptgate.dlp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.promptgate.api.Versioned;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A detector as the API shows it: its organization-wide settings and each group's override. Keywords, pattern and
 * test strings only for custom detectors.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DetectorView(
        String id,
        DetectorKind kind,
        String name,
        boolean enabled,
        boolean monitor,
        int threshold,
        Boolean caseSensitive,
        List<String> keywords,
        String pattern,
        List<String> mustMatch,
        List<String> mustNotMatch,
        Actions actions,
        boolean requireJustification,
        List<GroupOverride> groupOverrides,
        long version)
        implements Versioned {

    /** Service keys as the catalog spells them. */
    static final String SERVICE_KEY = "[a-z0-9][a-z0-9-]{0,62}";

    static DetectorView of(DlpDetector d, List<DlpGroupOverride> overrides) {
        boolean custom = d.kind != DetectorKind.BUILTIN;
        return new DetectorView(
                d.publicId(),
                d.kind,
                d.name,
                d.enabled,
                d.monitor,
                d.threshold,
                custom ? d.caseSensitive : null,
                d.keywords == null ? null : List.copyOf(d.keywords),
                d.pattern,
                custom ? List.copyOf(d.mustMatch) : null,
                custom ? List.copyOf(d.mustNotMatch) : null,
                new Actions(d.defaultAction, new TreeMap<>(d.serviceActions)),
                d.requireJustification,
                overrides.stream().map(GroupOverride::of).toList(),
                d.version);
    }

    /** The action where no service is named, and per service key. */
    public record Actions(
            @NotNull @JsonProperty("default") DlpAction byDefault,
            @Size(max = 100) Map<@Pattern(regexp = SERVICE_KEY) String, @NotNull DlpAction> services) {

        Map<String, DlpAction> servicesOrEmpty() {
            return services == null ? new TreeMap<>() : new TreeMap<>(services);
        }
    }

    /** A group's settings for this detector, replacing the organization's for the group's members. */
    public record GroupOverride(
            long groupId, String groupName, boolean enabled, boolean monitor, Actions actions, long version)
            implements Versioned {

        static GroupOverride of(DlpGroupOverride o) {
            return new GroupOverride(
                    o.group.id,
                    o.group.name,
                    o.enabled,
                    o.monitor,
                    new Actions(o.defaultAction, new TreeMap<>(o.serviceActions)),
                    o.version);
        }
    }

    /** What an admin writes for a group. */
    public record OverrideInput(@NotNull Boolean enabled, Boolean monitor, @NotNull @Valid Actions actions) {}

    /**
     * What an admin writes for a detector. For a built-in one only enabled, monitor, threshold, actions and
     * requireJustification; {@code kind} only when creating.
     */
    public record Input(
            DetectorKind kind,
            @Size(min = 1, max = 100) String name,
            Boolean enabled,
            Boolean monitor,
            @Min(1) @Max(1000) Integer threshold,
            Boolean caseSensitive,
            @Size(max = DetectorRules.MAX_KEYWORDS)
                    List<@NotBlank @Size(max = DetectorRules.MAX_KEYWORD_LENGTH) String> keywords,
            @Size(max = DetectorRules.MAX_PATTERN_LENGTH) String pattern,
            @Size(max = DetectorRules.MAX_TEST_STRINGS)
                    List<@NotNull @Size(max = DetectorRules.MAX_TEST_STRING_LENGTH) String> mustMatch,
            @Size(max = DetectorRules.MAX_TEST_STRINGS)
                    List<@NotNull @Size(max = DetectorRules.MAX_TEST_STRING_LENGTH) String> mustNotMatch,
            @NotNull @Valid Actions actions,
            Boolean requireJustification) {}
}
