package dev.promptgate.dlp;

import static dev.promptgate.dlp.DlpApi.DETECTORS;
import static dev.promptgate.dlp.DlpApi.detector;
import static dev.promptgate.dlp.DlpApi.dlp;
import static dev.promptgate.dlp.DlpApi.etag;
import static dev.promptgate.dlp.DlpApi.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Detectors through the admin API into the bundle: custom and built-in, group overrides, versions and audit. */
@QuarkusTest
class DetectorApiTest {

    @Test
    void aCustomKeywordDetectorReachesBrowsersAndEveryChangeIsAudited() throws Exception {
        String enrollment = Enrollment.newToken("dlp-detector-api");
        String location = send(
                        "POST",
                        DETECTORS,
                        null,
                        """
                        {"kind": "keywords", "name": "Project code names", "keywords": ["Falcon", " Blue Heron "],
                         "mustMatch": ["the blue heron launch"], "mustNotMatch": ["falconry"],
                         "actions": {"default": "WARN", "services": {"chatgpt": "BLOCK"}},
                         "requireJustification": true}""")
                .statusCode(201)
                .header("Location", containsString("/api/v1/dlp/detectors/kw-"))
                .header("ETag", equalTo("\"0\""))
                .body("keywords", equalTo(List.of("Falcon", "Blue Heron")))
                .extract()
                .header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> detector(dlp(enrollment, null), id) != null);
        JsonNode sent = detector(DlpBundleTest.bundle(enrollment).get("dlp"), id);
        assertEquals("keywords", sent.get("kind").asText());
        assertEquals("BLOCK", sent.get("actions").get("services").get("chatgpt").asText());
        assertTrue(sent.get("requireJustification").asBoolean());
        assertNull(sent.get("mustMatch"), "test strings stay on the server");

        String body =
                """
                {"name": "Project code names", "keywords": ["Falcon"], "monitor": true,
                 "actions": {"default": "REDACT"}}""";
        send("PUT", location, null, body).statusCode(428);
        send("PUT", location, "\"7\"", body).statusCode(412);
        send("PUT", location, etag(location), body).statusCode(200).body("monitor", equalTo(true));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> detector(dlp(enrollment, null), id).get("monitor").asBoolean());
        assertEquals(
                "REDACT",
                detector(dlp(enrollment, null), id)
                        .get("actions")
                        .get("default")
                        .asText());

        send("DELETE", location, etag(location), null).statusCode(204);
        send("GET", location, null, null).statusCode(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> detector(dlp(enrollment, null), id) == null);
        JsonPath audit = given().auth()
                .oauth2(Tokens.admin())
                .queryParam("entityType", "dlp-detector")
                .queryParam("entityId", id)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of("delete", "update", "create"), audit.getList("items.action"));
    }

    @Test
    void aBuiltInDetectorsSettingsChangeButItsRulesAndNameAreFixed() throws Exception {
        String enrollment = Enrollment.newToken("dlp-builtin-api");
        String card = DETECTORS + "/payment-card";
        String iban = DETECTORS + "/iban";
        send("GET", card, null, null)
                .statusCode(200)
                .body("kind", equalTo("builtin"))
                .body("enabled", equalTo(true))
                .body("actions.default", equalTo("WARN"));
        send("PUT", card, etag(card), """
                        {"name": "Cards", "actions": {"default": "BLOCK"}}""")
                .statusCode(400)
                .body("errors.field", hasItem("name"));
        send("DELETE", card, etag(card), null).statusCode(409);
        try {
            send(
                            "PUT",
                            card,
                            etag(card),
                            """
                            {"threshold": 2, "actions": {"default": "BLOCK", "services": {"gemini": "REDACT"}}}""")
                    .statusCode(200);
            send(
                            "PUT",
                            iban,
                            etag(iban),
                            """
                            {"enabled": true, "monitor": true, "actions": {"default": "WARN"}}""")
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> detector(dlp(enrollment, null), "iban") != null);
            JsonNode dlp = DlpBundleTest.bundle(enrollment).get("dlp");
            assertEquals(
                    "REDACT",
                    detector(dlp, "payment-card")
                            .get("actions")
                            .get("services")
                            .get("gemini")
                            .asText());
            assertEquals(2, detector(dlp, "payment-card").get("threshold").asInt());
            assertTrue(detector(dlp, "iban").get("monitor").asBoolean());
            assertEquals("IBAN", detector(dlp, "iban").get("name").asText());
        } finally {
            send("PUT", card, etag(card), "{\"actions\": {\"default\": \"WARN\"}}")
                    .statusCode(200);
            send("PUT", iban, etag(iban), "{\"enabled\": false, \"actions\": {\"default\": \"WARN\"}}")
                    .statusCode(200);
        }
    }

    @Test
    void aGroupsOverrideAppliesToItsMembersOnly() throws Exception {
        String idp = DlpApi.uniqueName("dlp-group");
        long groupId = DlpApi.newGroup(idp, 30);
        String enrollment = Enrollment.newToken("dlp-group-test");
        String member = Tokens.user("gwen", List.of(), List.of(idp));
        String other = Tokens.user("olaf", List.of(), List.of("someone-else"));
        String override = DETECTORS + "/jwt/groups/" + groupId;
        send(
                        "PUT",
                        override,
                        null,
                        """
                        {"enabled": true, "actions": {"default": "BLOCK", "services": {"chatgpt": "ALLOW"}}}""")
                .statusCode(201)
                .header("Location", endsWith(override))
                .body("groupName", equalTo(idp));
        send(
                        "PUT",
                        DETECTORS + "/email/groups/" + groupId,
                        null,
                        """
                        {"enabled": true, "monitor": true, "actions": {"default": "WARN"}}""")
                .statusCode(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> detector(dlp(enrollment, member), "email") != null);
        JsonNode mine = dlp(enrollment, member);
        assertEquals(
                "BLOCK", detector(mine, "jwt").get("actions").get("default").asText());
        assertEquals(
                "ALLOW",
                detector(mine, "jwt")
                        .get("actions")
                        .get("services")
                        .get("chatgpt")
                        .asText());
        assertTrue(detector(mine, "email").get("monitor").asBoolean());
        JsonNode theirs = dlp(enrollment, other);
        assertEquals(
                "WARN", detector(theirs, "jwt").get("actions").get("default").asText());
        assertNull(detector(theirs, "email"));
        send("GET", DETECTORS + "/jwt", null, null).statusCode(200).body("groupOverrides.groupId", hasItem((int)
                groupId));

        send("PUT", override, null, "{\"enabled\": false, \"actions\": {\"default\": \"WARN\"}}")
                .statusCode(428);
        send("PUT", override, etag(override), "{\"enabled\": false, \"actions\": {\"default\": \"WARN\"}}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> detector(dlp(enrollment, member), "jwt") == null);
        assertNotNull(detector(dlp(enrollment, other), "jwt"));
        send("DELETE", override, etag(override), null).statusCode(204);
        send("DELETE", "/api/v1/groups/" + groupId, etag("/api/v1/groups/" + groupId), null)
                .statusCode(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> detector(dlp(enrollment, member), "email") == null);
    }
}
