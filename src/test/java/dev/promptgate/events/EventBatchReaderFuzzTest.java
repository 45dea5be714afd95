package dev.promptgate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.api.ProblemException;
import java.io.IOException;
import java.util.List;

/**
 * Coverage-guided fuzzing of the event batch reader, which reads every body a browser posts: any bytes are either
 * a batch or refused as malformed (a 400), never another exception; a batch read is exactly the elements of the
 * body's "events" list. Seeds and findings: src/test/resources/dev/promptgate/events/EventBatchReaderFuzzTestInputs.
 * Fuzz (rather than replay the seeds) with {@code JAZZER_FUZZ=1} (docs/reliability.md).
 */
class EventBatchReaderFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "10s")
    void anyBodyIsReadAsABatchOrRefused(byte[] body) throws IOException {
        List<RawEvent> events;
        try {
            events = EventBatchReader.read(body);
        } catch (JacksonException | ProblemException.InvalidInput refused) {
            return;
        }
        JsonNode tree = JSON.readTree(body);
        assertEquals(tree.get("events").size(), events.size(), "one event per element of the events list");
    }
}
