package dev.promptgate.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the fields of one event, collecting every problem rather than stopping at the first. */
final class EventFields {

    private final RawEvent event;
    private final EventValidator.Window window;
    private final int retentionDays;
    private List<String> errors = List.of();
    private List<String> failedFields = List.of();

    EventFields(RawEvent event, EventValidator.Window window, int retentionDays) {
        this.event = event;
        this.window = window;
        this.retentionDays = retentionDays;
    }

    void error(String field, String message) {
        if (errors.isEmpty()) {
            errors = new ArrayList<>();
            failedFields = new ArrayList<>();
        }
        errors.add(field + ": " + message);
        failedFields.add(field);
    }

    boolean failed(String field) {
        return failedFields.contains(field);
    }

    /** Every problem found, in the order found; empty when the event is valid. */
    List<String> errors() {
        return errors;
    }

    /** A string field; null when absent (an error when required) or invalid. */
    String text(String field, boolean required, TextShape shape, String shapeMessage) {
        Object value = event.get(RawEvent.slot(field));
        if (value == null) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!(value instanceof String text)) {
            error(field, "must be a string");
            return null;
        }
        if (shape != null && !shape.matches(text)) {
            error(field, shapeMessage);
            return null;
        }
        return text;
    }

    UUID uuid(String field) {
        String text = text(field, true, null, null);
        UUID uuid = text == null ? null : EventValues.parseUuid(text);
        if (text != null && uuid == null) {
            error(field, "must be a UUID");
        }
        return uuid;
    }

    Instant occurredAt() {
        String text = text("occurredAt", true, null, null);
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = EventValues.parseInstant(text).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeException e) {
            error("occurredAt", "must be an ISO-8601 instant such as 2026-11-28T12:00:00Z");
            return null;
        }
        if (at.isBefore(window.earliest())) {
            error("occurredAt", "is older than the retention period (" + retentionDays + " days)");
            return null;
        }
        if (at.isAfter(window.latest())) {
            error("occurredAt", "is more than a day in the future; check the device's clock");
            return null;
        }
        return at;
    }

    String host() {
        String text = text("host", false, null, null);
        if (text == null) {
            return null;
        }
        try {
            return HostNames.normalize(text);
        } catch (IllegalArgumentException e) {
            error("host", e.getMessage());
            return null;
        }
    }

    /** Whether the event holds a value for the field (JSON null counts as absent). */
    boolean present(String field) {
        return event.get(RawEvent.slot(field)) != null;
    }

    /** A whole number within [min, max]; null when absent (an error when required) or invalid. */
    Integer whole(String field, boolean required, int min, int max) {
        Object value = event.get(RawEvent.slot(field));
        if (value == null) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!(value instanceof Long number) || number < min || number > max) {
            error(field, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return number.intValue();
    }

    Integer guidelineVersion() {
        Object value = event.get(RawEvent.slot("guidelineVersion"));
        if (value == null) {
            return null;
        }
        if (!(value instanceof Long number) || number < 1 || number > Integer.MAX_VALUE) {
            error("guidelineVersion", "must be a positive whole number");
            return null;
        }
        return number.intValue();
    }
}
