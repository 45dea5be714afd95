package dev.promptgate.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.promptgate.api.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a batch body, {@code {"events": [...]}}, token by token straight into {@link RawEvent}s, without building a
 * JSON tree: this runs for every event a browser sends. Malformed JSON and a body of the wrong shape fail the whole
 * batch (400); an element of the wrong shape is left for the validator to refuse on its own.
 */
public final class EventBatchReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private EventBatchReader() {}

    public static List<RawEvent> read(byte[] body) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw MismatchedInputException.from(parser, Object.class, "The body must be a JSON object");
            }
            List<RawEvent> events = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                parser.nextToken();
                if (!name.equals("events")) {
                    throw UnrecognizedPropertyException.from(parser, Object.class, name, List.of("events"));
                }
                events = parser.currentToken() == JsonToken.VALUE_NULL ? null : events(parser);
            }
            if (events == null) {
                throw new ProblemException.InvalidInput("events", "must not be null");
            }
            if (parser.nextToken() != null) {
                throw MismatchedInputException.from(parser, Object.class, "Nothing may follow the JSON object");
            }
            return events;
        }
    }

    private static List<RawEvent> events(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw MismatchedInputException.from(parser, List.class, "events must be a list of events");
        }
        List<RawEvent> events = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw MismatchedInputException.from(parser, List.class, "The body ends inside the events list");
            }
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                events.add(RawEvent.notAnObject());
                continue;
            }
            events.add(event(parser));
        }
        return events;
    }

    private static RawEvent event(JsonParser parser) throws IOException {
        RawEvent event = RawEvent.object();
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            int slot = RawEvent.slot(parser.currentName());
            JsonToken value = parser.nextToken();
            if (slot < 0) {
                parser.skipChildren();
            } else {
                event.set(slot, value(parser, value));
            }
        }
        return event;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? RawEvent.OTHER
                    : parser.getLongValue();
            case START_ARRAY -> strings(parser);
            default -> {
                parser.skipChildren();
                yield RawEvent.OTHER;
            }
        };
    }

    private static List<Object> strings(JsonParser parser) throws IOException {
        List<Object> values = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.VALUE_STRING) {
                values.add(parser.getText());
            } else {
                parser.skipChildren();
                values.add(RawEvent.OTHER);
            }
        }
        return values;
    }
}
