package dev.promptgate.policy.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tenant restrictions in policy as code: exported, applied declaratively, checked like the API checks them. */
@QuarkusTest
class TenantRestrictionAsCodeTest {

    static final String POLICY = "/api/v1/policy";
    static final String WORKSPACE = "5b2d7c1e-0a9f-4c3b-8d6e-1f2a3b4c5d6e";
    static final ObjectMapper JSON = new ObjectMapper();

    static ExtractableResponse<Response> export() {
        return given().auth()
                .oauth2(Tokens.admin())
                .get(POLICY)
                .then()
                .statusCode(200)
                .extract();
    }

    static ValidatableResponse apply(JsonNode document, String etag) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body(document.toString())
                .put(POLICY)
                .then();
    }

    @Test
    void restrictionsAreExportedAppliedAndRemovedDeclaratively() throws Exception {
        String group = "tenant-code-" + UUID.randomUUID().toString().substring(0, 8);
        var exported = export();
        ObjectNode doc = (ObjectNode) JSON.readTree(exported.asString());
        ((com.fasterxml.jackson.databind.node.ArrayNode) doc.get("groups"))
                .addObject()
                .put("name", group)
                .put("idpValue", group)
                .put("priority", 30);
        ObjectNode restriction = doc.withObject("tenantRestrictions").putObject("claude");
        restriction.put("enabled", false).putArray("allowedIds").add(WORKSPACE);
        restriction.putObject("groups").put(group, true);
        apply(doc, exported.header("ETag")).statusCode(200);

        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/tenant-restrictions/claude")
                .then()
                .statusCode(200)
                .body("organization.enabled", equalTo(false))
                .body("organization.allowedIds", equalTo(List.of(WORKSPACE)))
                .body("groups.groupName", equalTo(List.of(group)));
        var again = export();
        JsonNode stored =
                JSON.readTree(again.asString()).path("tenantRestrictions").path("claude");
        org.junit.jupiter.api.Assertions.assertEquals(restriction, stored);

        // A document written before the section existed leaves the stored restrictions alone.
        ObjectNode old = (ObjectNode) JSON.readTree(again.asString());
        old.remove("tenantRestrictions");
        apply(old, again.header("ETag")).statusCode(200);
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/tenant-restrictions/claude")
                .then()
                .body("organization.enabled", equalTo(false));

        // Declarative: a document whose section is empty removes them, with the group.
        var last = export();
        ObjectNode without = (ObjectNode) JSON.readTree(last.asString());
        without.putObject("tenantRestrictions");
        var groups = (com.fasterxml.jackson.databind.node.ArrayNode) without.get("groups");
        for (int i = groups.size() - 1; i >= 0; i--) {
            if (groups.get(i).get("name").asText().equals(group)) {
                groups.remove(i);
            }
        }
        apply(without, last.header("ETag")).statusCode(200);
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/tenant-restrictions/claude")
                .then()
                .body("organization", nullValue());
    }

    @Test
    void aDocumentWithBadIdsOrUnknownServicesOrGroupsIsRefusedWhole() throws Exception {
        var exported = export();
        ObjectNode doc = (ObjectNode) JSON.readTree(exported.asString());
        ObjectNode restrictions = doc.withObject("tenantRestrictions");
        restrictions
                .putObject("chatgpt")
                .put("enabled", true)
                .putArray("allowedIds")
                .add(WORKSPACE + "\r\nX-Evil: 1");
        restrictions
                .putObject("midjourney")
                .put("enabled", true)
                .putArray("allowedIds")
                .add(WORKSPACE);
        ObjectNode gemini = restrictions.putObject("gemini").put("enabled", true);
        gemini.putArray("allowedIds").add("example.com");
        gemini.putObject("groups").put("no-such-group", true);
        apply(doc, exported.header("ETag"))
                .statusCode(400)
                .body("errors.field", hasItem("tenantRestrictions.chatgpt.allowedIds[0]"))
                .body("errors.field", hasItem("tenantRestrictions.midjourney"))
                .body("errors.field", hasItem("tenantRestrictions.gemini.groups.no-such-group"));
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/tenant-restrictions/gemini")
                .then()
                .body("organization", nullValue());
    }
}
