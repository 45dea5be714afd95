package dev.promptgate.policy.tenant;

import static dev.promptgate.testing.AdminApi.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.promptgate.identity.IdentityResolver;
import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tenant restrictions through the admin API into the bundle: the vendor's header with the allowed ids, per-vendor
 * id checks (header injection refused), group overrides for the group's people only, roles, and the audit log.
 */
@QuarkusTest
class TenantRestrictionApiTest {

    static final String WORKSPACE = "3f1c2a9e-6b7d-4e21-9a0c-5d8e7f6a1b2c";
    static final String API = "/api/v1/tenant-restrictions/";

    static JsonNode bundle(String enrollment, String userToken) throws Exception {
        var request = Client.request(enrollment);
        if (userToken != null) {
            request.header(IdentityResolver.USER_TOKEN_HEADER, userToken);
        }
        return new ObjectMapper()
                .readTree(request.get("/api/v1/client/policy")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
    }

    static JsonNode restrictionFor(JsonNode bundle, String service) {
        for (JsonNode r : bundle.path("tenantRestrictions")) {
            if (r.path("service").asText().equals(service)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void chatGptRestrictedToOneWorkspaceReachesTheBundleAndLeavesWhenTurnedOff() throws Exception {
        String enrollment = Enrollment.newToken("tenant-test");
        String etag = send(
                        "PUT",
                        API + "chatgpt",
                        null,
                        """
                        {"enabled": true, "allowedIds": ["%s"]}""".formatted(WORKSPACE))
                .statusCode(201)
                .header("Location", endsWith(API + "chatgpt"))
                .body("allowedIds", equalTo(List.of(WORKSPACE)))
                .extract()
                .header("ETag");
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> restrictionFor(bundle(enrollment, null), "chatgpt") != null);
            JsonNode bundle = bundle(enrollment, null);
            JsonNode chatgpt = restrictionFor(bundle, "chatgpt");
            assertEquals("ChatGPT-Allowed-Workspace-Id", chatgpt.get("header").asText());
            assertEquals(WORKSPACE, chatgpt.get("value").asText());
            assertEquals("chatgpt.com", chatgpt.get("hosts").get(0).asText());
            List<String> types = new ObjectMapper().convertValue(chatgpt.get("resourceTypes"), List.class);
            assertTrue(
                    types.containsAll(List.of("main_frame", "sub_frame", "xmlhttprequest", "websocket", "other")),
                    types.toString());
            assertEquals(
                    "chatgpt.com/backend-anon",
                    chatgpt.get("blockedWhenOn").get(0).asText());
            var errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Files.readString(Path.of("docs/policy-bundle.schema.json")))
                    .validate(bundle);
            assertTrue(errors.isEmpty(), errors.toString());

            given().auth()
                    .oauth2(Tokens.admin())
                    .get("/api/v1/policy/preview")
                    .then()
                    .statusCode(200)
                    .body("tenantRestrictions.find { it.serviceKey == 'chatgpt' }.decidedBy", equalTo("organization"));

            send(
                            "PUT",
                            API + "chatgpt",
                            etag,
                            """
                            {"enabled": false, "allowedIds": ["%s"]}"""
                                    .formatted(WORKSPACE))
                    .statusCode(200)
                    .body("enabled", equalTo(false));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> restrictionFor(bundle(enrollment, null), "chatgpt") == null);
        } finally {
            send(
                            "DELETE",
                            API + "chatgpt",
                            given().auth()
                                    .oauth2(Tokens.admin())
                                    .get(API + "chatgpt")
                                    .header("ETag"),
                            null)
                    .statusCode(204);
        }
        send("GET", API + "chatgpt", null, null).statusCode(200).body("organization", nullValue());
        JsonPath audit = given().auth()
                .oauth2(Tokens.admin())
                .queryParam("entityType", "tenant-restriction")
                .queryParam("entityId", "chatgpt")
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(audit.getList("items.action").containsAll(List.of("create", "update", "delete")), audit.prettify());
    }

    @Test
    void aReplaceNeedsTheCurrentEtag() {
        send("PUT", API + "anthropic-check", null, "{\"enabled\": true, \"allowedIds\": [\"" + WORKSPACE + "\"]}")
                .statusCode(404);
        String etag = send(
                        "PUT",
                        API + "openai-platform",
                        null,
                        """
                        {"enabled": false, "allowedIds": ["org-AbC123"]}""")
                .statusCode(201)
                .extract()
                .header("ETag");
        try {
            send("PUT", API + "openai-platform", null, "{\"enabled\": true, \"allowedIds\": [\"org-AbC123\"]}")
                    .statusCode(428);
            send("PUT", API + "openai-platform", "\"999\"", "{\"enabled\": true, \"allowedIds\": [\"org-AbC123\"]}")
                    .statusCode(412);
        } finally {
            send("DELETE", API + "openai-platform", etag, null).statusCode(204);
        }
    }

    @Test
    void idsInTheWrongFormatOrWithHeaderInjectionAreRefusedAndNothingIsStored() {
        assertRefused("chatgpt", "[\"" + WORKSPACE + "\\r\\nX-Evil: 1\"]", "allowedIds[0]", "line breaks");
        assertRefused("chatgpt", "[\"" + WORKSPACE + "\\nX-Evil: 1\"]", "allowedIds[0]", "line breaks");
        assertRefused(
                "chatgpt",
                "[\"" + WORKSPACE + "," + WORKSPACE.replace('3', '4') + "\"]",
                "allowedIds[0]",
                "without commas");
        assertRefused("chatgpt", "[\"org-AbC123\"]", "allowedIds[0]", "must be a UUID");
        assertRefused(
                "chatgpt", "[\"" + WORKSPACE + "\", \"" + WORKSPACE.toUpperCase() + "\"]", "allowedIds[1]", "twice");
        assertRefused("chatgpt", "[]", "allowedIds", null);
        assertRefused("openai-platform", "[\"org-abc def\"]", "allowedIds[0]", "OpenAI organization id");
        assertRefused("gemini", "[\"Example.com\"]", "allowedIds[0]", "domain name");
        assertRefused("github-copilot", "[\"my-enterprise\"]", "allowedIds[0]", "digits");
        String entra = WORKSPACE + ":" + UUID.randomUUID();
        assertRefused("microsoft-365-copilot", "[\"" + WORKSPACE + "\"]", "allowedIds[0]", "joined by a colon");
        assertRefused(
                "microsoft-365-copilot",
                "[\"" + entra + "\", \"" + WORKSPACE + ":" + UUID.randomUUID() + "\"]",
                "allowedIds",
                "exactly one");
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"enabled\": true}")
                .put(API + "chatgpt")
                .then()
                .statusCode(400);
        for (String service :
                List.of("chatgpt", "openai-platform", "gemini", "github-copilot", "microsoft-365-copilot")) {
            send("GET", API + service, null, null).statusCode(200).body("organization", nullValue());
        }
        assertFalse(given().auth()
                .oauth2(Tokens.admin())
                .queryParam("entityType", "tenant-restriction")
                .queryParam("entityId", "microsoft-365-copilot")
                .get("/api/v1/audit")
                .then()
                .extract()
                .jsonPath()
                .getList("items")
                .iterator()
                .hasNext());
        send("PUT", API + "midjourney", null, "{\"enabled\": true, \"allowedIds\": [\"" + WORKSPACE + "\"]}")
                .statusCode(404)
                .body("detail", containsString("documents no tenant restriction"));
    }

    static void assertRefused(String service, String ids, String field, String message) {
        var response = send("PUT", API + service, null, "{\"enabled\": true, \"allowedIds\": " + ids + "}")
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem(field));
        if (message != null) {
            response.body("errors.message", hasItem(containsString(message)));
        }
    }

    @Test
    void aGroupOverrideAppliesToThatGroupsPeopleOnly() throws Exception {
        String idp = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        long groupId = send(
                        "POST",
                        "/api/v1/groups",
                        null,
                        """
                        {"name": "%s", "idpValue": "%s", "priority": 40}"""
                                .formatted(idp, idp))
                .statusCode(201)
                .extract()
                .<Number>path("id")
                .longValue();
        send("PUT", API + "claude/groups/" + groupId, null, "{\"enabled\": true}")
                .statusCode(409)
                .body("detail", containsString("first"));
        String etag = send(
                        "PUT",
                        API + "claude",
                        null,
                        """
                        {"enabled": false, "allowedIds": ["%s"]}""".formatted(WORKSPACE))
                .statusCode(201)
                .extract()
                .header("ETag");
        try {
            send("PUT", API + "claude/groups/" + groupId, null, "{\"enabled\": true}")
                    .statusCode(201)
                    .body("groupName", equalTo(idp))
                    .body("enabled", equalTo(true));
            String enrollment = Enrollment.newToken("tenant-group-test");
            String member = Tokens.user("gwen", List.of(), List.of(idp));
            String other = Tokens.user("olaf", List.of(), List.of("someone-else"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> restrictionFor(bundle(enrollment, member), "claude") != null);
            JsonNode claude = restrictionFor(bundle(enrollment, member), "claude");
            assertEquals("anthropic-allowed-org-ids", claude.get("header").asText());
            assertEquals(
                    List.of("claude.ai", "api.anthropic.com"),
                    new ObjectMapper().convertValue(claude.get("hosts"), List.class));
            assertEquals(null, restrictionFor(bundle(enrollment, other), "claude"));
            assertEquals(null, restrictionFor(bundle(enrollment, null), "claude"));
            send("GET", API + "claude", null, null)
                    .statusCode(200)
                    .body("organization.enabled", equalTo(false))
                    .body("groups.groupId", equalTo(List.of((int) groupId)))
                    .body("mechanism.source.url", equalTo("https://support.claude.com/en/articles/13198485"))
                    .body("mechanism.source.reviewedOn", equalTo("2026-12-02"));
            given().auth()
                    .oauth2(Tokens.admin())
                    .get("/api/v1/policy/preview?group=" + idp)
                    .then()
                    .statusCode(200)
                    .body("tenantRestrictions.find { it.serviceKey == 'claude' }.decidedBy", equalTo("group:" + idp));
        } finally {
            send(
                            "DELETE",
                            API + "claude",
                            given().auth()
                                    .oauth2(Tokens.admin())
                                    .get(API + "claude")
                                    .header("ETag"),
                            null)
                    .statusCode(204);
        }
        send("GET", API + "claude", null, null).statusCode(200).body("groups", empty());
    }

    @Test
    void everyServiceWithADocumentedHeaderIsListedWithItsSource() {
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/tenant-restrictions")
                .then()
                .statusCode(200)
                .body(
                        "serviceKey",
                        hasItems(
                                "chatgpt",
                                "claude",
                                "openai-platform",
                                "gemini",
                                "github-copilot",
                                "microsoft-365-copilot"))
                .body("serviceKey", not(hasItem("midjourney")))
                .body("mechanism.source.reviewedOn", not(hasItem(nullValue())))
                .body("find { it.serviceKey == 'chatgpt' }.mechanism.header", equalTo("ChatGPT-Allowed-Workspace-Id"));
    }

    @Test
    void theReviewReportListsUnverifiedTenantRestrictions() {
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/catalog/review")
                .then()
                .statusCode(200)
                .body("unverified.find { it.serviceKey == 'openai-platform' }.facts.fact", hasItem("tenantRestriction"))
                .body("unverified.find { it.serviceKey == 'claude' }.facts.fact", not(hasItem("tenantRestriction")));
    }

    @Test
    void onlyAdminsChangeTenantRestrictions() {
        String body = "{\"enabled\": true, \"allowedIds\": [\"" + WORKSPACE + "\"]}";
        for (String token : List.of(Tokens.viewer(), Tokens.noRole())) {
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .put(API + "chatgpt")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{\"enabled\": true}")
                    .put(API + "chatgpt/groups/1")
                    .then()
                    .statusCode(403);
            given().auth().oauth2(token).delete(API + "chatgpt").then().statusCode(403);
            given().auth().oauth2(token).delete(API + "chatgpt/groups/1").then().statusCode(403);
        }
        given().auth().oauth2(Tokens.noRole()).get(API).then().statusCode(403);
        given().contentType(ContentType.JSON)
                .body(body)
                .put(API + "chatgpt")
                .then()
                .statusCode(401);
        given().get(API + "chatgpt").then().statusCode(401);
        given().auth().oauth2(Tokens.viewer()).get(API + "chatgpt").then().statusCode(200);
    }
}
