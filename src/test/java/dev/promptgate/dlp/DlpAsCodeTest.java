package dev.promptgate.dlp;

import static dev.promptgate.dlp.DlpApi.detector;
import static dev.promptgate.dlp.DlpApi.dlp;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Data protection in policy as code: exported, previewed with a dry run, applied declaratively, checked whole. */
@QuarkusTest
class DlpAsCodeTest {

    static final String POLICY = "/api/v1/policy";
    static final ObjectMapper JSON = new ObjectMapper();

    static ExtractableResponse<Response> export() {
        return given().auth()
                .oauth2(Tokens.admin())
                .get(POLICY)
                .then()
                .statusCode(200)
                .extract();
    }

    static ValidatableResponse apply(JsonNode document, String etag, boolean dryRun) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .queryParam("dryRun", dryRun)
                .body(document.toString())
                .put(POLICY)
                .then()
                .log()
                .ifValidationFails();
    }

    @Test
    void detectorsAreExportedPreviewedAppliedAndRemovedDeclaratively() throws Exception {
        String group = DlpApi.uniqueName("dlp-code");
        String name = DlpApi.uniqueName("Customer numbers");
        var exported = export();
        ObjectNode doc = (ObjectNode) JSON.readTree(exported.asString());
        JsonNode original = doc.get("dataProtection").deepCopy();
        assertEquals(18, original.get("builtinDetectors").size());
        assertEquals(
                "WARN",
                original.at("/builtinDetectors/payment-card/actions/default").asText());

        ((ArrayNode) doc.get("groups"))
                .addObject()
                .put("name", group)
                .put("idpValue", group)
                .put("priority", 10);
        ObjectNode section = (ObjectNode) doc.get("dataProtection");
        ObjectNode regex = section.withObject("customDetectors").putObject(name);
        regex.put("kind", "regex").put("pattern", "CUST-[0-9]{6}").put("caseSensitive", true);
        regex.putArray("mustMatch").add("CUST-123456");
        regex.putObject("actions").put("default", "REDACT");
        regex.putObject("groups")
                .putObject(group)
                .put("enabled", false)
                .putObject("actions")
                .put("default", "WARN");
        section.withObject("uploads")
                .withObject("groups")
                .putObject(group)
                .putObject("services")
                .putObject("chatgpt")
                .put("action", "BLOCK");

        apply(doc, exported.header("ETag"), true)
                .statusCode(200)
                .body("changes.kind", hasItem("dataProtection"))
                .body("changes.key", hasItems("custom/" + name, "uploads/group:" + group));
        given().auth()
                .oauth2(Tokens.admin())
                .get(DlpApi.DETECTORS)
                .then()
                .body("name", org.hamcrest.Matchers.not(hasItem(name)));

        apply(doc, exported.header("ETag"), false).statusCode(200);
        String id = given().auth()
                .oauth2(Tokens.admin())
                .get(DlpApi.DETECTORS)
                .then()
                .extract()
                .path("find { it.name == '" + name + "' }.id");
        String enrollment = Enrollment.newToken("dlp-as-code");
        String member = Tokens.user("gwen", List.of(), List.of(group));
        await().atMost(Duration.ofSeconds(10)).until(() -> detector(dlp(enrollment, null), id) != null);
        assertEquals(
                "REDACT",
                detector(dlp(enrollment, null), id).at("/actions/default").asText());
        JsonNode mine = dlp(enrollment, member);
        assertNull(detector(mine, id), "the group turned it off");
        assertEquals("BLOCK", mine.at("/uploads/services/chatgpt/action").asText());

        var again = export();
        ObjectNode stored = (ObjectNode) JSON.readTree(again.asString());
        apply(stored, again.header("ETag"), true).statusCode(200).body("changes.size()", equalTo(0));

        // A document written before the section existed leaves it alone; one without the detector removes it.
        stored.remove("dataProtection");
        apply(stored, again.header("ETag"), false).statusCode(200);
        given().auth()
                .oauth2(Tokens.admin())
                .get(DlpApi.DETECTORS + "/" + id)
                .then()
                .statusCode(200);
        var last = export();
        ObjectNode restored = (ObjectNode) JSON.readTree(last.asString());
        restored.set("dataProtection", original);
        ArrayNode groups = (ArrayNode) restored.get("groups");
        for (int i = groups.size() - 1; i >= 0; i--) {
            if (groups.get(i).get("name").asText().equals(group)) {
                groups.remove(i);
            }
        }
        apply(restored, last.header("ETag"), false).statusCode(200);
        given().auth()
                .oauth2(Tokens.admin())
                .get(DlpApi.DETECTORS + "/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void aDocumentWithABadDetectorIsRefusedWholeAndNothingIsStored() throws Exception {
        var exported = export();
        ObjectNode doc = (ObjectNode) JSON.readTree(exported.asString());
        ObjectNode section = (ObjectNode) doc.get("dataProtection");
        ObjectNode bad = section.withObject("customDetectors").putObject("Catastrophic");
        bad.put("kind", "regex").put("pattern", "(a+)+$");
        bad.putObject("actions").put("default", "WARN");
        ObjectNode empty = section.withObject("customDetectors").putObject("Empty list");
        empty.put("kind", "keywords").putArray("keywords");
        empty.putObject("actions").put("default", "WARN");
        section.withObject("builtinDetectors")
                .putObject("no-such-detector")
                .put("enabled", true)
                .putObject("actions")
                .put("default", "WARN");
        section.withObject("builtinDetectors")
                .withObject("jwt")
                .withObject("groups")
                .putObject("no-such-group")
                .put("enabled", true)
                .putObject("actions")
                .put("default", "WARN");
        apply(doc, exported.header("ETag"), false)
                .statusCode(400)
                .body("errors.field", hasItem("dataProtection.customDetectors.Catastrophic.pattern"))
                .body(
                        "errors.find { it.field == 'dataProtection.customDetectors.Catastrophic.pattern' }.message",
                        containsString("nested quantifier"))
                .body("errors.field", hasItem("dataProtection.customDetectors.Empty list.keywords"))
                .body("errors.field", hasItem("dataProtection.builtinDetectors.no-such-detector"))
                .body("errors.field", hasItem("dataProtection.builtinDetectors.jwt.groups.no-such-group"));
        assertEquals(exported.header("ETag"), export().header("ETag"), "nothing was stored");
    }
}
