package dev.promptgate.events;

import dev.promptgate.api.ProblemException;
import dev.promptgate.config.PromptgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Takes a batch of events from a browser: refuses what is too much, checks each event on its own, stamps the good
 * ones with the verified person (as a pseudonym) and their groups, and hands them to the writer. Nothing here blocks: the hot path stays on
 * the event loop until the database is needed.
 */
@ApplicationScoped
public class EventIngest {

    private final EventValidator validator;
    private final UserPseudonyms pseudonyms;
    private final EventWriter writer;
    private final IngestRateLimit rateLimit;
    private final PublishedGuidelines guidelines;
    private final int maxBatch;

    EventIngest(
            EventValidator validator,
            UserPseudonyms pseudonyms,
            EventWriter writer,
            IngestRateLimit rateLimit,
            PublishedGuidelines guidelines,
            PromptgateConfig config) {
        this.validator = validator;
        this.pseudonyms = pseudonyms;
        this.writer = writer;
        this.rateLimit = rateLimit;
        this.guidelines = guidelines;
        this.maxBatch = config.events().maxBatch();
    }

    /**
     * What became of a batch: new events, resent ones that were stored before, refused ones with reasons, and the
     * fields the events carried that the server ignored (a browser's {@code user} and {@code groups}).
     */
    public record Outcome(int accepted, int duplicates, List<Rejection> rejected, List<String> ignored) {}

    /** An event that was refused: its position in the batch, its id when readable, and why. */
    public record Rejection(int index, String id, String reason) {}

    /** Fields a browser may still send that are never stored: who the person is comes from a verified identity. */
    static final List<String> IGNORED_FIELDS = List.of("user", "groups");

    /**
     * Takes a batch sent with {@code tokenId}; {@code person} is the verified identity that came with it, or null.
     * The events' own {@code user} and {@code groups} are ignored.
     */
    public CompletionStage<Outcome> ingest(long tokenId, KnownPerson person, List<RawEvent> events) {
        rateLimit.acquire(tokenId, deviceIds(events), person == null ? null : person.identifier(), events.size());
        if (events.size() > maxBatch) {
            throw new ProblemException.TooLarge(
                    "A batch holds at most " + maxBatch + " events; this one has " + events.size());
        }
        return guidelines.catchUp(highestAcknowledged(events)).thenCompose(known -> store(tokenId, person, events));
    }

    private CompletionStage<Outcome> store(long tokenId, KnownPerson person, List<RawEvent> events) {
        List<EventRow> rows = new ArrayList<>(events.size());
        List<Rejection> rejected = new ArrayList<>();
        boolean keepNames = writer.identifiedUsers();
        EventValidator.Window window = validator.window();
        String userHash = person == null ? null : pseudonyms.pseudonym(person.identifier());
        String userName = person != null && keepNames ? person.identifier() : null;
        List<String> groups = person == null ? List.of() : person.groups();
        for (int i = 0; i < events.size(); i++) {
            RawEvent event = events.get(i);
            EventValidator.Checked checked = validator.check(event, window);
            String reason = checked.isValid() ? unpublished(checked.event()) : checked.reason();
            if (reason == null) {
                rows.add(toRow(tokenId, checked.event(), userHash, userName, groups));
            } else {
                rejected.add(new Rejection(i, EventValidator.idOf(event), reason));
            }
        }
        List<Rejection> refused = List.copyOf(rejected);
        List<String> ignored = ignoredFields(events);
        return writer.write(rows).thenApply(stored -> new Outcome(stored, rows.size() - stored, refused, ignored));
    }

    /** Why an acknowledgement is refused when it names a version nobody published; null when it is fine. */
    private String unpublished(IncomingEvent event) {
        if (EventTypes.ACKNOWLEDGED.equals(event.type()) && !guidelines.isPublished(event.guidelineVersion())) {
            return "guidelineVersion: names no published guideline version";
        }
        return null;
    }

    /** The most device ids a batch is charged to one by one; the extension's batches name one. */
    static final int MAX_DEVICES_PER_BATCH = 5;

    /**
     * The device ids a batch is charged to, for their rate limits. A batch naming none (every event malformed) is
     * charged to the empty id, and one naming more than {@link #MAX_DEVICES_PER_BATCH} to one id shared by all such
     * batches of the token: made-up ids cannot make the server hold a bucket for each.
     */
    static Set<String> deviceIds(List<RawEvent> events) {
        Set<String> ids = new HashSet<>();
        for (RawEvent event : events) {
            if (event.isObject() && event.get("deviceId") instanceof String id && TextShape.DEVICE_ID.matches(id)) {
                ids.add(id);
                if (ids.size() > MAX_DEVICES_PER_BATCH) {
                    return Set.of("*");
                }
            }
        }
        return ids.isEmpty() ? Set.of("") : ids;
    }

    private static int highestAcknowledged(List<RawEvent> events) {
        long highest = 0;
        for (RawEvent event : events) {
            if (event.isObject()
                    && EventTypes.ACKNOWLEDGED.equals(event.get("type"))
                    && event.get("guidelineVersion") instanceof Long version
                    && version <= Integer.MAX_VALUE) {
                highest = Math.max(highest, version);
            }
        }
        return (int) highest;
    }

    private static List<String> ignoredFields(List<RawEvent> events) {
        List<String> ignored = new ArrayList<>(2);
        for (String field : IGNORED_FIELDS) {
            for (RawEvent event : events) {
                if (event.isObject() && event.get(field) != null) {
                    ignored.add(field);
                    break;
                }
            }
        }
        return List.copyOf(ignored);
    }

    private static EventRow toRow(
            long tokenId, IncomingEvent event, String userHash, String userName, List<String> groups) {
        return new EventRow(
                event.id(),
                event.occurredAt(),
                tokenId,
                event.deviceId(),
                userHash,
                userName,
                event.extensionVersion(),
                event.type(),
                event.serviceKey(),
                event.host(),
                event.action(),
                event.guidelineVersion(),
                groups,
                event.dlp());
    }
}
