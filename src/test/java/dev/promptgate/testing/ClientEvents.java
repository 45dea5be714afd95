package dev.promptgate.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events as the extension sends them, and the POST that sends them. */
public final class ClientEvents {

    private ClientEvents() {}

    /** A valid visit event on a fresh id, to be changed with {@code with}. */
    public static Map<String, Object> visit(String deviceId, String serviceKey, String host) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", UUID.randomUUID().toString());
        event.put("occurredAt", Instant.now().minusSeconds(60).toString());
        event.put("deviceId", deviceId);
        event.put("extensionVersion", "0.1.0");
        event.put("type", "visit");
        if (serviceKey != null) {
            event.put("serviceKey", serviceKey);
        }
        if (host != null) {
            event.put("host", host);
        }
        event.put("action", "WARN");
        return event;
    }

    /** A copy of the event with one field set (null removes it). */
    public static Map<String, Object> with(Map<String, Object> event, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }

    public static List<Map<String, Object>> visits(int count, String deviceId) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(visit(deviceId, "chatgpt", "chatgpt.com"));
        }
        return events;
    }

    /** The POST as a browser whose person signed in: the batch carries their OIDC access token. */
    public static ValidatableResponse post(String enrollmentToken, String userToken, List<Map<String, Object>> events) {
        return given().auth()
                .oauth2(enrollmentToken)
                .header("X-Promptgate-User-Token", userToken)
                .contentType(ContentType.JSON)
                .body(Map.of("events", events))
                .post("/api/v1/client/events")
                .then();
    }

    public static ValidatableResponse post(String enrollmentToken, List<Map<String, Object>> events) {
        return given().auth()
                .oauth2(enrollmentToken)
                .contentType(ContentType.JSON)
                .body(Map.of("events", events))
                .post("/api/v1/client/events")
                .then();
    }
}
