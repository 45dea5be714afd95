package dev.promptgate.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Reads the UUIDs and instants of incoming events. Both run for every event, so the forms browsers send are read in
 * one pass without the general parsers.
 */
final class EventValues {

    private EventValues() {}

    /** Whether the text is a UUID in its canonical 8-4-4-4-12 form. */
    static boolean isUuid(String text) {
        return parseUuid(text) != null;
    }

    /**
     * The UUID in its canonical 8-4-4-4-12 form, read in one pass; null for anything else (UUID.fromString alone
     * would take "1-2-3-4-5").
     */
    static UUID parseUuid(String text) {
        if (text.length() != 36) {
            return null;
        }
        long most = 0;
        long least = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int value = hex(c);
            if (value < 0) {
                return null;
            }
            if (digits++ < 16) {
                most = (most << 4) | value;
            } else {
                least = (least << 4) | value;
            }
        }
        return new UUID(most, least);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Parses an instant; the form browsers send ({@code Date.toISOString()}: {@code 2026-11-28T12:00:00.000Z}) without
     * the general parser, any other ISO-8601 instant with it.
     */
    static Instant parseInstant(String text) {
        int length = text.length();
        if (length >= 20
                && length <= 30
                && text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':'
                && text.charAt(length - 1) == 'Z'
                && (length == 20 || text.charAt(19) == '.')) {
            int nanos = 0;
            if (length > 20) {
                int digits = length - 21;
                if (digits < 1 || digits > 9) {
                    return Instant.parse(text);
                }
                nanos = digits(text, 20, length - 1);
                for (int i = digits; i < 9; i++) {
                    nanos *= 10;
                }
            }
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && nanos >= 0) {
                return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                        .toInstant(ZoneOffset.UTC);
            }
        }
        return Instant.parse(text);
    }

    /** The decimal number in text[from, to), or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
