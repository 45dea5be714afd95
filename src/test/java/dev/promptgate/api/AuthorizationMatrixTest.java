package dev.promptgate.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.promptgate.api.EndpointSecurityTest.Operation;
import dev.promptgate.security.ApiToken;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Who may call what, as one table ({@value #TABLE}): every operation of the OpenAPI document, called by every kind
 * of caller with a real credential of that kind, against the callers the table allows. An allowed caller gets past
 * authentication and authorization (whatever the answer after that: 200, 400, 404…); any other gets 401 when its
 * credential proves nobody, 403 when it proves someone without the right. An operation missing from the table fails
 * the build with the line to add, so that every new endpoint states who may call it.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    static final String TABLE = "authorization-matrix.tsv";
    static final String TABLE_PATH = "src/test/resources/" + TABLE;

    /** Callers whose credential proves nobody: refused with 401 wherever they are not allowed. */
    static final Set<String> UNAUTHENTICATED = Set.of(
            "anonymous", "made-up", "expired", "expired-api", "revoked", "revoked-enrollment", "oidc-other-audience");

    /** Every kind of caller, by the name the table uses, with its credential (null: no Authorization header). */
    private static final Map<String, String> callers = new LinkedHashMap<>();

    /** Made on first use: RestAssured knows the test server's port only once a test runs. */
    private static synchronized void makeCredentials() {
        if (!callers.isEmpty()) {
            return;
        }
        callers.put("anonymous", null);
        callers.put("made-up", "pg_at_madeup0000000000000000000000000000000000000");
        callers.put("expired", Tokens.expired());
        callers.put("expired-api", expired(created("/api/v1/api-tokens", apiTokenBody("matrix-expired", "admin"))));
        callers.put("revoked", revoked("/api/v1/api-tokens", apiTokenBody("matrix-revoked", "admin")));
        callers.put("revoked-enrollment", revoked("/api/v1/enrollment-tokens", "{\"name\": \"matrix-revoked\"}"));
        callers.put("enrollment", Enrollment.newToken("matrix-enrollment"));
        callers.put("scim", created("/api/v1/scim-tokens", "{\"name\": \"matrix-scim\"}").secret);
        callers.put("viewer-api", created("/api/v1/api-tokens", apiTokenBody("matrix-viewer", "viewer")).secret);
        callers.put("admin-api", created("/api/v1/api-tokens", apiTokenBody("matrix-admin", "admin")).secret);
        callers.put("bootstrap", Tokens.BOOTSTRAP);
        callers.put("oidc-viewer", Tokens.viewer());
        callers.put("oidc-admin", Tokens.admin());
        callers.put("oidc-no-role", Tokens.noRole());
        callers.put("oidc-realm-admin", Tokens.realmAdmin());
        callers.put("oidc-other-audience", Tokens.otherAudience());
    }

    @Test
    void theTableListsEveryOperationOnceAndNothingElse() throws IOException {
        makeCredentials();
        Map<String, Set<String>> table = table();
        Set<String> documented = EndpointSecurityTest.operations().stream()
                .map(Operation::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> missing = new ArrayList<>();
        for (Operation op : EndpointSecurityTest.operations()) {
            if (!table.containsKey(op.toString())) {
                missing.add(op + "\t" + String.join(" ", allowedNow(op)));
            }
        }
        if (!missing.isEmpty()) {
            fail("Operations with no line in " + TABLE_PATH + ". Add these lines (the callers this build lets through;"
                    + " check each is meant to be allowed):\n" + String.join("\n", missing));
        }
        Set<String> stale = new TreeSet<>(table.keySet());
        stale.removeAll(documented);
        assertEquals(Set.of(), stale, "lines in " + TABLE_PATH + " for operations the API no longer has");
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAdmitsExactlyItsCallers() throws IOException {
        makeCredentials();
        Map<String, Set<String>> table = table();
        return EndpointSecurityTest.operations().stream()
                .filter(op -> table.containsKey(op.toString()))
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    Set<String> allowed = table.get(op.toString());
                    List<String> wrong = new ArrayList<>();
                    callers.forEach((caller, credential) -> {
                        int status = status(op, credential);
                        boolean admitted = status != 401 && status != 403;
                        int refusal = UNAUTHENTICATED.contains(caller) ? 401 : 403;
                        if (allowed.contains(caller) ? !admitted : status != refusal) {
                            wrong.add(caller + " got " + status + ", expected "
                                    + (allowed.contains(caller) ? "to be let through" : refusal));
                        }
                    });
                    assertEquals(List.of(), wrong, op + " (" + TABLE_PATH + ")");
                }));
    }

    /** The table: operation (method and path as in the OpenAPI document) to the callers it allows. */
    static Map<String, Set<String>> table() throws IOException {
        Map<String, Set<String>> table = new LinkedHashMap<>();
        try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream("/" + TABLE)) {
            assertTrue(in != null, TABLE_PATH + " exists");
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t+");
                String where = TABLE_PATH + ":" + (i + 1);
                assertTrue(columns.length == 2, where + ": operation, a tab, then the allowed callers (or -)");
                String operation = columns[0].strip();
                String listed = columns[1].strip();
                Set<String> allowed = listed.equals("-") ? Set.of() : Set.of(listed.split(" +"));
                for (String caller : allowed) {
                    assertTrue(callers.containsKey(caller), where + ": unknown caller '" + caller + "'");
                }
                assertTrue(table.put(operation, allowed) == null, where + ": " + operation + " is listed twice");
            }
        }
        return table;
    }

    private static List<String> allowedNow(Operation op) {
        List<String> allowed = callers.entrySet().stream()
                .filter(caller -> {
                    int status = status(op, caller.getValue());
                    return status != 401 && status != 403;
                })
                .map(Map.Entry::getKey)
                .toList();
        return allowed.isEmpty() ? List.of("-") : allowed;
    }

    /**
     * One call as this caller. Path parameters name nothing that exists and writes carry an empty object, so
     * that an allowed caller changes nothing (it gets 400, 404 or 428 after passing the checks).
     */
    private static int status(Operation op, String credential) {
        var request = given().contentType(ContentType.JSON);
        if (credential != null) {
            request.auth().oauth2(credential);
        }
        if (!op.isRead()) {
            request.body("{}");
        }
        return request.request(op.method(), op.missingResourcePath()).statusCode();
    }

    private record Created(long id, String secret) {}

    private static Created created(String path, String body) {
        var response = given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post(path)
                .then()
                .statusCode(201)
                .extract();
        return new Created(response.<Number>path("token.id").longValue(), response.path("secret"));
    }

    private static String revoked(String path, String body) {
        Created token = created(path, body);
        given().auth()
                .oauth2(Tokens.admin())
                .post(path + "/" + token.id() + "/revoke")
                .then()
                .statusCode(200);
        return token.secret();
    }

    /** The token's secret, once its expiry has passed: set in the database, since the API takes future ones only. */
    private static String expired(Created token) {
        QuarkusTransaction.requiringNew()
                .run(() -> ApiToken.update(
                        "expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), token.id()));
        return token.secret();
    }

    private static String apiTokenBody(String name, String role) {
        return "{\"name\": \"" + name + "\", \"role\": \"" + role + "\", \"expiresAt\": \""
                + Instant.now().plusSeconds(3600) + "\"}";
    }
}
