package dev.promptgate.events;

import dev.promptgate.config.PromptgateConfig;
import dev.promptgate.policy.Action;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Checks one event of a batch on its own, so that a bad event is refused with its reasons while the others are
 * kept. Fields the contract does not know are ignored (a newer extension may send more); they are never stored.
 */
@ApplicationScoped
public class EventValidator {

    /** How far ahead of the server's clock an event may claim to have happened (clocks of laptops drift). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    static final int MAX_GROUPS = 20;
    // Checked character by character rather than with regular expressions: this runs for every event.
    private static final Shape DEVICE_ID = new Shape(1, 100, EventValidator::deviceChar, EventValidator::deviceChar);
    private static final Shape VERSION = new Shape(1, 50, EventValidator::versionChar, EventValidator::versionChar);
    private static final Shape TYPE = new Shape(1, 40, c -> c >= 'a' && c <= 'z', EventValidator::typeChar);
    private static final Shape SERVICE_KEY = new Shape(1, 63, EventValidator::lowerOrDigit, EventValidator::keyChar);
    private static final Set<String> ACTIONS =
            Set.of(Action.ALLOW.name(), Action.WARN.name(), Action.ACKNOWLEDGE.name(), Action.BLOCK.name());

    private final PromptgateConfig config;
    private final Clock clock;

    @Inject
    EventValidator(PromptgateConfig config) {
        this(config, Clock.systemUTC());
    }

    EventValidator(PromptgateConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The outcome for one event: the event in its stored form, or why it was refused. */
    public record Checked(IncomingEvent event, String reason) {
        boolean isValid() {
            return event != null;
        }
    }

    /** When events may have happened: from the start of the oldest day kept to a day from now. */
    public record Window(Instant earliest, Instant latest) {}

    /** The window as of now; computed once per batch. */
    public Window window() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Instant earliest = today.minusDays(config.events().retentionDays() - 1L)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return new Window(earliest, clock.instant().plus(MAX_CLOCK_SKEW));
    }

    public Checked check(RawEvent event) {
        return check(event, window());
    }

    public Checked check(RawEvent event, Window window) {
        if (!event.isObject()) {
            return new Checked(null, "the event must be a JSON object");
        }
        Fields fields = new Fields(event, window);
        UUID id = fields.uuid("id");
        Instant occurredAt = fields.occurredAt();
        String deviceId = fields.text("deviceId", true, DEVICE_ID, "must be 1 to 100 letters, digits or . _ ~ -");
        String user = fields.user();
        String extensionVersion = fields.text(
                "extensionVersion", true, VERSION, "must be a version such as 1.2.3 (letters, digits, . + -)");
        String type = fields.text("type", true, TYPE, "must be a lowercase event type such as visit or warned");
        String serviceKey = fields.text(
                "serviceKey", false, SERVICE_KEY, "must be a service key: lowercase letters, digits and dashes");
        String host = fields.host();
        String action = fields.text("action", false, null, null);
        if (action != null && !ACTIONS.contains(action)) {
            fields.error("action", "must be one of ALLOW, WARN, ACKNOWLEDGE, BLOCK");
        }
        Integer guidelineVersion = fields.guidelineVersion();
        List<String> groups = fields.groups();
        if (type != null
                && EventTypes.ABOUT_A_PAGE.contains(type)
                && serviceKey == null
                && host == null
                && !fields.failed("serviceKey")
                && !fields.failed("host")) {
            fields.error("host", "a " + type + " event names its serviceKey or host");
        }
        if (EventTypes.ACKNOWLEDGED.equals(type) && guidelineVersion == null && !fields.failed("guidelineVersion")) {
            fields.error("guidelineVersion", "an acknowledged event names the guideline version");
        }
        if (!fields.errors.isEmpty()) {
            return new Checked(null, String.join("; ", fields.errors));
        }
        return new Checked(
                new IncomingEvent(
                        id,
                        occurredAt,
                        deviceId,
                        user,
                        extensionVersion,
                        type,
                        serviceKey,
                        host,
                        action,
                        guidelineVersion,
                        groups),
                null);
    }

    /** The id of an event as far as it can be read, for the rejection report. */
    public static String idOf(RawEvent event) {
        return event.get("id") instanceof String id && isUuid(id) ? id.toLowerCase() : null;
    }

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

    private interface CharRule {
        boolean test(char c);
    }

    /** A text rule: length bounds, and which characters may come first and after. */
    private record Shape(int min, int max, CharRule first, CharRule rest) {
        boolean matches(String text) {
            if (text.length() < min || text.length() > max || !first.test(text.charAt(0))) {
                return false;
            }
            for (int i = 1; i < text.length(); i++) {
                if (!rest.test(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean lowerOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean letterOrDigit(char c) {
        return lowerOrDigit(c) || (c >= 'A' && c <= 'Z');
    }

    private static boolean deviceChar(char c) {
        return letterOrDigit(c) || c == '.' || c == '_' || c == '~' || c == '-';
    }

    private static boolean versionChar(char c) {
        return letterOrDigit(c) || c == '.' || c == '+' || c == '-';
    }

    private static boolean typeChar(char c) {
        return lowerOrDigit(c) || c == '_';
    }

    private static boolean keyChar(char c) {
        return lowerOrDigit(c) || c == '-';
    }

    /** Reads the fields of one event, collecting every problem rather than stopping at the first. */
    private final class Fields {
        private final RawEvent event;
        private final Window window;
        private List<String> errors = List.of();
        private List<String> failedFields = List.of();

        Fields(RawEvent event, Window window) {
            this.event = event;
            this.window = window;
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

        /** A string field; null when absent (an error when required) or invalid. */
        String text(String field, boolean required, Shape shape, String shapeMessage) {
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
            UUID uuid = text == null ? null : parseUuid(text);
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
                at = parseInstant(text).truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeException e) {
                error("occurredAt", "must be an ISO-8601 instant such as 2026-11-28T12:00:00Z");
                return null;
            }
            if (at.isBefore(window.earliest())) {
                error(
                        "occurredAt",
                        "is older than the retention period (" + config.events().retentionDays() + " days)");
                return null;
            }
            if (at.isAfter(window.latest())) {
                error("occurredAt", "is more than a day in the future; check the device's clock");
                return null;
            }
            return at;
        }

        String user() {
            String text = text("user", false, null, null);
            if (text == null || text.isBlank()) {
                return null;
            }
            String user = text.strip();
            if (user.length() > 320) {
                error("user", "is longer than 320 characters");
                return null;
            }
            for (int i = 0; i < user.length(); i++) {
                char c = user.charAt(i);
                boolean refused = c < 128
                        ? c <= ' ' || c == 127 || c == '/' || c == '?' || c == '#'
                        : Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c);
                if (refused) {
                    error("user", "must be an e-mail address or an account identifier, without / ? # or spaces");
                    return null;
                }
            }
            return user;
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

        List<String> groups() {
            Object value = event.get(RawEvent.slot("groups"));
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list) || list.size() > MAX_GROUPS) {
                error("groups", "must be a list of at most " + MAX_GROUPS + " group names");
                return List.of();
            }
            List<String> groups = new ArrayList<>(list.size());
            for (Object group : list) {
                if (!(group instanceof String name)
                        || name.isBlank()
                        || name.length() > 200
                        || name.chars().anyMatch(Character::isISOControl)) {
                    error("groups", "must hold group names of 1 to 200 characters");
                    return List.of();
                }
                if (!groups.contains(name)) {
                    groups.add(name);
                }
            }
            return List.copyOf(groups);
        }
    }
}
