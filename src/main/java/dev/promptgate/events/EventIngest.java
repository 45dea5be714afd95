package dev.promptgate.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptgate.api.ProblemException;
import dev.promptgate.config.PromptgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Takes a batch of events from a browser: refuses what is too much, checks each event on its own, turns user
 * identifiers into pseudonyms and hands the good events to the writer. Nothing here blocks: the hot path stays on
 * the event loop until the database is needed.
 */
@ApplicationScoped
public class EventIngest {

    private final EventValidator validator;
    private final UserPseudonyms pseudonyms;
    private final EventWriter writer;
    private final IngestRateLimit rateLimit;
    private final int maxBatch;

    EventIngest(
            EventValidator validator,
            UserPseudonyms pseudonyms,
            EventWriter writer,
            IngestRateLimit rateLimit,
            PromptgateConfig config) {
        this.validator = validator;
        this.pseudonyms = pseudonyms;
        this.writer = writer;
        this.rateLimit = rateLimit;
        this.maxBatch = config.events().maxBatch();
    }

    /** What became of a batch: new events, resent ones that were stored before, and refused ones with reasons. */
    public record Outcome(int accepted, int duplicates, List<Rejection> rejected) {}

    /** An event that was refused: its position in the batch, its id when readable, and why. */
    public record Rejection(int index, String id, String reason) {}

    public CompletionStage<Outcome> ingest(long tokenId, List<JsonNode> events) {
        rateLimit.acquire(tokenId);
        if (events.size() > maxBatch) {
            throw new ProblemException.TooLarge(
                    "A batch holds at most " + maxBatch + " events; this one has " + events.size());
        }
        List<EventRow> rows = new ArrayList<>(events.size());
        List<Rejection> rejected = new ArrayList<>();
        boolean keepNames = writer.identifiedUsers();
        for (int i = 0; i < events.size(); i++) {
            JsonNode node = events.get(i);
            EventValidator.Checked checked = validator.check(node);
            if (checked.isValid()) {
                rows.add(toRow(tokenId, checked.event(), keepNames));
            } else {
                rejected.add(new Rejection(i, EventValidator.idOf(node), checked.reason()));
            }
        }
        List<Rejection> refused = List.copyOf(rejected);
        return writer.write(rows).thenApply(stored -> new Outcome(stored, rows.size() - stored, refused));
    }

    private EventRow toRow(long tokenId, IncomingEvent event, boolean keepNames) {
        return new EventRow(
                event.id(),
                event.occurredAt(),
                tokenId,
                event.deviceId(),
                pseudonyms.pseudonym(event.user()),
                keepNames ? event.user() : null,
                event.extensionVersion(),
                event.type(),
                event.serviceKey(),
                event.host(),
                event.action(),
                event.guidelineVersion(),
                event.groups());
    }
}
