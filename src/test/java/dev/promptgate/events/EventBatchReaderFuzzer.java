package dev.promptgate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.api.ProblemException;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.List;

/**
 * Coverage-guided fuzz target (Jazzer) for the event batch reader, which reads every body a browser posts: any bytes
 * are either a batch or refused as malformed (a 400), never another exception; a batch read is exactly the elements of
 * the body's "events" list. Seeds and past findings: src/test/fuzz/EventBatchReaderFuzzer/. Run by {@code ./mvnw
 * verify} for a short while, longer on demand (docs/reliability.md).
 */
public final class EventBatchReaderFuzzer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventBatchReaderFuzzer() {}

    public static void fuzzerTestOneInput(byte[] body) throws IOException {
        List<RawEvent> events;
        try {
            events = EventBatchReader.read(body);
        } catch (JacksonException | ProblemException.InvalidInput | CharConversionException refused) {
            // Malformed: 400 (ProblemMapper answers bytes that are not text in their encoding with 400 too).
            return;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonParseException notUtf8) {
            // Jackson's streaming parser, as the reader drives it, let a byte that is not UTF-8 pass inside the name of
            // a field the reader skips (seed not-utf-8-in-a-skipped-name), where the tree parser refuses it. Nothing
            // of a skipped field is kept; any other refusal by the tree parser is a finding.
            if (notUtf8.getOriginalMessage().startsWith("Invalid UTF-8")) {
                return;
            }
            throw notUtf8;
        }
        assertEquals(tree.get("events").size(), events.size(), "one event per element of the events list");
    }
}
