package dev.promptgate.deploy;

import static dev.promptgate.deploy.PolicyDocuments.TOKEN;
import static dev.promptgate.deploy.PolicyDocuments.fetch;
import static dev.promptgate.deploy.PolicyDocuments.json;
import static dev.promptgate.deploy.PolicyDocuments.plist;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.client.ClientPolicyResource;
import dev.promptgate.testing.AdminApi;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jose4j.base64url.Base64Url;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.Test;

/**
 * Every deployment document pins the keys the policy is signed with (no trust on first use): the server's active key,
 * and during a rotation the prepared next key too, so that browsers given the documents before the rotation keep
 * verifying the policy after it.
 */
@QuarkusTest
class PinnedSigningKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String[]> DOCUMENTS = List.of(
            new String[] {"chrome", "linux-json"},
            new String[] {"chrome", "windows-reg"},
            new String[] {"chrome", "macos-mobileconfig"},
            new String[] {"edge", "linux-json"},
            new String[] {"edge", "windows-reg"},
            new String[] {"edge", "macos-mobileconfig"},
            new String[] {"firefox", "policies-json"});

    @Test
    void everyDocumentPinsTheActiveKeyThenAlsoThePreparedOneAndAfterTheRotationOnlyThatOne() throws Exception {
        JsonNode before = signingKeys();
        for (String[] document : DOCUMENTS) {
            assertEquals(
                    publishedKeys(before, expectedKids(before)),
                    pins(document[0], document[1]),
                    String.join(" ", document));
        }

        JsonNode prepared = AdminApi.post("/api/v1/signing-keys/next").as(JsonNode.class);
        String active = prepared.path("activeKeyId").asText();
        String next = prepared.path("nextKeyId").asText();
        assertEquals(before.path("activeKeyId").asText(), active, "preparing does not change the signing key");
        assertNotEquals(active, next);
        assertEquals(
                next,
                AdminApi.post("/api/v1/signing-keys/next").path("nextKeyId"),
                "asking again keeps the prepared key");
        JsonNode pinnedBeforeRotation = pins("chrome", "linux-json");
        assertEquals(List.of(active, next), kids(pinnedBeforeRotation));
        for (String[] document : DOCUMENTS) {
            assertEquals(pinnedBeforeRotation, pins(document[0], document[1]), String.join(" ", document));
        }
        String enrollment = Enrollment.newToken("pinned-signing-keys-test");
        assertEquals(active, signerOf(enrollment), "the prepared key signs nothing yet");

        String rotated = AdminApi.post("/api/v1/signing-keys/rotate").path("activeKeyId");
        assertEquals(next, rotated, "the rotation activates the prepared key");
        await().atMost(Duration.ofSeconds(10)).until(() -> next.equals(signerOf(enrollment)));
        Response policy = given().auth().oauth2(enrollment).get("/api/v1/client/policy");
        assertTrue(
                verifies(
                        policy.header(ClientPolicyResource.SIGNATURE_HEADER),
                        policy.asByteArray(),
                        pinnedBeforeRotation),
                "a browser given the documents before the rotation verifies the policy after it");
        assertEquals(List.of(next), kids(pins("firefox", "policies-json")), "the replaced key is no longer pinned");
        assertNull(signingKeys().get("nextKeyId").textValue());
    }

    @Test
    void pinsArePublicKeysOnly() {
        for (JsonNode key : pins("chrome", "linux-json")) {
            assertEquals("EC", key.path("kty").asText());
            assertEquals("P-256", key.path("crv").asText());
            assertFalse(key.has("d"), "no private key");
            assertFalse(key.has("endorsement"), "a pin is the key alone");
        }
    }

    @Test
    void viewersCannotPrepareTheNextKey() {
        given().auth()
                .oauth2(Tokens.viewer())
                .post("/api/v1/signing-keys/next")
                .then()
                .statusCode(403);
        given().post("/api/v1/signing-keys/next").then().statusCode(401);
    }

    private static JsonNode signingKeys() {
        return AdminApi.read("/api/v1/signing-keys").as(JsonNode.class);
    }

    private static List<String> expectedKids(JsonNode keys) {
        List<String> kids = new ArrayList<>(List.of(keys.path("activeKeyId").asText()));
        if (keys.path("nextKeyId").isTextual()) {
            kids.add(keys.path("nextKeyId").asText());
        }
        return kids;
    }

    /** The published keys with these ids, in this order, as pins: the public members only. */
    private static JsonNode publishedKeys(JsonNode keys, List<String> kids) {
        var array = JSON.createArrayNode();
        for (String kid : kids) {
            for (JsonNode key : keys.path("jwks").path("keys")) {
                if (kid.equals(key.path("kid").asText())) {
                    var pin = JSON.createObjectNode();
                    for (String member : List.of("kty", "kid", "use", "alg", "crv", "x", "y")) {
                        pin.set(member, key.get(member));
                    }
                    array.add(pin);
                }
            }
        }
        assertEquals(kids.size(), array.size(), "every expected key is published");
        return array;
    }

    /** The signingKeys of the extension's managed configuration, read back from the document as the browser would. */
    @SuppressWarnings("unchecked")
    private static JsonNode pins(String browser, String format) {
        String body = fetch(Tokens.admin(), browser, format, TOKEN).body().asString();
        JsonNode pins =
                switch (format) {
                    case "linux-json" -> first(json(body).path("3rdparty").path("extensions"));
                    case "policies-json" -> first(
                            json(body).path("policies").path("3rdparty").path("Extensions"));
                    case "windows-reg" -> json(RegFileTest.unquote(List.of(body.split("\r\n")).stream()
                            .filter(line -> line.startsWith("\"signingKeys\"="))
                            .findFirst()
                            .orElseThrow()
                            .substring("\"signingKeys\"=".length())));
                    default -> JSON.valueToTree(((List<Map<String, Object>>)
                                    ((Map<String, Object>) plist(body.getBytes(StandardCharsets.UTF_8)))
                                            .get("PayloadContent"))
                            .get(1)
                            .get("signingKeys"));
                };
        return normalized(pins);
    }

    private static JsonNode first(JsonNode extensions) {
        return extensions.elements().next().path("signingKeys");
    }

    /** Members in one order, so that documents whose serializers order them differently compare equal. */
    private static JsonNode normalized(JsonNode pins) {
        var array = JSON.createArrayNode();
        for (JsonNode key : pins) {
            var pin = JSON.createObjectNode();
            for (String member : List.of("kty", "kid", "use", "alg", "crv", "x", "y")) {
                pin.set(member, key.get(member));
            }
            array.add(pin);
        }
        return array;
    }

    private static List<String> kids(JsonNode pins) {
        List<String> kids = new ArrayList<>();
        pins.forEach(key -> kids.add(key.path("kid").asText()));
        return kids;
    }

    private static String signerOf(String enrollment) throws Exception {
        String signature = given().auth()
                .oauth2(enrollment)
                .get("/api/v1/client/policy")
                .header(ClientPolicyResource.SIGNATURE_HEADER);
        return JsonWebStructure.fromCompactSerialization(signature).getKeyIdHeaderValue();
    }

    private static boolean verifies(String signature, byte[] body, JsonNode pins) throws Exception {
        JsonWebSignature jws = (JsonWebSignature) JsonWebStructure.fromCompactSerialization(signature);
        jws.setEncodedPayload(Base64Url.encode(body));
        JsonWebKey key = new JsonWebKeySet("{\"keys\":" + pins + "}")
                .findJsonWebKey(jws.getKeyIdHeaderValue(), "EC", "sig", "ES256");
        if (key == null) {
            return false;
        }
        jws.setKey(key.getKey());
        return jws.verifySignature();
    }
}
