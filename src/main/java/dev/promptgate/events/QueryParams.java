package dev.promptgate.events;

import dev.promptgate.api.ProblemException;
import dev.promptgate.api.TimeBounds;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads query parameters that JAX-RS would otherwise convert itself: a value it cannot convert would be answered
 * with 404, which tells a caller nothing; these say which parameter is wrong, with 400. Instants and days are held
 * to {@link TimeBounds}.
 */
public final class QueryParams {

    private QueryParams() {}

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException.InvalidInput(name, "must be an ISO-8601 instant such as 2026-11-28T12:00:00Z");
        }
        return TimeBounds.instant(name, instant);
    }

    public static LocalDate day(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException.InvalidInput(name, "must be a date such as 2026-11-28");
        }
        return TimeBounds.day(name, day);
    }

    public static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException.InvalidInput(
                    name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
