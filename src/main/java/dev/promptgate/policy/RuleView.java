package dev.promptgate.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.promptgate.api.Versioned;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A service rule as the API shows it. {@code groupId} is null for the organization-wide rule. */
public record RuleView(
        long id,
        String serviceKey,
        Long groupId,
        Action action,
        String message,
        boolean historyReminder,
        @JsonInclude(JsonInclude.Include.NON_NULL) Alternative alternative,
        long version)
        implements Versioned {

    public static RuleView of(ServiceRule r) {
        return new RuleView(
                r.id,
                r.serviceKey,
                r.group == null ? null : r.group.id,
                r.action,
                r.message,
                r.historyReminder,
                Alternative.of(r.alternativeName, r.alternativeUrl),
                r.version);
    }

    /** The approved service to use instead, shown on the block page and in the banner. */
    public record Alternative(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
                    String url) {

        static Alternative of(String name, String url) {
            return name == null ? null : new Alternative(name, url);
        }
    }

    /** A rule as an admin writes it. */
    public record Input(
            @NotNull Action action,
            @Size(max = 2000) String message,
            Boolean historyReminder,
            @Valid Alternative alternative) {

        /** The rule as an admin would write it again. */
        public static Input of(ServiceRule r) {
            return new Input(
                    r.action, r.message, r.historyReminder, Alternative.of(r.alternativeName, r.alternativeUrl));
        }

        public void applyTo(ServiceRule r) {
            r.action = action;
            r.message = message == null || message.isBlank() ? null : message.strip();
            r.historyReminder = Boolean.TRUE.equals(historyReminder);
            r.alternativeName = alternative == null ? null : alternative.name().strip();
            r.alternativeUrl = alternative == null ? null : alternative.url().strip();
        }
    }
}
