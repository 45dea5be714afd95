package dev.promptgate.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The instants and days a query may name: from 1970 (nothing Promptgate keeps is older) to the end of 9999 (the last
 * year ISO-8601 writes without an expanded year). Java reads instants a billion years away and PostgreSQL stores
 * timestamps up to the year 294,276, so a filter such as {@code to=+1000000000-01-01T00:00:00Z} would otherwise fail
 * in date arithmetic or in the database, as a 500.
 */
public final class TimeBounds {

    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    public static final LocalDate FIRST_DAY = LocalDate.EPOCH;
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    private TimeBounds() {}

    /** The instant, or a 400 naming the field when it lies outside 1970 to 9999; null stays null. */
    public static Instant instant(String field, Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw new ProblemException.InvalidInput(
                    field, "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return value;
    }

    /** The day, or a 400 naming the field when it lies outside 1970 to 9999; null stays null. */
    public static LocalDate day(String field, LocalDate value) {
        if (value != null && (value.isBefore(FIRST_DAY) || value.isAfter(LAST_DAY))) {
            throw new ProblemException.InvalidInput(field, "must be between 1970-01-01 and 9999-12-31");
        }
        return value;
    }
}
