package dev.promptgate.client.device;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptgate.config.PromptgateConfig;
import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Heartbeats;
import dev.promptgate.testing.JsonLines;
import dev.promptgate.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Heartbeats as the extension sends them, and what admins and viewers read of them. */
@QuarkusTest
class DeviceHealthTest {

    private static String enrollment;

    @Inject
    DeviceHealth health;

    @Inject
    PromptgateConfig config;

    @Inject
    AgroalDataSource dataSource;

    /** The browsers' enrollment token, made on first use (the server is up by then). */
    static synchronized String enrollment() {
        if (enrollment == null) {
            enrollment = Enrollment.newToken("device-health-test");
        }
        return enrollment;
    }

    static String servedPolicyVersion() {
        return Client.policy(enrollment()).then().statusCode(200).extract().path("policyVersion");
    }

    static Map<String, Object> heartbeat(UUID device, String policyVersion) {
        return Heartbeats.of(device, policyVersion);
    }

    static ValidatableResponse post(String bearer, Object body) {
        return Heartbeats.post(bearer, body);
    }

    static ValidatableResponse devices(String query) {
        return given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/devices" + query)
                .then()
                .statusCode(200);
    }

    static List<String> deviceIds(String filter) {
        return devices("?size=200" + filter).extract().path("items.deviceId");
    }

    @Test
    void aBrowserEnforcingTheServedPolicyIsListedOnceAsCurrent() {
        UUID device = UUID.randomUUID();
        post(enrollment(), heartbeat(device, servedPolicyVersion())).statusCode(204);
        Map<String, Object> second = heartbeat(device, servedPolicyVersion());
        second.put("extensionVersion", "1.5.0");
        post(enrollment(), second).statusCode(204);

        List<Map<String, Object>> rows =
                devices("?size=200").extract().path("items.findAll { it.deviceId == '" + device + "' }");
        assertEquals(1, rows.size(), "one row per browser");
        assertEquals("1.5.0", rows.get(0).get("extensionVersion"));
        assertEquals(true, rows.get(0).get("policyCurrent"));
        assertFalse(deviceIds("&stalePolicy=true").contains(device.toString()));
        assertTrue(deviceIds("&stalePolicy=false").contains(device.toString()));
    }

    @Test
    void aBrowserOnAnotherPolicyIsStaleAndOneWithSkippedRulesShowsThem() {
        UUID stale = UUID.randomUUID();
        Map<String, Object> staleBeat = heartbeat(stale, "sha256:" + "0".repeat(64));
        staleBeat.put("extensionVersion", "0.0.7");
        post(enrollment(), staleBeat).statusCode(204);
        UUID skipping = UUID.randomUUID();
        Map<String, Object> beat = heartbeat(skipping, servedPolicyVersion());
        beat.put("skippedCount", 2);
        beat.put(
                "skipped",
                List.of(
                        Map.of("pattern", "paths.example/p1?id=1", "reason", "over the regex rule budget"),
                        Map.of("pattern", "paths.example/p2?id=2", "reason", "over the regex rule budget")));
        beat.put("extensionVersion", "1.2.0");
        beat.put("browser", "edge");
        post(enrollment(), beat).statusCode(204);

        assertTrue(deviceIds("&stalePolicy=true").contains(stale.toString()));
        assertTrue(deviceIds("&errors=true").contains(skipping.toString()));
        assertFalse(deviceIds("&errors=true").contains(stale.toString()));
        assertTrue(deviceIds("&outdatedThan=1.4.0").contains(skipping.toString()));
        assertFalse(deviceIds("&outdatedThan=0.0.7").contains(stale.toString()));
        assertTrue(deviceIds("&browser=edge").contains(skipping.toString()));
        assertFalse(deviceIds("&notSeenDays=1").contains(skipping.toString()));
        devices("?size=200")
                .body(
                        "items.find { it.deviceId == '" + skipping + "' }.skipped.pattern",
                        hasItem("paths.example/p2?id=2"));

        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/devices/summary")
                .then()
                .statusCode(200)
                .body("byBrowser.edge", greaterThanOrEqualTo(1))
                .body("byExtensionVersion.'1.2.0'", greaterThanOrEqualTo(1))
                .body("withSkippedRules", greaterThanOrEqualTo(1))
                // Of these, the ones enforcing the current policy: the stale browser is counted, not enforcing.
                .body("enforcingByBrowser.edge", greaterThanOrEqualTo(1))
                .body("enforcingByExtensionVersion.'1.2.0'", greaterThanOrEqualTo(1))
                .body("byExtensionVersion.'0.0.7'", equalTo(1))
                .body("enforcingByExtensionVersion.'0.0.7'", equalTo(0));
        String csv = given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/devices/export?errors=true")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract()
                .asString();
        assertTrue(csv.startsWith("deviceId,browser,"), csv);
        assertTrue(csv.contains(skipping.toString()), csv);
        assertFalse(csv.contains(stale.toString()), csv);
    }

    @Test
    void badHeartbeatsAreRefusedAndStoreNothing() {
        UUID device = UUID.randomUUID();
        Map<String, Object> wrongType = heartbeat(device, servedPolicyVersion());
        wrongType.put("skippedCount", "many");
        post(enrollment(), wrongType).statusCode(400);

        Map<String, Object> unknownField = heartbeat(device, servedPolicyVersion());
        unknownField.put("pageUrl", "https://chatgpt.com/c/secret");
        post(enrollment(), unknownField).statusCode(400);

        Map<String, Object> missing = heartbeat(device, null);
        missing.remove("browser");
        post(enrollment(), missing).statusCode(400).body("errors.field", hasItem(containsString("browser")));

        Map<String, Object> tooMany = heartbeat(device, null);
        tooMany.put("skippedCount", 51);
        tooMany.put("skipped", Collections.nCopies(51, Map.of("pattern", "x.example", "reason", "r")));
        post(enrollment(), tooMany).statusCode(400);

        // Each skipped rule is validated too: a pattern over 500 characters, a rule without its reason.
        Map<String, Object> longPattern = heartbeat(device, null);
        longPattern.put("skippedCount", 1);
        longPattern.put("skipped", List.of(Map.of("pattern", "x".repeat(501), "reason", "r")));
        post(enrollment(), longPattern).statusCode(400).body("errors.field", hasItem(containsString("pattern")));
        Map<String, Object> noReason = heartbeat(device, null);
        noReason.put("skippedCount", 1);
        noReason.put("skipped", List.of(Map.of("pattern", "x.example")));
        post(enrollment(), noReason).statusCode(400).body("errors.field", hasItem(containsString("reason")));

        String padded = "{" + " ".repeat(70_000) + "\"deviceId\": \"" + device + "\", \"extensionVersion\": \"1.0.0\","
                + " \"browser\": \"chrome\", \"browserVersion\": \"156\", \"identityMode\": \"none\","
                + " \"skippedCount\": 0, \"skipped\": []}";
        post(enrollment(), padded).statusCode(413);

        post(null, heartbeat(device, null)).statusCode(401);
        post(Tokens.admin(), heartbeat(device, null)).statusCode(403);
        post(Tokens.viewer(), heartbeat(device, null)).statusCode(403);

        assertFalse(deviceIds("").contains(device.toString()), "nothing was stored");
    }

    @Test
    void aRevokedEnrollmentTokenCannotReport() {
        String revoked = Enrollment.newToken("device-health-revoked");
        int id = given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/enrollment-tokens?size=200")
                .then()
                .statusCode(200)
                .extract()
                .path("items.find { it.name == 'device-health-revoked' }.id");
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/enrollment-tokens/" + id + "/revoke")
                .then()
                .statusCode(200);
        UUID device = UUID.randomUUID();
        post(revoked, heartbeat(device, null)).statusCode(401);
        assertFalse(deviceIds("").contains(device.toString()));
    }

    @Test
    void onlyAdminsAndViewersReadDevices() {
        for (String path : List.of("/api/v1/devices", "/api/v1/devices/summary", "/api/v1/devices/export")) {
            given().get(path).then().statusCode(401);
            given().auth().oauth2(Tokens.noRole()).get(path).then().statusCode(403);
            given().auth().oauth2(enrollment()).get(path).then().statusCode(403);
            given().auth().oauth2(Tokens.admin()).get(path).then().statusCode(200);
        }
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/devices?outdatedThan=x")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem(containsString("outdatedThan")));
    }

    @Test
    void browsersNotSeenForTheEventRetentionAreForgottenAndTheOthersKept() throws SQLException {
        int retentionDays = config.events().retentionDays();
        UUID gone = UUID.randomUUID();
        UUID lastDay = UUID.randomUUID();
        UUID seenNow = UUID.randomUUID();
        for (UUID device : List.of(gone, lastDay, seenNow)) {
            post(enrollment(), heartbeat(device, servedPolicyVersion())).statusCode(204);
        }
        Instant now = Instant.now();
        lastSeen(gone, now.minus(retentionDays, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS));
        lastSeen(lastDay, now.minus(retentionDays, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS));
        List<String> notSeen = deviceIds("&notSeenDays=" + (retentionDays - 1));
        assertTrue(notSeen.containsAll(List.of(gone.toString(), lastDay.toString())), "not seen for days: listed");
        assertFalse(notSeen.contains(seenNow.toString()));

        health.deleteUnseen();

        List<String> kept = deviceIds("");
        assertFalse(kept.contains(gone.toString()), "a browser not seen for the retention period is forgotten");
        assertTrue(kept.contains(lastDay.toString()), "one seen within it is kept");
        assertTrue(kept.contains(seenNow.toString()));
    }

    @Test
    void theExportIsAlsoJsonLinesWithTheListsObjects() throws Exception {
        UUID device = UUID.randomUUID();
        Map<String, Object> beat = heartbeat(device, servedPolicyVersion());
        beat.put("skippedCount", 1);
        beat.put("skipped", List.of(Map.of("pattern", "jsonl.example/p?id=1", "reason", "over the regex rule budget")));
        beat.put("browser", "firefox");
        post(enrollment(), beat).statusCode(204);

        List<JsonNode> exported = JsonLines.read(given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("format", "jsonl")
                .queryParam("browser", "firefox")
                .get("/api/v1/devices/export"));
        JsonNode row = exported.stream()
                .filter(d -> d.get("deviceId").asText().equals(device.toString()))
                .findFirst()
                .orElseThrow();
        assertTrue(exported.stream().allMatch(d -> d.get("browser").asText().equals("firefox")), "filtered");
        assertEquals(1, row.get("skippedCount").asInt());
        assertEquals(
                "jsonl.example/p?id=1", row.get("skipped").get(0).get("pattern").asText());
        assertEquals(true, row.get("policyCurrent").asBoolean());
        Map<String, Object> listed =
                devices("?size=200&browser=firefox").extract().path("items.find { it.deviceId == '" + device + "' }");
        assertEquals(listed.keySet(), fieldNames(row), "the same fields as the list");

        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("format", "xml")
                .get("/api/v1/devices/export")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("format"));
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void lastSeen(UUID device, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("update device set last_seen = ? where device_id = ?")) {
            statement.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            statement.setObject(2, device);
            assertEquals(1, statement.executeUpdate());
        }
    }
}
