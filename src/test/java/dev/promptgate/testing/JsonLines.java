package dev.promptgate.testing;

import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** JSON Lines exports as the tests read them. */
public final class JsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {}

    /** The objects of an export that must answer 200 with {@code application/x-ndjson}, one a line. */
    public static List<JsonNode> read(Response export) throws IOException {
        String jsonl = export.then()
                .statusCode(200)
                .contentType(startsWith("application/x-ndjson"))
                .extract()
                .asString();
        List<JsonNode> objects = new ArrayList<>();
        for (String line : jsonl.strip().split("\n")) {
            objects.add(JSON.readTree(line));
        }
        return objects;
    }
}
