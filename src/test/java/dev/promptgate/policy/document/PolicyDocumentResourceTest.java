package dev.promptgate.policy.document;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.promptgate.policy.filter.InvalidUrlFilterException;
import dev.promptgate.policy.filter.UrlFilter;
import dev.promptgate.policy.group.PolicyGroup;
import dev.promptgate.policy.guideline.GuidelineRenderer;
import dev.promptgate.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Policy as code over HTTP. All test classes share one database, so every test starts from the policy as it is,
 * adds its own uniquely named things, and the policy found at the start is applied again at the end.
 */
@QuarkusTest
class PolicyDocumentResourceTest {

    static final String POLICY = "/api/v1/policy";
    static final String YAML_TYPE = "application/yaml";
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static String snapshot;

    @Inject
    EntityManager em;

    /** One export: the body exactly as sent, and its ETag. */
    record Export(String body, String etag) {
        ObjectNode doc() {
            try {
                return (ObjectNode) JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeAll
    static void rememberThePolicy() {
        onTestPort(() -> snapshot = export().body());
    }

    @AfterAll
    static void applyTheRememberedPolicyAgain() {
        onTestPort(() -> {
            ObjectNode remembered = (ObjectNode) readTree(snapshot);
            // A published guideline cannot be withdrawn, so the current one stays.
            JsonNode guidelines = export().doc().get("guidelines");
            if (guidelines == null) {
                remembered.remove("guidelines");
            } else {
                remembered.set("guidelines", guidelines);
            }
            put(remembered, export().etag(), false).statusCode(200);
            assertEquals(remembered, export().doc());
        });
    }

    /** RestAssured knows the random test port only around each test; this is for before and after all of them. */
    static void onTestPort(Runnable calls) {
        int port = RestAssured.port;
        RestAssured.port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        try {
            calls.run();
        } finally {
            RestAssured.port = port;
        }
    }

    static Export export() {
        var response = given().auth()
                .oauth2(Tokens.admin())
                .get(POLICY)
                .then()
                .statusCode(200)
                .extract();
        return new Export(response.asString(), response.header("ETag"));
    }

    static ValidatableResponse put(Object document, String ifMatch, boolean dryRun) {
        return send(Tokens.admin(), ContentType.JSON.toString(), document.toString(), ifMatch, dryRun);
    }

    static ValidatableResponse putYaml(String document, String ifMatch, boolean dryRun) {
        return send(Tokens.admin(), YAML_TYPE, document, ifMatch, dryRun);
    }

    static ValidatableResponse send(String token, String type, String body, String ifMatch, boolean dryRun) {
        var request = given().auth()
                .oauth2(token)
                .contentType(type)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .queryParam("dryRun", dryRun);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put(POLICY).then();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ObjectNode object(JsonNode node, String field) {
        return (ObjectNode) node.get(field);
    }

    static ArrayNode array(JsonNode node, String field) {
        return (ArrayNode) node.get(field);
    }

    static void addGroup(ObjectNode doc, String name) {
        array(doc, "groups")
                .addObject()
                .put("name", name)
                .put("idpValue", "idp-" + name)
                .put("priority", 7);
    }

    static ObjectNode groupRules(ObjectNode doc, String group) {
        ObjectNode groups = object(object(doc, "rules"), "groups");
        return groups.has(group) ? object(groups, group) : groups.putObject(group);
    }

    static ObjectNode customService(String host) {
        ObjectNode service = JSON.createObjectNode()
                .put("name", "Test chat " + host)
                .put("vendor", "Test")
                .put("category", "TEXT")
                .put("risk", "HIGH");
        service.putArray("hosts").add(host);
        service.putArray("inputSelectors").add("textarea");
        service.putObject("dataPolicy").put("trainsOnInputsByDefault", true).putArray("historySteps");
        return service;
    }

    static int nextAcknowledgeEveryDays(ObjectNode doc) {
        return object(doc, "settings").get("acknowledgeEveryDays").asInt() % 3650 + 1;
    }

    /** The changes of an answer as "op kind key". */
    static List<String> changes(JsonPath answer) {
        List<Map<String, Object>> changes = answer.getList("changes");
        return changes.stream()
                .map(c -> c.get("op") + " " + c.get("kind") + " " + c.get("key"))
                .collect(Collectors.toList());
    }

    static long auditEntries() {
        return given().auth()
                .oauth2(Tokens.admin())
                .queryParam("size", 1)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("total")
                .longValue();
    }

    @Test
    void theExportIsTheSameBytesEveryTimeUnderAStrongEtag() {
        Export first = export();
        var second = given().auth()
                .oauth2(Tokens.viewer())
                .get(POLICY)
                .then()
                .statusCode(200)
                .extract();
        assertEquals(first.body(), second.asString());
        assertEquals(first.etag(), second.header("ETag"));
        assertTrue(first.etag().matches("\"[0-9a-f]{64}\""), first.etag());
        assertEquals(1, first.doc().get("schemaVersion").asInt());
        assertTrue(second.contentType().startsWith("application/json"), second.contentType());
        given().auth()
                .oauth2(Tokens.BOOTSTRAP)
                .get(POLICY)
                .then()
                .statusCode(200)
                .header("ETag", first.etag());
    }

    @Test
    void applyingTheExportAgainChangesNothing() {
        Export before = export();
        put(before.body(), null, true)
                .statusCode(200)
                .body("dryRun", equalTo(true))
                .body("changes", empty());
        long audited = auditEntries();
        put(before.body(), before.etag(), false)
                .statusCode(200)
                .header("ETag", before.etag())
                .body("dryRun", equalTo(false))
                .body("changes", empty())
                .body("policy.schemaVersion", equalTo(1));
        assertEquals(audited, auditEntries(), "an apply that changes nothing writes nothing");
        assertEquals(before, export());
    }

    @Test
    void theYamlExportReadsBackAsTheSamePolicy() throws JsonProcessingException {
        Export json = export();
        var yaml = given().auth()
                .oauth2(Tokens.viewer())
                .accept(YAML_TYPE)
                .get(POLICY)
                .then()
                .statusCode(200)
                .contentType(YAML_TYPE)
                .header("ETag", json.etag())
                .extract()
                .asString();
        String byParameter = given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("format", "yaml")
                .get(POLICY)
                .then()
                .statusCode(200)
                .contentType(YAML_TYPE)
                .extract()
                .asString();
        assertEquals(yaml, byParameter);
        assertEquals(JSON.readTree(json.body()), YAML.readTree(yaml));
        putYaml(yaml, null, true).statusCode(200).body("changes", empty());

        ObjectNode doc = (ObjectNode) YAML.readTree(yaml);
        String group = unique("yaml");
        addGroup(doc, group);
        String answer = given().auth()
                .oauth2(Tokens.admin())
                .contentType(YAML_TYPE)
                .accept(YAML_TYPE)
                .header("If-Match", json.etag())
                .body(YAML.writeValueAsBytes(doc))
                .put(POLICY)
                .then()
                .statusCode(200)
                .contentType(YAML_TYPE)
                .extract()
                .asString();
        JsonNode applied = YAML.readTree(answer);
        assertEquals("add", applied.at("/changes/0/op").asText());
        assertEquals(group, applied.at("/changes/0/key").asText());
        assertEquals(1, applied.get("changes").size());
        assertTrue(export().body().contains("\"" + group + "\""));
    }

    @Test
    void aDryRunListsTheChangesAndChangesNothing() {
        Export before = export();
        ObjectNode doc = before.doc();
        String group = unique("dry");
        addGroup(doc, group);
        groupRules(doc, group).putObject("deepseek").put("action", "BLOCK");
        String pattern = unique("dry") + ".example";
        array(doc, "blocklist").addObject().put("pattern", pattern).put("reason", "Unvetted");
        object(doc, "settings").put("acknowledgeEveryDays", nextAcknowledgeEveryDays(doc));
        ArrayNode disabled = array(doc, "disabledBuiltInServices");
        boolean grokWasDisabled = false;
        for (int i = 0; i < disabled.size(); i++) {
            if (disabled.get(i).asText().equals("grok")) {
                disabled.remove(i);
                grokWasDisabled = true;
            }
        }
        if (!grokWasDisabled) {
            disabled.add("grok");
        }

        JsonPath answer = put(doc, null, true).statusCode(200).extract().jsonPath();

        assertEquals(
                List.of(
                        "update settings acknowledgeEveryDays",
                        "add group " + group,
                        "update service grok",
                        "add rule group:" + group + "/deepseek",
                        "add blocklist organization/" + pattern),
                changes(answer));
        assertEquals(!grokWasDisabled, answer.getBoolean("changes[2].before.enabled"));
        assertEquals("BLOCK", answer.getString("changes[4].after.action"));
        assertNull(answer.get("policy"));
        assertEquals(before, export());
    }

    @Test
    void applyingMakesThePolicyWhatTheDocumentDeclaresAndRemovesTheRest() {
        // Made through the admin API, then left out of the document.
        String oldGroup = unique("old");
        long oldGroupId = admin(
                        "POST",
                        "/api/v1/groups",
                        """
                        {"name": "%s", "idpValue": "%s", "priority": 3}"""
                                .formatted(oldGroup, oldGroup))
                .statusCode(201)
                .extract()
                .<Number>path("id")
                .longValue();
        admin("PUT", "/api/v1/rules/groups/" + oldGroupId + "/perplexity", "{\"action\": \"WARN\"}")
                .statusCode(201);
        String oldPattern = unique("old") + ".example";
        long oldEntry = admin("POST", "/api/v1/blocklist", "{\"pattern\": \"" + oldPattern + "\"}")
                .statusCode(201)
                .extract()
                .<Number>path("id")
                .longValue();
        admin("POST", "/api/v1/blocklist", "{\"pattern\": \"%s\", \"groupId\": %d}".formatted(oldPattern, oldGroupId))
                .statusCode(201);
        String oldService = unique("old-chat");
        admin(
                        "PUT",
                        "/api/v1/services/" + oldService,
                        customService(oldService + ".example").toString())
                .statusCode(201);
        admin("PUT", "/api/v1/rules/organization/" + oldService, "{\"action\": \"BLOCK\"}")
                .statusCode(201);

        Export before = export();
        ObjectNode doc = before.doc();
        ArrayNode groups = array(doc, "groups");
        for (int i = groups.size() - 1; i >= 0; i--) {
            if (groups.get(i).get("name").asText().equals(oldGroup)) {
                groups.remove(i);
            }
        }
        object(object(doc, "rules"), "groups").remove(oldGroup);
        ArrayNode blocklist = array(doc, "blocklist");
        for (int i = blocklist.size() - 1; i >= 0; i--) {
            if (blocklist.get(i).get("pattern").asText().equals(oldPattern)) {
                blocklist.remove(i);
            }
        }
        object(doc, "customServices").remove(oldService);
        object(object(doc, "rules"), "organization").remove(oldService);

        String newGroup = unique("new");
        addGroup(doc, newGroup);
        String newService = unique("new-chat");
        object(doc, "customServices").set(newService, customService(newService + ".example"));
        object(object(doc, "rules"), "organization")
                .putObject(newService)
                .put("action", "ACKNOWLEDGE")
                .put("message", "Read the guidelines first");
        groupRules(doc, newGroup)
                .putObject("deepseek")
                .put("action", "ALLOW")
                .put("historyReminder", true)
                .putObject("alternative")
                .put("name", "Internal chat")
                .put("url", "https://chat.internal.example");
        String allowed = "docs." + unique("new") + ".example";
        array(doc, "allowlist").addObject().put("pattern", allowed).put("group", newGroup);
        String organization = unique("Org");
        object(doc, "settings").put("organizationName", organization);
        ArrayNode disabled = array(doc, "disabledBuiltInServices");
        boolean metaWasEnabled = true;
        for (JsonNode key : disabled) {
            metaWasEnabled &= !key.asText().equals("meta-ai");
        }
        if (metaWasEnabled) {
            disabled.add("meta-ai");
        }

        var answer = put(doc, before.etag(), false).statusCode(200).extract();

        List<String> changes = changes(answer.jsonPath());
        assertTrue(
                changes.containsAll(List.of(
                        "update settings organizationName",
                        "remove group " + oldGroup,
                        "add group " + newGroup,
                        "remove service " + oldService,
                        "add service " + newService,
                        "remove rule group:" + oldGroup + "/perplexity",
                        "remove rule organization/" + oldService,
                        "add rule organization/" + newService,
                        "add rule group:" + newGroup + "/deepseek",
                        "remove blocklist organization/" + oldPattern,
                        "remove blocklist group:" + oldGroup + "/" + oldPattern,
                        "add allowlist group:" + newGroup + "/" + allowed)),
                changes.toString());
        assertEquals(metaWasEnabled ? 13 : 12, changes.size(), changes.toString());
        Export after = export();
        assertEquals(answer.header("ETag"), after.etag());
        assertEquals(after.doc(), readTree(answer.asString()).get("policy"));

        admin("GET", "/api/v1/groups/" + oldGroupId, null).statusCode(404);
        admin("GET", "/api/v1/blocklist/" + oldEntry, null).statusCode(404);
        admin("GET", "/api/v1/services/" + oldService, null).statusCode(404);
        admin("GET", "/api/v1/services/" + newService, null).statusCode(200).body("builtIn", equalTo(false));
        admin("GET", "/api/v1/services/meta-ai", null).statusCode(200).body("enabled", equalTo(false));
        admin("GET", "/api/v1/settings", null).statusCode(200).body("organizationName", equalTo(organization));
        JsonPath preview = given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("group", "idp-" + newGroup)
                .get("/api/v1/policy/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("group:" + newGroup, preview.getString("services.find { it.key == 'deepseek' }.decidedBy"));
        assertEquals("ACKNOWLEDGE", preview.getString("services.find { it.key == '" + newService + "' }.action"));
        assertTrue(preview.getList("allowlist.pattern").contains(allowed));
        assertFalse(preview.getList("blocklist.pattern").contains(oldPattern));
    }

    @Test
    void eachApplyIsOneAuditEntryWithThePolicyBeforeAndAfter() {
        Export before = export();
        ObjectNode doc = before.doc();
        String group = unique("audited");
        addGroup(doc, group);
        array(doc, "blocklist").addObject().put("pattern", group + ".example").put("group", group);
        long audited = auditEntries();

        String etag = put(doc, before.etag(), false).statusCode(200).extract().header("ETag");

        assertEquals(audited + 1, auditEntries());
        JsonPath newest = given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("size", 1)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("policy", newest.getString("items[0].entityType"));
        assertEquals("apply", newest.getString("items[0].action"));
        assertEquals("alice", newest.getString("items[0].actor"));
        assertEquals(etag.replace("\"", ""), newest.getString("items[0].entityId"));
        assertFalse(newest.getList("items[0].before.groups.name").contains(group));
        assertTrue(newest.getList("items[0].after.groups.name").contains(group));
    }

    @Test
    void applyingNeedsTheEtagOfThePolicyItWasWrittenAgainst() {
        Export before = export();
        ObjectNode doc = before.doc();
        addGroup(doc, unique("etag"));

        put(doc, null, false).statusCode(428).contentType("application/problem+json");
        put(doc, "\"" + "0".repeat(64) + "\"", false).statusCode(412).contentType("application/problem+json");
        put(doc, "*", false).statusCode(412);
        put(doc, "\"stale\"", true).statusCode(412);
        put(doc, null, true).statusCode(200);
        assertEquals(before, export());
    }

    @Test
    void viewersReadThePolicyButCannotApplyIt() {
        Export export = export();
        given().auth().oauth2(Tokens.viewer()).get(POLICY).then().statusCode(200);
        send(Tokens.viewer(), ContentType.JSON.toString(), export.body(), export.etag(), false)
                .statusCode(403);
        send(Tokens.viewer(), ContentType.JSON.toString(), export.body(), null, true)
                .statusCode(403);
    }

    @Test
    void aDocumentThatFailsLateIsRejectedWholeWithEveryProblem() {
        Export before = export();
        ObjectNode doc = before.doc();
        addGroup(doc, unique("fine"));
        object(doc, "settings").put("acknowledgeEveryDays", nextAcknowledgeEveryDays(doc));
        String undefinedGroup = unique("undefined");
        groupRules(doc, undefinedGroup).putObject("chatgpt").put("action", "BLOCK");
        object(object(doc, "rules"), "organization")
                .putObject("no-such-service")
                .put("action", "BLOCK");
        ArrayNode blocklist = array(doc, "blocklist");
        int first = blocklist.size();
        String pattern = unique("twice") + ".example";
        blocklist.addObject().put("pattern", pattern);
        blocklist.addObject().put("pattern", pattern).put("action", "WARN");
        blocklist.addObject().put("pattern", "http://");
        String urlFilterMessage = urlFilterMessage("http://");

        JsonPath problem = put(doc, before.etag(), false)
                .statusCode(400)
                .contentType("application/problem+json")
                .extract()
                .jsonPath();

        List<Map<String, String>> errors = problem.getList("errors");
        Map<String, String> byField = errors.stream()
                .collect(Collectors.toMap(e -> e.get("field"), e -> e.get("message"), (a, b) -> a + "; " + b));
        assertEquals(
                java.util.Set.of(
                        "rules.groups." + undefinedGroup,
                        "rules.organization.no-such-service",
                        "blocklist[" + (first + 1) + "].pattern",
                        "blocklist[" + (first + 2) + "].pattern"),
                byField.keySet());
        assertEquals(urlFilterMessage, byField.get("blocklist[" + (first + 2) + "].pattern"));
        put(doc, null, true).statusCode(400);
        assertEquals(before, export());
    }

    @Test
    void whenTheLastPartFailsEverythingWrittenBeforeIsRolledBack() throws JsonProcessingException {
        Export before = export();
        String group = unique("rolled-back");
        ObjectNode doc = before.doc();
        addGroup(doc, group);
        groupRules(doc, group).putObject("chatgpt").put("action", "BLOCK");
        object(object(doc, "rules"), "organization")
                .putObject("mistral-le-chat")
                .put("action", "WARN");
        array(doc, "blocklist").addObject().put("pattern", group + ".example").put("group", group);
        String service = unique("rolled-back-chat");
        object(doc, "customServices").set(service, customService(service + ".example"));
        object(doc, "settings").put("acknowledgeEveryDays", nextAcknowledgeEveryDays(doc));
        // Guidelines are applied last; Markdown nested deeper than the renderer takes fails only then.
        doc.putObject("guidelines")
                .put("title", unique("Guideline"))
                .put("markdown", ">".repeat(GuidelineRenderer.MAX_NESTING + 10) + " too deep\n");
        long audited = auditEntries();

        put(doc, before.etag(), false).statusCode(400).contentType("application/problem+json");

        assertEquals(before, export());
        assertEquals(audited, auditEntries());
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> PolicyGroup.count("name", group)));
        admin("GET", "/api/v1/services/" + service, null).statusCode(404);
    }

    @Test
    void changedGuidelinesArePublishedAsTheirNextVersion() throws JsonProcessingException {
        Export before = export();
        String yaml = given().auth()
                .oauth2(Tokens.viewer())
                .accept(YAML_TYPE)
                .get(POLICY)
                .asString();
        assertEquals(JSON.readTree(before.body()), YAML.readTree(yaml));

        ObjectNode doc = before.doc();
        PolicyDocument.Guidelines next =
                new PolicyDocument.Guidelines(unique("New guideline"), "# New\n\n- Never paste secrets\n");
        doc.set("guidelines", JSON.valueToTree(next));
        JsonPath preview = put(doc, null, true).statusCode(200).extract().jsonPath();
        assertEquals(
                List.of((before.doc().has("guidelines") ? "update" : "add") + " guidelines current"), changes(preview));
        assertEquals(next.markdown(), preview.getString("changes[0].after.markdown"));

        put(doc, before.etag(), false).statusCode(200).body("policy.guidelines.title", equalTo(next.title()));
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/guidelines/current")
                .then()
                .statusCode(200)
                .body("title", equalTo(next.title()))
                .body("markdown", equalTo(next.markdown()))
                .body("html", org.hamcrest.Matchers.containsString("<li>Never paste secrets</li>"));
        String markdownYaml = given().auth()
                .oauth2(Tokens.viewer())
                .accept(YAML_TYPE)
                .get(POLICY)
                .asString();
        assertTrue(markdownYaml.contains("markdown: |"), "Markdown is written as a YAML block:\n" + markdownYaml);

        doc.remove("guidelines");
        put(doc, null, true).statusCode(400).body("errors.field", hasItem("guidelines"));
    }

    @Test
    void theExportCarriesTheCurrentPublishedGuideline() {
        String title = unique("Published guideline");
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("insert into guideline (status, guideline_version, title, markdown,"
                                + " html, created_by, published_at, published_by)"
                                + " select 'PUBLISHED', coalesce(max(guideline_version), 0) + 1, ?1, ?2,"
                                + " '<h1>Rules</h1>', 'test', now(), 'test' from guideline")
                        .setParameter(1, title)
                        .setParameter(2, "# Rules\n")
                        .executeUpdate());

        Export export = export();
        assertEquals(title, export.doc().at("/guidelines/title").asText());
        assertEquals("# Rules\n", export.doc().at("/guidelines/markdown").asText());
        put(export.body(), null, true).statusCode(200).body("changes", empty());
    }

    @Test
    void malformedPartsAreNamedByTheirPathInTheDocument() {
        ObjectNode doc = export().doc();
        String group = unique("shape");
        addGroup(doc, group);
        groupRules(doc, group).putObject("chatgpt").put("message", "no action given");
        int index = array(doc, "blocklist").size();
        array(doc, "blocklist").addObject().put("pattern", "");

        put(doc, null, true)
                .statusCode(400)
                .body(
                        "errors.field",
                        hasItems("rules.groups." + group + ".chatgpt.action", "blocklist[" + index + "].pattern"));

        groupRules(doc, group).putObject("chatgpt").put("action", "EXPLODE");
        put(doc, null, true).statusCode(400).body("errors.field", hasItem("rules.groups." + group + ".chatgpt.action"));

        ObjectNode wrongVersion = export().doc().put("schemaVersion", 2);
        put(wrongVersion, null, true).statusCode(400).body("errors.field", hasItem("schemaVersion"));
    }

    @Test
    void unknownFieldsAreRejectedInJsonAndInYaml() throws JsonProcessingException {
        ObjectNode doc = export().doc();
        object(doc, "settings").put("colour", "blue");
        put(doc, null, true).statusCode(400).body("errors.field", hasItem("settings.colour"));
        putYaml(YAML.writeValueAsString(doc), null, true)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("settings.colour"));

        String yaml = given().auth()
                .oauth2(Tokens.admin())
                .accept(YAML_TYPE)
                .get(POLICY)
                .asString();
        putYaml(yaml + "schemaVersion: 1\n", null, true)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("YAML"));
    }

    @Test
    void theExampleInTheDocumentationIsAValidDocument() throws java.io.IOException {
        String guide = java.nio.file.Files.readString(java.nio.file.Path.of("docs/policy-as-code.md"));
        int start = guide.indexOf("```yaml\n") + "```yaml\n".length();
        String example = guide.substring(start, guide.indexOf("```", start));
        assertTrue(example.startsWith("schemaVersion: 1"), example);

        putYaml(example, null, true).statusCode(200).body("dryRun", equalTo(true));
    }

    static ValidatableResponse admin(String method, String path, String body) {
        var request = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
        if (body != null) {
            request.body(body);
        }
        return request.request(method, path).then();
    }

    static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String urlFilterMessage(String pattern) {
        try {
            UrlFilter.parse(pattern);
        } catch (InvalidUrlFilterException e) {
            return e.getMessage();
        }
        throw new IllegalStateException(pattern + " is a valid filter");
    }
}
