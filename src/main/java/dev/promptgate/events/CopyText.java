package dev.promptgate.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Event rows in the text format of PostgreSQL's COPY, and the array literals that format and the unnest statements
 * share. Written by hand rather than with a general formatter because it runs for every row of every batch.
 */
final class CopyText {

    private CopyText() {}

    /** The rows in COPY's text format. */
    static byte[] of(List<EventRow> rows, String receivedAt, boolean names) {
        StringBuilder text = new StringBuilder(rows.size() * 260);
        for (EventRow row : rows) {
            text.append(row.id()).append('\t');
            appendInstant(text, row.occurredAt()).append('\t');
            text.append(receivedAt).append('\t');
            text.append(row.tokenId()).append('\t');
            // Device, version, type, service, host and action were checked to hold no character COPY escapes.
            text.append(row.deviceId()).append('\t');
            plain(text, row.userHash()).append('\t');
            field(text, names ? row.userName() : null).append('\t');
            text.append(row.extensionVersion()).append('\t');
            text.append(row.type()).append('\t');
            plain(text, row.serviceKey()).append('\t');
            plain(text, row.host()).append('\t');
            plain(text, row.action()).append('\t');
            if (row.guidelineVersion() == null) {
                text.append("\\N\t");
            } else {
                text.append(row.guidelineVersion().intValue()).append('\t');
            }
            field(text, arrayLiteral(row.groups())).append('\t');
            appendDlp(text, row.dlp()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The data-protection columns: fixed words and numbers only, nothing COPY would escape. */
    private static StringBuilder appendDlp(StringBuilder text, DlpDetection dlp) {
        if (dlp == null) {
            return text.append("\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N");
        }
        plain(text, dlp.detector()).append('\t');
        number(text, dlp.matches()).append('\t');
        plain(text, dlp.trigger()).append('\t');
        plain(text, dlp.outcome()).append('\t');
        number(text, dlp.justification()).append('\t');
        plain(text, dlp.fileType()).append('\t');
        return plain(text, dlp.sizeBucket());
    }

    private static StringBuilder number(StringBuilder text, Integer value) {
        return value == null ? text.append("\\N") : text.append(value.intValue());
    }

    /** A value in COPY's text format: {@code \N} for null; backslash, tab, newline and carriage return escaped. */
    private static StringBuilder field(StringBuilder text, String value) {
        if (value == null) {
            return text.append("\\N");
        }
        if (!needsEscape(value)) {
            return text.append(value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return text;
    }

    /** A value known to hold nothing COPY would escape, or null. */
    private static StringBuilder plain(StringBuilder text, String value) {
        return value == null ? text.append("\\N") : text.append(value);
    }

    private static boolean needsEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** An instant as {@code 2026-11-28T12:00:00.123456Z}, without the general formatter (this runs per row). */
    static StringBuilder appendInstant(StringBuilder text, Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            return text.append(instant);
        }
        text.append(year).append('-');
        twoDigits(text, t.getMonthValue()).append('-');
        twoDigits(text, t.getDayOfMonth()).append('T');
        twoDigits(text, t.getHour()).append(':');
        twoDigits(text, t.getMinute()).append(':');
        twoDigits(text, t.getSecond());
        int micros = instant.getNano() / 1000;
        if (micros > 0) {
            String digits = Integer.toString(micros + 1_000_000);
            text.append('.').append(digits, 1, 7);
        }
        return text.append('Z');
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** A PostgreSQL array literal of strings, every element quoted. */
    static String arrayLiteral(List<String> values) {
        if (values.isEmpty()) {
            return "{}";
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"');
            String value = values.get(i);
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }
}
