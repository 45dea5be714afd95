package dev.promptgate.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An edit made against a version that has changed since: what the admin submitted next to what is there now,
 * field by field, so that they can reload instead of overwriting someone else's change.
 */
public record Conflict(String what, List<Field> fields, String reload) {

    public record Field(String name, String yours, String current, boolean changed) {}

    /** {@code yours} and {@code current} name the same fields in the same order. */
    public static Conflict of(String what, Map<String, String> yours, Map<String, String> current, String reload) {
        List<Field> fields = new ArrayList<>();
        yours.forEach((name, value) ->
                fields.add(new Field(name, value, current.get(name), !Objects.equals(value, current.get(name)))));
        return new Conflict(what, fields, reload);
    }
}
