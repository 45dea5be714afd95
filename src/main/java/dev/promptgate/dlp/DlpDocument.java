package dev.promptgate.dlp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The data-protection section of the policy document (docs/policy-as-code.md): settings, every built-in detector
 * by id, custom detectors by name, and upload rules, with groups' overrides by group name. Declarative: custom
 * detectors and overrides it does not name are removed; built-in detectors it does not name get their defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DlpDocument(
        @NotNull Boolean unknownAiSites,
        @NotNull @Size(min = 1, max = 10) List<@NotBlank @Size(max = 100) String> justifications,
        @NotNull @Size(max = 100) Map<@NotBlank @Size(max = 40) String, @NotNull @Valid Builtin> builtinDetectors,
        @NotNull @Size(max = DetectorRules.MAX_CUSTOM_DETECTORS)
                Map<@NotBlank @Size(max = 100) String, @NotNull @Valid Custom> customDetectors,
        @NotNull @Valid Uploads uploads) {

    static final int MAX_GROUPS = 10_000;

    /** A built-in detector's settings. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Builtin(
            @NotNull Boolean enabled,
            Boolean monitor,
            @Min(1) @Max(1000) Integer threshold,
            @NotNull @Valid DetectorView.Actions actions,
            Boolean requireJustification,
            @Size(max = MAX_GROUPS) Map<@NotBlank @Size(max = 200) String, @NotNull @Valid Override> groups) {}

    /** A custom detector; its name is its key in {@code customDetectors}. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Custom(
            @NotNull DetectorKind kind,
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
            @NotNull @Valid DetectorView.Actions actions,
            Boolean requireJustification,
            @Size(max = MAX_GROUPS) Map<@NotBlank @Size(max = 200) String, @NotNull @Valid Override> groups) {}

    /** A group's override of a detector. */
    public record Override(@NotNull Boolean enabled, Boolean monitor, @NotNull @Valid DetectorView.Actions actions) {}

    /** The organization's upload rules and groups' by group name. */
    public record Uploads(
            @NotNull @Valid Scope organization,
            @Size(max = MAX_GROUPS) Map<@NotBlank @Size(max = 200) String, @NotNull @Valid Scope> groups) {}

    /** One scope's upload rules; a group may leave {@code default} out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scope(
            @Valid @JsonProperty("default") DlpPolicy.UploadRule byDefault,
            @Size(max = 100)
                    Map<@Pattern(regexp = DetectorView.SERVICE_KEY) String, DlpPolicy.@NotNull @Valid UploadRule>
                            services) {}

    /**
     * This section without the overrides and upload rules of groups other than these: what a document without the
     * section keeps of the stored one when it removes groups.
     */
    public DlpDocument onlyGroups(java.util.Set<String> groupNames) {
        Map<String, Builtin> builtins = new TreeMap<>();
        builtinDetectors.forEach((id, b) -> builtins.put(
                id,
                new Builtin(
                        b.enabled(),
                        b.monitor(),
                        b.threshold(),
                        b.actions(),
                        b.requireJustification(),
                        kept(b.groups(), groupNames))));
        Map<String, Custom> customs = new TreeMap<>();
        customDetectors.forEach((name, c) -> customs.put(
                name,
                new Custom(
                        c.kind(),
                        c.enabled(),
                        c.monitor(),
                        c.threshold(),
                        c.caseSensitive(),
                        c.keywords(),
                        c.pattern(),
                        c.mustMatch(),
                        c.mustNotMatch(),
                        c.actions(),
                        c.requireJustification(),
                        kept(c.groups(), groupNames))));
        return new DlpDocument(
                unknownAiSites,
                justifications,
                builtins,
                customs,
                new Uploads(uploads.organization(), kept(uploads.groups(), groupNames)));
    }

    private static <T> Map<String, T> kept(Map<String, T> byGroup, java.util.Set<String> groupNames) {
        Map<String, T> kept = new TreeMap<>();
        if (byGroup != null) {
            byGroup.forEach((group, value) -> {
                if (groupNames.contains(group)) {
                    kept.put(group, value);
                }
            });
        }
        return kept;
    }

    /** The document's parts by change key, for the diff a preview and an apply list. */
    public SortedMap<String, Object> parts() {
        SortedMap<String, Object> parts = new TreeMap<>();
        parts.put("settings", Map.of("unknownAiSites", unknownAiSites, "justifications", justifications));
        builtinDetectors.forEach((id, d) -> parts.put("builtin/" + id, d));
        customDetectors.forEach((name, d) -> parts.put("custom/" + name, d));
        parts.put("uploads/organization", uploads.organization());
        if (uploads.groups() != null) {
            uploads.groups().forEach((group, scope) -> parts.put("uploads/group:" + group, scope));
        }
        return parts;
    }
}
