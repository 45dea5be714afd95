package dev.promptgate.dlp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.promptgate.api.Versioned;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The organization's data-protection settings as the API shows them. */
public record DlpSettingsView(boolean unknownAiSites, List<String> justifications, long version) implements Versioned {

    static DlpSettingsView of(DlpSettings s) {
        return new DlpSettingsView(s.unknownAiSites, List.copyOf(s.justifications), s.version);
    }

    /** What an admin writes: whether detectors act on unknown AI sites, and the justifications to choose from. */
    public record Input(
            @NotNull Boolean unknownAiSites,
            @NotNull @Size(min = 1, max = 10) List<@NotBlank @Size(max = 100) String> justifications) {}

    /** The upload rules of the organization ({@code groupId} null) or of one group. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Uploads(
            Long groupId,
            String groupName,
            @JsonProperty("default") DlpPolicy.UploadRule byDefault,
            Map<String, DlpPolicy.UploadRule> services,
            long version)
            implements Versioned {

        static Uploads of(DlpUploadRules r) {
            return new Uploads(
                    r.group == null ? null : r.group.id,
                    r.group == null ? null : r.group.name,
                    r.defaultRule,
                    new TreeMap<>(r.serviceRules),
                    r.version);
        }
    }

    /** Upload rules as an admin writes them; a group may leave {@code default} out to keep the organization's. */
    public record UploadsInput(
            @Valid @JsonProperty("default") DlpPolicy.UploadRule byDefault,
            @Size(max = 100)
                    Map<@Pattern(regexp = DetectorView.SERVICE_KEY) String, DlpPolicy.@NotNull @Valid UploadRule>
                            services) {}
}
