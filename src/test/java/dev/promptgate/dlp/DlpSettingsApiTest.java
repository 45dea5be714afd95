package dev.promptgate.dlp;

import static dev.promptgate.dlp.DlpApi.dlp;
import static dev.promptgate.dlp.DlpApi.etag;
import static dev.promptgate.dlp.DlpApi.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Justifications, unknown AI sites and upload rules: API, bundle, group overrides, and who may call what. */
@QuarkusTest
class DlpSettingsApiTest {

    static final String SETTINGS = "/api/v1/dlp/settings";
    static final String ORGANIZATION_UPLOADS = "/api/v1/dlp/uploads/organization";

    @Test
    void justificationsAndUnknownAiSitesReachTheBundle() throws Exception {
        String enrollment = Enrollment.newToken("dlp-settings-test");
        send("PUT", SETTINGS, etag(SETTINGS), "{\"unknownAiSites\": true, \"justifications\": []}")
                .statusCode(400)
                .body("errors.field", hasItem("justifications"));
        send("PUT", SETTINGS, null, "{\"unknownAiSites\": true, \"justifications\": [\"Test data\"]}")
                .statusCode(428);
        try {
            send(
                            "PUT",
                            SETTINGS,
                            etag(SETTINGS),
                            """
                            {"unknownAiSites": true, "justifications": [" Test data ", "Customer asked"]}""")
                    .statusCode(200)
                    .body("justifications", equalTo(List.of("Test data", "Customer asked")));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> dlp(enrollment, null).get("unknownAiSites").asBoolean());
            assertEquals(
                    2,
                    DlpBundleTest.bundle(enrollment)
                            .get("dlp")
                            .get("justifications")
                            .size());
        } finally {
            send(
                            "PUT",
                            SETTINGS,
                            etag(SETTINGS),
                            """
                            {"unknownAiSites": false, "justifications": ["Test or sample data",
                             "Approved by the data owner", "Not sensitive in this context"]}""")
                    .statusCode(200);
        }
    }

    @Test
    void uploadRulesApplyPerServiceAndAGroupsRulesReplaceTheOrganizations() throws Exception {
        String idp = DlpApi.uniqueName("dlp-uploads");
        long groupId = DlpApi.newGroup(idp, 20);
        String groupUploads = "/api/v1/dlp/uploads/groups/" + groupId;
        String enrollment = Enrollment.newToken("dlp-uploads-test");
        String member = Tokens.user("gwen", List.of(), List.of(idp));
        send(
                        "PUT",
                        ORGANIZATION_UPLOADS,
                        etag(ORGANIZATION_UPLOADS),
                        """
                        {"default": {"action": "ALLOW"}, "services": {"chatgpt": {"action": "REDACT"}}}""")
                .statusCode(400);
        send(
                        "PUT",
                        ORGANIZATION_UPLOADS,
                        etag(ORGANIZATION_UPLOADS),
                        """
                        {"default": {"action": "WARN", "types": ["image/*", "text/plain;x"]}}""")
                .statusCode(400)
                .body("errors.field", hasItem("byDefault.types[1]"));
        try {
            send(
                            "PUT",
                            ORGANIZATION_UPLOADS,
                            etag(ORGANIZATION_UPLOADS),
                            """
                            {"default": {"action": "ALLOW"}, "services": {"chatgpt": {"action": "BLOCK"},
                             "gemini": {"action": "WARN", "maxBytes": 10485760, "types": ["application/pdf", "image/*"]}}}""")
                    .statusCode(200);
            send(
                            "PUT",
                            groupUploads,
                            null,
                            """
                            {"services": {"chatgpt": {"action": "WARN", "maxBytes": 1048576}}}""")
                    .statusCode(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> "WARN"
                    .equals(dlp(enrollment, member)
                            .at("/uploads/services/chatgpt/action")
                            .asText()));
            // A new group set's bundle is compiled on demand; the organization's is compiled again once this replica
            // has heard of the change, which may come a moment later.
            await().atMost(Duration.ofSeconds(10)).until(() -> "BLOCK"
                    .equals(DlpBundleTest.bundle(enrollment)
                            .at("/dlp/uploads/services/chatgpt/action")
                            .asText()));
            JsonNode everyone = DlpBundleTest.bundle(enrollment).get("dlp").get("uploads");
            assertEquals("image/*", everyone.at("/services/gemini/types/1").asText());
            JsonNode members = dlp(enrollment, member).get("uploads");
            assertEquals(1048576, members.at("/services/chatgpt/maxBytes").asLong());
            assertEquals("WARN", members.at("/services/gemini/action").asText());
            assertEquals("ALLOW", members.at("/default/action").asText());
            send("GET", "/api/v1/dlp/uploads", null, null).statusCode(200).body("groupId", hasItem((int) groupId));
        } finally {
            send("PUT", ORGANIZATION_UPLOADS, etag(ORGANIZATION_UPLOADS), "{\"default\": {\"action\": \"ALLOW\"}}")
                    .statusCode(200);
            send("DELETE", groupUploads, etag(groupUploads), null).statusCode(204);
            send("DELETE", "/api/v1/groups/" + groupId, etag("/api/v1/groups/" + groupId), null)
                    .statusCode(204);
        }
    }

    @Test
    void viewersReadAndOnlyAdminsWrite() {
        List<String> reads = List.of(
                "/api/v1/dlp/detectors",
                "/api/v1/dlp/detectors/payment-card",
                SETTINGS,
                "/api/v1/dlp/uploads",
                ORGANIZATION_UPLOADS);
        for (String path : reads) {
            given().auth().oauth2(Tokens.viewer()).get(path).then().statusCode(200);
            given().auth().oauth2(Tokens.noRole()).get(path).then().statusCode(403);
            given().get(path).then().statusCode(401);
        }
        List<List<String>> writes = List.of(
                List.of("POST", "/api/v1/dlp/detectors"),
                List.of("PUT", "/api/v1/dlp/detectors/payment-card"),
                List.of("DELETE", "/api/v1/dlp/detectors/kw-1"),
                List.of("PUT", "/api/v1/dlp/detectors/payment-card/groups/1"),
                List.of("DELETE", "/api/v1/dlp/detectors/payment-card/groups/1"),
                List.of("PUT", SETTINGS),
                List.of("PUT", ORGANIZATION_UPLOADS),
                List.of("PUT", "/api/v1/dlp/uploads/groups/1"),
                List.of("DELETE", "/api/v1/dlp/uploads/groups/1"));
        for (List<String> write : writes) {
            for (String token : List.of(Tokens.viewer(), Tokens.noRole())) {
                given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .header("If-Match", "\"0\"")
                        .body("{}")
                        .request(write.get(0), write.get(1))
                        .then()
                        .statusCode(403);
            }
            given().contentType(ContentType.JSON)
                    .body("{}")
                    .request(write.get(0), write.get(1))
                    .then()
                    .statusCode(401);
        }
    }
}
