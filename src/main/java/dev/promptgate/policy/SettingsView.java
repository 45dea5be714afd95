package dev.promptgate.policy;

import dev.promptgate.api.Versioned;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** The organization-wide settings as the API shows them. */
public record SettingsView(
        String organizationName,
        Action defaultServiceAction,
        Action unknownAiAction,
        boolean requireAcknowledgement,
        int acknowledgeEveryDays,
        Instant updatedAt,
        long version)
        implements Versioned {

    public static SettingsView of(OrgSettings s) {
        return new SettingsView(
                s.organizationName,
                s.defaultServiceAction,
                s.unknownAiAction,
                s.requireAcknowledgement,
                s.acknowledgeEveryDays,
                s.updatedAt,
                s.version);
    }

    /** The settings an admin writes. */
    public record Input(
            @NotBlank @Size(max = 200) String organizationName,
            @NotNull Action defaultServiceAction,
            @NotNull Action unknownAiAction,
            @NotNull Boolean requireAcknowledgement,
            @NotNull @Min(1) @Max(3650) Integer acknowledgeEveryDays) {

        public static Input of(SettingsView view) {
            return new Input(
                    view.organizationName(),
                    view.defaultServiceAction(),
                    view.unknownAiAction(),
                    view.requireAcknowledgement(),
                    view.acknowledgeEveryDays());
        }

        public void applyTo(OrgSettings s) {
            s.organizationName = organizationName;
            s.defaultServiceAction = defaultServiceAction;
            s.unknownAiAction = unknownAiAction;
            s.requireAcknowledgement = requireAcknowledgement;
            s.acknowledgeEveryDays = acknowledgeEveryDays;
        }
    }
}
