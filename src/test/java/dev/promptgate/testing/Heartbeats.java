package dev.promptgate.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Heartbeats as the extension sends them (docs/client-api.md). */
public final class Heartbeats {

    private Heartbeats() {}

    /** A Chrome browser's heartbeat enforcing this policy version (none when null), nothing skipped; modifiable. */
    public static Map<String, Object> of(UUID device, String policyVersion) {
        Map<String, Object> beat = new HashMap<>(Map.of(
                "deviceId",
                device.toString(),
                "extensionVersion",
                "1.4.0",
                "browser",
                "chrome",
                "browserVersion",
                "156.0.8078.114",
                "identityMode",
                "none",
                "skippedCount",
                0,
                "skipped",
                List.of(),
                "tenantRestrictionRules",
                0));
        if (policyVersion != null) {
            beat.put("policyVersion", policyVersion);
        }
        return beat;
    }

    /** Posts a heartbeat body with this bearer token (none when null). */
    public static ValidatableResponse post(String bearer, Object body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (bearer != null) {
            request.auth().oauth2(bearer);
        }
        return request.post("/api/v1/client/heartbeat").then();
    }
}
