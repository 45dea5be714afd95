package dev.promptgate.client;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.promptgate.identity.IdentityResolver;
import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Groups;
import dev.promptgate.testing.Management;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.jose4j.base64url.Base64Url;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/client/policy: the signed, cached bundle every managed browser fetches. */
@QuarkusTest
class ClientPolicyTest {

    String enrollment;

    @BeforeEach
    void enroll() {
        enrollment = Enrollment.newToken("client-policy-test");
    }

    static RequestSpecification client(String token) {
        return Client.request(token);
    }

    static Response fetch(String token) {
        return Client.policy(token);
    }

    /** Verifies a detached JWS over these exact bytes with the keys the server publishes. */
    static boolean verifies(String signature, byte[] body) throws Exception {
        String jwks = given().get("/api/v1/client/jwks")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonWebSignature jws = (JsonWebSignature) JsonWebStructure.fromCompactSerialization(signature);
        jws.setEncodedPayload(Base64Url.encode(body));
        jws.setKey(new JsonWebKeySet(jwks)
                .findJsonWebKey(jws.getKeyIdHeaderValue(), "EC", "sig", "ES256")
                .getKey());
        return jws.verifySignature();
    }

    @Test
    void bundleMatchesTheSchema() throws Exception {
        byte[] body = fetch(enrollment).then().statusCode(200).extract().asByteArray();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("docs/policy-bundle.schema.json")));
        JsonNode bundle = new ObjectMapper().readTree(body);
        Set<ValidationMessage> errors = schema.validate(bundle);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(1, bundle.get("schemaVersion").asInt());
        assertTrue(bundle.get("services").size() >= 17);
        assertTrue(bundle.get("unknownAiSites").size() > 0);
    }

    @Test
    void responseCarriesAStrongEtagOfTheBytesAndCachingHeaders() throws Exception {
        Response response = fetch(enrollment);
        response.then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", equalTo("private, max-age=300"));
        String hash =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.asByteArray()));
        assertEquals("\"" + hash + "\"", response.header("ETag"));
    }

    @Test
    void unchangedPolicyAnswers304WithoutABody() {
        String etag = fetch(enrollment).header("ETag");
        client(enrollment)
                .header("If-None-Match", etag)
                .get("/api/v1/client/policy")
                .then()
                .statusCode(304)
                .header("ETag", etag)
                .body(emptyString());
    }

    @Test
    void gzipIsServedWhenAskedForAndHoldsTheSameBytes() throws Exception {
        byte[] plain = fetch(enrollment).asByteArray();
        Response zipped = client(enrollment).header("Accept-Encoding", "gzip").get("/api/v1/client/policy");
        zipped.then().statusCode(200).header("Content-Encoding", "gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.asByteArray()))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
        assertTrue(zipped.asByteArray().length < plain.length / 2);
    }

    @Test
    void signatureVerifiesWithThePublishedKeyAndOneChangedByteFails() throws Exception {
        Response response = fetch(enrollment);
        byte[] body = response.asByteArray();
        String signature = response.header(ClientPolicyResource.SIGNATURE_HEADER);
        assertTrue(signature.contains(".."), "a detached JWS");
        assertTrue(verifies(signature, body));
        byte[] tampered = body.clone();
        tampered[tampered.length / 2] ^= 1;
        assertFalse(verifies(signature, tampered));
    }

    @Test
    void anAdminChangeReachesTheBundleAndChangesTheEtag() {
        String before = fetch(enrollment).header("ETag");
        String pattern = "blocked-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"pattern\": \"" + pattern + "\", \"reason\": \"Testing\"}")
                .post("/api/v1/blocklist")
                .then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> fetch(enrollment).asString().contains(pattern));
        assertNotEquals(before, fetch(enrollment).header("ETag"));
    }

    @Test
    void userTokenGroupsSelectGroupRules() {
        String idp = "client-test-" + UUID.randomUUID().toString().substring(0, 8);
        long groupId = Groups.create(idp, idp, 50);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"action\": \"BLOCK\", \"message\": \"Not for " + idp + "\"}")
                .put("/api/v1/rules/groups/" + groupId + "/google-ai-studio")
                .then()
                .statusCode(201);
        String userToken = Tokens.user("gina", List.of(), List.of(idp, "unrelated-group"));
        await().atMost(Duration.ofSeconds(5)).until(() -> given().auth()
                .oauth2(enrollment)
                .header(IdentityResolver.USER_TOKEN_HEADER, userToken)
                .get("/api/v1/client/policy")
                .asString()
                .contains("Not for " + idp));
        given().auth()
                .oauth2(enrollment)
                .header(IdentityResolver.USER_TOKEN_HEADER, userToken)
                .get("/api/v1/client/policy")
                .then()
                .statusCode(200)
                .body("groups", equalTo(List.of(idp)))
                .body("services.find { it.key == 'google-ai-studio' }.action", equalTo("BLOCK"));
        fetch(enrollment).then().body("groups", equalTo(List.of()));
    }

    @Test
    void theFastPathAndTheFullPathAnswerAlike() {
        // Without a user token the in-memory fast path answers; with one (here without groups) the REST resource.
        Response fast = fetch(enrollment);
        Response full = client(enrollment)
                .header(IdentityResolver.USER_TOKEN_HEADER, Tokens.user("ungrouped", List.of(), List.of()))
                .get("/api/v1/client/policy");
        full.then().statusCode(200);
        assertArrayEquals(fast.asByteArray(), full.asByteArray());
        for (String header :
                List.of("ETag", "Cache-Control", "Vary", "Content-Type", ClientPolicyResource.SIGNATURE_HEADER)) {
            assertEquals(fast.header(header), full.header(header), header);
        }
    }

    @Test
    void fastPathFetchesAreCountedInTheRequestMetrics() {
        double before = policyFetchesCounted();
        for (int i = 0; i < 3; i++) {
            fetch(enrollment).then().statusCode(200);
        }
        assertTrue(policyFetchesCounted() >= before + 3, "three more successful fetches in http_server_requests");
    }

    /** The Prometheus count of successful policy fetches (0 before the first). */
    private static double policyFetchesCounted() {
        String metrics = Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("uri=\"/api/v1/client/policy\"")
                        && line.contains("status=\"200\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void aBrowserAccountTheDirectoryDoesNotKnowGetsTheOrganizationsBundle() {
        // The REST resource answers (a person is named), with the same bytes and ETag as the fast path.
        Response organization = fetch(enrollment);
        Response unknown = client(enrollment)
                .header(IdentityResolver.BROWSER_ACCOUNT_HEADER, "nobody-" + UUID.randomUUID() + "@example.com")
                .get("/api/v1/client/policy");
        unknown.then().statusCode(200).body("groups", equalTo(List.of()));
        assertArrayEquals(organization.asByteArray(), unknown.asByteArray());
        assertEquals(organization.header("ETag"), unknown.header("ETag"));
    }

    @Test
    void aBadUserTokenIsRefusedNotIgnored() {
        for (String bad : List.of(Tokens.expired(), Tokens.signedByAnotherKey(), "garbage")) {
            given().auth()
                    .oauth2(enrollment)
                    .header(IdentityResolver.USER_TOKEN_HEADER, bad)
                    .get("/api/v1/client/policy")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void adminTokensCannotFetchTheClientPolicy() {
        fetch(Tokens.admin()).then().statusCode(403);
        given().get("/api/v1/client/policy").then().statusCode(401);
    }

    @Test
    void revokedEnrollmentTokenStopsWorking() {
        var created = Enrollment.create("to-revoke");
        String secret = created.path("secret");
        fetch(secret).then().statusCode(200);
        Enrollment.revoke(created);
        await().atMost(Duration.ofSeconds(5)).until(() -> fetch(secret).statusCode() == 401);
    }
}
