package dev.promptgate.policy.group;

import dev.promptgate.api.Versioned;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record GroupView(long id, String name, String idpValue, int priority, long version) implements Versioned {

    public static GroupView of(PolicyGroup g) {
        return new GroupView(g.id, g.name, g.idpValue, g.priority, g.version);
    }

    /** A group as an admin writes it. A higher priority wins when a person is in several groups. */
    public record Input(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 500) String idpValue,
            @NotNull @Min(0) @Max(1_000_000) Integer priority) {

        public void applyTo(PolicyGroup g) {
            g.name = name.strip();
            g.idpValue = idpValue.strip();
            g.priority = priority;
        }
    }
}
