package dev.promptgate.events;

import java.util.List;

/**
 * One element of a batch as read, before any check: for each field the contract knows, a {@link String}, a
 * {@link Long} (a whole number), a {@code List} (of strings, or {@link #OTHER} for elements that are not), {@link
 * #OTHER} for any other JSON value, or null when absent or JSON null. Fields the contract does not know are not kept.
 */
public final class RawEvent {

    /** A JSON value of a kind the field cannot take. */
    public static final Object OTHER = new Object() {
        @Override
        public String toString() {
            return "another kind of value";
        }
    };

    static final List<String> FIELDS = List.of(
            "id",
            "occurredAt",
            "deviceId",
            "user",
            "extensionVersion",
            "type",
            "serviceKey",
            "host",
            "action",
            "guidelineVersion",
            "groups",
            "detector",
            "matches",
            "trigger",
            "outcome",
            "justification",
            "fileType",
            "sizeBucket");

    private final Object[] values = new Object[FIELDS.size()];
    private final boolean object;

    private RawEvent(boolean object) {
        this.object = object;
    }

    /** An element that was a JSON object. */
    public static RawEvent object() {
        return new RawEvent(true);
    }

    /** An element that was not a JSON object (a number, a string, an array, null). */
    public static RawEvent notAnObject() {
        return new RawEvent(false);
    }

    public boolean isObject() {
        return object;
    }

    /** The position of a field the contract knows, or -1. */
    static int slot(String field) {
        return switch (field) {
            case "id" -> 0;
            case "occurredAt" -> 1;
            case "deviceId" -> 2;
            case "user" -> 3;
            case "extensionVersion" -> 4;
            case "type" -> 5;
            case "serviceKey" -> 6;
            case "host" -> 7;
            case "action" -> 8;
            case "guidelineVersion" -> 9;
            case "groups" -> 10;
            case "detector" -> 11;
            case "matches" -> 12;
            case "trigger" -> 13;
            case "outcome" -> 14;
            case "justification" -> 15;
            case "fileType" -> 16;
            case "sizeBucket" -> 17;
            default -> -1;
        };
    }

    void set(int slot, Object value) {
        values[slot] = value;
    }

    public Object get(String field) {
        int slot = slot(field);
        return slot < 0 ? null : values[slot];
    }

    Object get(int slot) {
        return values[slot];
    }

    /** A copy with one field set, for tests. */
    public RawEvent with(String field, Object value) {
        RawEvent copy = new RawEvent(object);
        System.arraycopy(values, 0, copy.values, 0, values.length);
        copy.values[slot(field)] = value;
        return copy;
    }
}
