package dev.promptgate.policy;

import static dev.promptgate.testing.AdminApi.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.promptgate.testing.AdminApi;
import dev.promptgate.testing.Management;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Service rules, groups, the blocklist and allowlist, and the preview that puts them together. */
@QuarkusTest
class PolicyApiTest {

    static String etagOf(String path) {
        return AdminApi.read(path).header("ETag");
    }

    static long createGroup(String name, String idpValue, int priority) {
        return send(
                        "POST",
                        "/api/v1/groups",
                        null,
                        """
                        {"name": "%s", "idpValue": "%s", "priority": %d}"""
                                .formatted(name, idpValue, priority))
                .statusCode(201)
                .extract()
                .<Number>path("id")
                .longValue();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void organizationRuleIsCreatedReplacedAndRemoved() {
        send(
                        "PUT",
                        "/api/v1/rules/organization/character-ai",
                        null,
                        """
                        {"action": "BLOCK", "message": "Not for work data",
                         "alternative": {"name": "Azure OpenAI", "url": "https://oai.azure.com"}}""")
                .statusCode(201)
                .header("Location", endsWith("/api/v1/rules/organization/character-ai"))
                .body("action", equalTo("BLOCK"))
                .body("groupId", nullValue())
                .body("alternative.name", equalTo("Azure OpenAI"));
        String etag = etagOf("/api/v1/rules/organization/character-ai");
        send("PUT", "/api/v1/rules/organization/character-ai", null, "{\"action\": \"WARN\"}")
                .statusCode(428);
        send(
                        "PUT",
                        "/api/v1/rules/organization/character-ai",
                        etag,
                        "{\"action\": \"WARN\", \"historyReminder\": true}")
                .statusCode(200)
                .body("action", equalTo("WARN"))
                .body("historyReminder", equalTo(true));
        send("PUT", "/api/v1/rules/organization/character-ai", etag, "{\"action\": \"ALLOW\"}")
                .statusCode(412);
        send(
                        "DELETE",
                        "/api/v1/rules/organization/character-ai",
                        etagOf("/api/v1/rules/organization/character-ai"),
                        null)
                .statusCode(204);
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/rules/organization/character-ai")
                .then()
                .statusCode(404);
    }

    @Test
    void groupRuleIsCreatedReplacedAndRemovedWithItsOwnLocation() {
        String name = unique("contractors");
        long group = createGroup(name, name, 5);
        String path = "/api/v1/rules/groups/" + group + "/character-ai";
        send("PUT", path, null, "{\"action\": \"BLOCK\"}")
                .statusCode(201)
                .header("Location", endsWith(path))
                .body("groupId", equalTo((int) group))
                .body("action", equalTo("BLOCK"));
        given().auth()
                .oauth2(Tokens.viewer())
                .contentType(ContentType.JSON)
                .body("{\"action\": \"ALLOW\"}")
                .put(path)
                .then()
                .statusCode(403);
        String etag = etagOf(path);
        send("PUT", path, null, "{\"action\": \"WARN\"}").statusCode(428);
        send("PUT", path, etag, "{\"action\": \"WARN\"}")
                .statusCode(200)
                .header("Location", nullValue())
                .body("action", equalTo("WARN"));
        send("DELETE", path, etag, null).statusCode(412);
        send("DELETE", path, etagOf(path), null).statusCode(204);
        given().auth().oauth2(Tokens.viewer()).get(path).then().statusCode(404);
    }

    @Test
    void organizationAndGroupRuleOperationsKeepTheirNamesParametersAndSecurityInTheOpenApiDocument() {
        JsonPath openApi = Management.given()
                .accept(ContentType.JSON)
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String organization = "/api/v1/rules/organization/{serviceKey}";
        String group = "/api/v1/rules/groups/{groupId}/{serviceKey}";
        assertOperation(
                openApi,
                organization,
                "get",
                "getOrganizationRule",
                "Get the organization-wide rule for a service",
                Map.of("serviceKey", "path"));
        assertOperation(
                openApi,
                organization,
                "put",
                "putOrganizationRule",
                "Set the organization-wide rule for a service",
                Map.of("serviceKey", "path", "If-Match", "header"));
        assertOperation(
                openApi,
                organization,
                "delete",
                "deleteOrganizationRule",
                "Remove the organization-wide rule; the default action applies again",
                Map.of("serviceKey", "path", "If-Match", "header"));
        assertOperation(
                openApi,
                group,
                "get",
                "getGroupRule",
                "Get a group's rule for a service",
                Map.of("groupId", "path", "serviceKey", "path"));
        assertOperation(
                openApi,
                group,
                "put",
                "putGroupRule",
                "Set a group's rule for a service, overriding the organization's",
                Map.of("groupId", "path", "serviceKey", "path", "If-Match", "header"));
        assertOperation(
                openApi,
                group,
                "delete",
                "deleteGroupRule",
                "Remove a group's rule; the organization's applies to the group again",
                Map.of("groupId", "path", "serviceKey", "path", "If-Match", "header"));
        for (String path : List.of(organization, group)) {
            String put = "paths.'" + path + "'.put";
            assertEquals(
                    "Creating needs no If-Match; replacing an existing rule needs the ETag of the last GET.",
                    openApi.getString(put + ".description"));
            assertEquals(
                    Set.of("200", "201"),
                    openApi.<String, Object>getMap(put + ".responses").keySet().stream()
                            .filter(code -> code.startsWith("2"))
                            .collect(Collectors.toSet()));
            assertNotNull(openApi.get(put + ".requestBody.content.'application/json'"), path);
            assertNotNull(openApi.get("paths.'" + path + "'.delete.responses.'204'"), path);
        }
    }

    /**
     * One operation's id, summary, parameters (its own and its path's, by name and place) and bearer requirement,
     * and the roles that may call it in x-roles (reads: admin and viewer; writes: admin only). Without it the operation would
     * be shown as public.
     */
    private static void assertOperation(
            JsonPath openApi,
            String path,
            String method,
            String operationId,
            String summary,
            Map<String, String> parameters) {
        String operation = "paths.'" + path + "'." + method;
        assertEquals(operationId, openApi.getString(operation + ".operationId"), operation);
        assertEquals(summary, openApi.getString(operation + ".summary"), operation);
        Map<String, String> found = new HashMap<>();
        for (String owner : List.of("paths.'" + path + "'", operation)) {
            List<Map<String, Object>> declared = openApi.getList(owner + ".parameters");
            if (declared != null) {
                declared.forEach(parameter -> found.put((String) parameter.get("name"), (String) parameter.get("in")));
            }
        }
        assertEquals(parameters, found, operation);
        List<String> roles = method.equals("get") ? List.of("admin", "viewer") : List.of("admin");
        assertEquals(List.of(Map.of("bearer", List.of())), openApi.getList(operation + ".security"), operation);
        assertEquals(roles, openApi.getList(operation + ".x-roles"), operation);
    }

    @Test
    void ruleForAnUnknownServiceOrWithABadActionIsRejected() {
        send("PUT", "/api/v1/rules/organization/no-such-service", null, "{\"action\": \"BLOCK\"}")
                .statusCode(404);
        send("PUT", "/api/v1/rules/organization/poe", null, "{\"action\": \"EXPLODE\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("action"));
        send(
                        "PUT",
                        "/api/v1/rules/organization/poe",
                        null,
                        """
                        {"action": "BLOCK", "alternative": {"name": "x", "url": "javascript:alert(1)"}}""")
                .statusCode(400)
                .body("errors.field", hasItem("alternative.url"));
    }

    @Test
    void groupRuleBeatsTheOrganizationRuleAndHigherPriorityBeatsLower() {
        String engineering = unique("eng");
        String research = unique("research");
        long eng = createGroup(engineering, engineering, 10);
        long res = createGroup(research, research, 20);
        send("PUT", "/api/v1/rules/organization/huggingchat", null, "{\"action\": \"BLOCK\"}")
                .statusCode(201);
        send("PUT", "/api/v1/rules/groups/" + eng + "/huggingchat", null, "{\"action\": \"WARN\"}")
                .statusCode(201);
        send("PUT", "/api/v1/rules/groups/" + res + "/huggingchat", null, "{\"action\": \"ALLOW\"}")
                .statusCode(201);

        JsonPath nobody = preview();
        assertService(nobody, "huggingchat", "BLOCK", "organization");
        assertService(preview(engineering), "huggingchat", "WARN", "group:" + engineering);
        assertService(preview(engineering, research), "huggingchat", "ALLOW", "group:" + research);

        send("DELETE", "/api/v1/groups/" + res, etagOf("/api/v1/groups/" + res), null)
                .statusCode(204);
        assertService(preview(engineering, research), "huggingchat", "WARN", "group:" + engineering);
    }

    @Test
    void unconfiguredServicesGetTheDefaultAction() {
        JsonPath policy = preview();
        String action = policy.getString("defaultServiceAction");
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/rules/organization/notebooklm")
                .then()
                .statusCode(404);
        assertService(policy, "notebooklm", action, "default");
    }

    @Test
    void blocklistAndAllowlistEntriesAreValidatedAndScoped() {
        String group = unique("contractors");
        long groupId = createGroup(group, group, 5);
        String pattern = unique("blocked") + ".example";
        send("POST", "/api/v1/blocklist", null, "{\"pattern\": \"" + pattern + "\", \"reason\": \"Unvetted\"}")
                .statusCode(201)
                .body("action", equalTo("BLOCK"));
        send("POST", "/api/v1/blocklist", null, "{\"pattern\": \"" + pattern + "\"}")
                .statusCode(409);
        send(
                        "POST",
                        "/api/v1/blocklist",
                        null,
                        """
                        {"pattern": "%s", "action": "WARN", "groupId": %d}"""
                                .formatted(pattern, groupId))
                .statusCode(201);
        send("POST", "/api/v1/allowlist", null, "{\"pattern\": \"docs." + pattern + "\"}")
                .statusCode(201)
                .body("action", nullValue());
        send("POST", "/api/v1/allowlist", null, "{\"pattern\": \"x.example\", \"action\": \"BLOCK\"}")
                .statusCode(400)
                .body("errors.field", hasItem("action"));
        send("POST", "/api/v1/blocklist", null, "{\"pattern\": \"http://\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("pattern"))
                .body("errors[0].message", not(equalTo("")));

        JsonPath everyone = preview();
        assertThatListHas(everyone, "blocklist", pattern, "organization");
        assertThatListHas(everyone, "allowlist", "docs." + pattern, "organization");
        JsonPath contractors = preview(group);
        assertThatListHas(contractors, "blocklist", pattern, "group:" + group);
    }

    @Test
    void eachListsOperationsAreNamedAfterItsListInTheOpenApiDocument() {
        ValidatableResponse openApi = Management.given()
                .accept(ContentType.JSON)
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200);
        for (String list : new String[] {"Blocklist", "Allowlist"}) {
            String path = "paths.'/api/v1/" + list.toLowerCase() + "'";
            String item = "paths.'/api/v1/" + list.toLowerCase() + "/{id}'";
            openApi.body(path + ".get.operationId", equalTo("list" + list))
                    .body(path + ".get.summary", equalTo("List " + list.toLowerCase() + " entries, by pattern"))
                    .body(
                            item + ".put.summary",
                            equalTo("Replace an entry of the " + list.toLowerCase() + " (If-Match required)"))
                    .body(path + ".get.tags", equalTo(java.util.List.of(list)))
                    .body(path + ".post.operationId", equalTo("create" + list + "Entry"))
                    .body(item + ".get.operationId", equalTo("get" + list + "Entry"))
                    .body(item + ".put.operationId", equalTo("update" + list + "Entry"))
                    .body(item + ".delete.operationId", equalTo("delete" + list + "Entry"));
        }
        openApi.body(
                        "paths.'/api/v1/blocklist'.post.requestBody.content.'application/json'.schema.$ref",
                        containsString("BlockInput"))
                .body(
                        "paths.'/api/v1/allowlist'.post.requestBody.content.'application/json'.schema.$ref",
                        containsString("AllowInput"));
    }

    @Test
    void settingsAreReadByViewersAndWrittenByAdminsWithIfMatch() {
        String etag = etagOf("/api/v1/settings");
        String body =
                """
                {"organizationName": "Acme Corp", "defaultServiceAction": "WARN", "unknownAiAction": "ACKNOWLEDGE",
                 "requireAcknowledgement": true, "acknowledgeEveryDays": 30}""";
        send("PUT", "/api/v1/settings", null, body).statusCode(428);
        send("PUT", "/api/v1/settings", etag, body)
                .statusCode(200)
                .body("organizationName", equalTo("Acme Corp"))
                .body("unknownAiAction", equalTo("ACKNOWLEDGE"));
        send("PUT", "/api/v1/settings", etag, body).statusCode(412);
        send("PUT", "/api/v1/settings", etagOf("/api/v1/settings"), body.replace("30", "0"))
                .statusCode(400)
                .body("errors.field", hasItem("acknowledgeEveryDays"));
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/settings")
                .then()
                .statusCode(200)
                .body("acknowledgeEveryDays", equalTo(30));
        given().auth()
                .oauth2(Tokens.viewer())
                .contentType(ContentType.JSON)
                .header("If-Match", etagOf("/api/v1/settings"))
                .body(body)
                .put("/api/v1/settings")
                .then()
                .statusCode(403);
    }

    @Test
    void duplicateGroupNamesAndIdpValuesConflict() {
        String name = unique("dup");
        createGroup(name, name, 1);
        send(
                        "POST",
                        "/api/v1/groups",
                        null,
                        "{\"name\": \"" + name.toUpperCase() + "\", \"idpValue\": \"other-" + name
                                + "\", \"priority\": 1}")
                .statusCode(409)
                .body("detail", containsString("exists"));
        send(
                        "POST",
                        "/api/v1/groups",
                        null,
                        "{\"name\": \"other-" + name + "\", \"idpValue\": \"" + name + "\", \"priority\": 1}")
                .statusCode(409);
    }

    static JsonPath preview(String... groups) {
        var request = given().auth().oauth2(Tokens.viewer());
        for (String group : groups) {
            request.queryParam("group", group);
        }
        return request.get("/api/v1/policy/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static void assertService(JsonPath policy, String key, String action, String decidedBy) {
        org.junit.jupiter.api.Assertions.assertEquals(
                action, policy.getString("services.find { it.key == '" + key + "' }.action"), key + " action");
        org.junit.jupiter.api.Assertions.assertEquals(
                decidedBy, policy.getString("services.find { it.key == '" + key + "' }.decidedBy"), key + " decidedBy");
    }

    static void assertThatListHas(JsonPath policy, String list, String pattern, String scope) {
        org.junit.jupiter.api.Assertions.assertTrue(
                policy.getList(list + ".findAll { it.pattern == '" + pattern + "' }.scope")
                        .contains(scope),
                list + " has " + pattern + " for " + scope + ": " + policy.getList(list));
    }
}
