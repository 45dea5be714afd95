package dev.promptgate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.promptgate.api.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written fast paths of ingest: reading a batch, UUIDs, instants, and COPY's text format. */
class EventReadingTest {

    static List<RawEvent> read(String json) throws Exception {
        return EventBatchReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBatchIsReadIntoRawEventsKeepingOnlyKnownFields() throws Exception {
        List<RawEvent> events = read(
                """
                {"events": [
                  {"id": "0b6f0a4e-9a55-4c89-9d43-6e0d0c0a1f7e", "type": "visit", "guidelineVersion": 3,
                   "groups": ["a", 7], "title": {"nested": [1, 2]}, "url": "https://x.example/secret", "host": null},
                  42, "text", [1], null,
                  {"guidelineVersion": 1.5, "user": {"name": "x"}, "type": true}
                ]}""");
        assertEquals(6, events.size());
        RawEvent first = events.get(0);
        assertTrue(first.isObject());
        assertEquals("visit", first.get("type"));
        assertEquals(3L, first.get("guidelineVersion"));
        assertEquals(List.of("a", RawEvent.OTHER), first.get("groups"));
        assertNull(first.get("host"));
        assertNull(first.get("url"), "unknown fields are not kept");
        for (int i = 1; i <= 4; i++) {
            assertFalse(events.get(i).isObject());
        }
        RawEvent last = events.get(5);
        assertEquals(RawEvent.OTHER, last.get("guidelineVersion"));
        assertEquals(RawEvent.OTHER, last.get("user"));
        assertEquals(RawEvent.OTHER, last.get("type"));
    }

    @Test
    void aBodyOfTheWrongShapeFailsTheWholeBatch() {
        assertThrows(JsonProcessingException.class, () -> read("{\"events\": [{\"id\": "));
        assertThrows(JsonProcessingException.class, () -> read(""));
        assertThrows(MismatchedInputException.class, () -> read("[]"));
        assertThrows(MismatchedInputException.class, () -> read("{\"events\": {}}"));
        assertThrows(UnrecognizedPropertyException.class, () -> read("{\"events\": [], \"more\": 1}"));
        var missing = assertThrows(ProblemException.InvalidInput.class, () -> read("{}"));
        assertEquals("events", missing.problem().errors().get(0).field());
        assertThrows(ProblemException.InvalidInput.class, () -> read("{\"events\": null}"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-28T12:00:00Z",
                "2026-11-28T12:00:00.1Z",
                "2026-11-28T12:00:00.123Z",
                "2026-11-28T12:00:00.123456Z",
                "2026-11-28T12:00:00.123456789Z",
                "2026-11-28T14:00:00+02:00",
                "2026-11-28T12:00:00.5-00:30"
            })
    void instantsAreReadAsTheGeneralParserReadsThem(String text) {
        assertEquals(Instant.parse(text), EventValues.parseInstant(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-13-28T12:00:00Z",
                "2026-11-28T25:00:00Z",
                "2026-11-28 12:00:00Z",
                "yesterday",
                "2026-11-28T12:00:00"
            })
    void invalidInstantsAreRefused(String text) {
        assertThrows(java.time.DateTimeException.class, () -> EventValues.parseInstant(text));
    }

    @Test
    void uuidsMustBeCanonical() {
        UUID id = UUID.randomUUID();
        assertEquals(id, EventValues.parseUuid(id.toString()));
        assertEquals(id, EventValues.parseUuid(id.toString().toUpperCase()));
        assertNull(EventValues.parseUuid("1-2-3-4-5"));
        assertNull(EventValues.parseUuid(id.toString().replace('-', '_')));
        assertNull(EventValues.parseUuid(id.toString().substring(1) + "g"));
    }

    @Test
    void copyTextEscapesWhatCopyWouldReadAsStructure() {
        EventRow row = new EventRow(
                new UUID(1, 2),
                Instant.parse("2026-11-28T12:00:00.123456Z"),
                7,
                "device-1",
                "abc",
                "al\\ice\tx",
                "0.1.0",
                "visit",
                null,
                "chatgpt.com",
                "WARN",
                null,
                List.of("Sales \"EU\"", "back\\slash"),
                null);
        String text = new String(CopyText.of(List.of(row), "2026-11-28T13:00:00Z", true), StandardCharsets.UTF_8);
        assertEquals(
                "00000000-0000-0001-0000-000000000002\t2026-11-28T12:00:00.123456Z\t2026-11-28T13:00:00Z\t7\tdevice-1\t"
                        + "abc\tal\\\\ice\\tx\t0.1.0\tvisit\t\\N\tchatgpt.com\tWARN\t\\N\t"
                        + "{\"Sales \\\\\"EU\\\\\"\",\"back\\\\\\\\slash\"}"
                        + "\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n",
                text);
        String withoutNames = new String(CopyText.of(List.of(row), "x", false), StandardCharsets.UTF_8);
        assertTrue(withoutNames.contains("\tabc\t\\N\t0.1.0"), withoutNames);
    }

    @Test
    void instantsAreWrittenToTheMicrosecond() {
        for (String text : List.of("2026-11-28T12:00:00Z", "2026-01-02T03:04:05.000007Z", "2026-11-28T12:00:00.1Z")) {
            Instant at = Instant.parse(text);
            String written = CopyText.appendInstant(new StringBuilder(), at).toString();
            assertEquals(at, Instant.parse(written));
        }
        assertEquals(
                LocalDate.of(2026, 11, 28)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toString(),
                CopyText.appendInstant(new StringBuilder(), Instant.parse("2026-11-28T00:00:00Z"))
                        .toString());
    }
}
