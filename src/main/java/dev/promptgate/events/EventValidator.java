package dev.promptgate.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptgate.config.PromptgateConfig;
import dev.promptgate.policy.Action;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks one event of a batch on its own, so that a bad event is refused with its reasons while the others are
 * kept. Fields the contract does not know are ignored (a newer extension may send more); they are never stored.
 */
@ApplicationScoped
public class EventValidator {

    /** How far ahead of the server's clock an event may claim to have happened (clocks of laptops drift). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    static final int MAX_GROUPS = 20;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._~-]{1,100}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+-]{1,50}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern SERVICE_KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
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

    /** The first instant an event may have: the start of the oldest day the retention period keeps. */
    public Instant earliestAccepted() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return today.minusDays(config.events().retentionDays() - 1L)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    public Checked check(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new Checked(null, "the event must be a JSON object");
        }
        Fields fields = new Fields(node);
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
    public static String idOf(JsonNode node) {
        if (node != null && node.isObject() && node.path("id").isTextual()) {
            String id = node.get("id").asText();
            return UUID_TEXT.matcher(id).matches() ? id.toLowerCase() : null;
        }
        return null;
    }

    /** Reads the fields of one event, collecting every problem rather than stopping at the first. */
    private final class Fields {
        private final JsonNode node;
        private final List<String> errors = new ArrayList<>();
        private final List<String> failedFields = new ArrayList<>();

        Fields(JsonNode node) {
            this.node = node;
        }

        void error(String field, String message) {
            errors.add(field + ": " + message);
            failedFields.add(field);
        }

        boolean failed(String field) {
            return failedFields.contains(field);
        }

        /** A string field; null when absent (an error when required) or invalid. */
        String text(String field, boolean required, Pattern pattern, String patternMessage) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    error(field, "is required");
                }
                return null;
            }
            if (!value.isTextual()) {
                error(field, "must be a string");
                return null;
            }
            String text = value.asText();
            if (pattern != null && !pattern.matcher(text).matches()) {
                error(field, patternMessage);
                return null;
            }
            return text;
        }

        UUID uuid(String field) {
            String text = text(field, true, UUID_TEXT, "must be a UUID");
            return text == null ? null : UUID.fromString(text);
        }

        Instant occurredAt() {
            String text = text("occurredAt", true, null, null);
            if (text == null) {
                return null;
            }
            Instant at;
            try {
                at = Instant.parse(text).truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeParseException e) {
                error("occurredAt", "must be an ISO-8601 instant such as 2026-11-28T12:00:00Z");
                return null;
            }
            if (at.isBefore(earliestAccepted())) {
                error(
                        "occurredAt",
                        "is older than the retention period (" + config.events().retentionDays() + " days)");
                return null;
            }
            if (at.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
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
                if (c == '/' || c == '?' || c == '#' || Character.isWhitespace(c) || Character.isISOControl(c)) {
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
            JsonNode value = node.get("guidelineVersion");
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
                error("guidelineVersion", "must be a positive whole number");
                return null;
            }
            return value.asInt();
        }

        List<String> groups() {
            JsonNode value = node.get("groups");
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray() || value.size() > MAX_GROUPS) {
                error("groups", "must be a list of at most " + MAX_GROUPS + " group names");
                return List.of();
            }
            List<String> groups = new ArrayList<>();
            for (JsonNode group : value) {
                String name = group.isTextual() ? group.asText() : null;
                if (name == null
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
