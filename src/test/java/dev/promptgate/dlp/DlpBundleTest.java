package dev.promptgate.dlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dlp part of the policy bundle: always there, matching the schema, the built-in defaults when unconfigured. */
@QuarkusTest
class DlpBundleTest {

    static JsonNode bundle(String enrollment) throws Exception {
        byte[] body = Client.policy(enrollment).then().statusCode(200).extract().asByteArray();
        JsonNode bundle = new ObjectMapper().readTree(body);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("docs/policy-bundle.schema.json")));
        var errors = schema.validate(bundle);
        assertTrue(errors.isEmpty(), errors.toString());
        return bundle;
    }

    @Test
    void theSchemaRefusesADlpPartThatBreaksTheContract() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("docs/policy-bundle.schema.json")));
        ObjectMapper json = new ObjectMapper();
        JsonNode good = bundle(Enrollment.newToken("dlp-bundle-schema"));
        var redactOnUpload = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        redactOnUpload.get("dlp").get("uploads").get("default"))
                .put("action", "REDACT");
        assertTrue(!schema.validate(redactOnUpload).isEmpty(), "uploads cannot be redacted");
        var freeText = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) freeText.get("dlp")).put("justificationText", true);
        assertTrue(!schema.validate(freeText).isEmpty(), "no field beyond the contract");
        assertTrue(json.readTree("{}").isEmpty());
    }

    @Test
    void anUnconfiguredOrganizationGetsTheBuiltInDefaults() throws Exception {
        JsonNode dlp = bundle(Enrollment.newToken("dlp-bundle-test")).get("dlp");
        assertEquals(100_000, dlp.get("scanLimitChars").asInt());
        assertEquals(false, dlp.get("unknownAiSites").asBoolean());
        assertEquals(3, dlp.get("justifications").size());
        List<String> ids = new ArrayList<>();
        for (JsonNode detector : dlp.get("detectors")) {
            if (!detector.get("kind").asText().equals("builtin")) {
                continue; // another test's custom detector
            }
            ids.add(detector.get("id").asText());
            assertEquals("WARN", detector.get("actions").get("default").asText());
            assertEquals(1, detector.get("threshold").asInt());
            assertEquals(false, detector.get("monitor").asBoolean());
        }
        assertEquals(
                List.of(
                        "payment-card",
                        "private-key",
                        "aws-access-key",
                        "github-token",
                        "gitlab-token",
                        "slack-token",
                        "stripe-key",
                        "openai-key",
                        "anthropic-key",
                        "google-api-key",
                        "jwt"),
                ids);
        assertEquals("ALLOW", dlp.get("uploads").get("default").get("action").asText());
    }
}
