package dev.promptgate.events;

import dev.promptgate.config.PromptgateConfig;
import dev.promptgate.policy.Action;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * Checks one event of a batch on its own, so that a bad event is refused with its reasons while the others are
 * kept. Fields the contract does not know are ignored (a newer extension may send more); they are never stored.
 * Neither are {@code user} and {@code groups}: a browser's word on who it is counts for nothing.
 */
@ApplicationScoped
public class EventValidator {

    /** How far ahead of the server's clock an event may claim to have happened (clocks of laptops drift). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

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
        EventFields fields = new EventFields(event, window, config.events().retentionDays());
        UUID id = fields.uuid("id");
        Instant occurredAt = fields.occurredAt();
        String deviceId =
                fields.text("deviceId", true, TextShape.DEVICE_ID, "must be 1 to 100 letters, digits or . _ ~ -");
        String extensionVersion = fields.text(
                "extensionVersion",
                true,
                TextShape.VERSION,
                "must be a version such as 1.2.3 (letters, digits, . + -)");
        String type =
                fields.text("type", true, TextShape.TYPE, "must be a lowercase event type such as visit or warned");
        String serviceKey = fields.text(
                "serviceKey",
                false,
                TextShape.SERVICE_KEY,
                "must be a service key: lowercase letters, digits and dashes");
        String host = fields.host();
        String action = fields.text("action", false, null, null);
        boolean dlp = EventTypes.DLP_DETECTED.equals(type);
        if (action != null && !(dlp ? DlpDetection.ACTIONS : ACTIONS).contains(action)) {
            fields.error(
                    "action",
                    dlp
                            ? "must be one of ALLOW, WARN, REDACT, BLOCK"
                            : "must be one of ALLOW, WARN, ACKNOWLEDGE, BLOCK");
            action = null;
        }
        DlpDetection detection = DlpEventCheck.check(fields, type, action);
        Integer guidelineVersion = fields.guidelineVersion();
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
        if (!fields.errors().isEmpty()) {
            return new Checked(null, String.join("; ", fields.errors()));
        }
        return new Checked(
                new IncomingEvent(
                        id,
                        occurredAt,
                        deviceId,
                        extensionVersion,
                        type,
                        serviceKey,
                        host,
                        action,
                        guidelineVersion,
                        detection),
                null);
    }

    /** The id of an event as far as it can be read, for the rejection report. */
    public static String idOf(RawEvent event) {
        return event.get("id") instanceof String id && EventValues.isUuid(id) ? id.toLowerCase() : null;
    }
}
