package dev.promptgate.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation in the OpenAPI document, so that a new endpoint is covered the day it is added: each refuses
 * a missing, expired, foreign-signed or unknown token with 401, and a caller whose role may not call it with
 * 403.
 */
@QuarkusTest
class EndpointSecurityTest {

    record Operation(String method, String path, String operationId, String summary, Set<String> responses) {

        String concretePath() {
            return path.replaceAll("\\{[^}]+}", "1");
        }

        boolean isRead() {
            return method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Operations anyone may call: public keys are public. */
    static final Set<String> PUBLIC = Set.of("GET /api/v1/client/jwks");

    /** Operations for browsers, which enrollment tokens may call. */
    static boolean isClientOperation(Operation op) {
        return op.path().startsWith("/api/v1/client/");
    }

    static List<Operation> operations() {
        JsonPath openapi = given().accept(ContentType.JSON)
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = openapi.getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, methods) -> methods.forEach((method, op) -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> responses = (Map<String, Object>) op.get("responses");
                operations.add(new Operation(
                        method.toUpperCase(),
                        path,
                        (String) op.get("operationId"),
                        (String) op.get("summary"),
                        responses.keySet()));
            }
        }));
        return operations;
    }

    static int status(Operation op, String bearer) {
        var request = given().contentType(ContentType.JSON);
        if (bearer != null) {
            request.auth().oauth2(bearer);
        }
        if (!op.isRead()) {
            request.body("{}");
        }
        return request.request(op.method(), op.concretePath()).statusCode();
    }

    @Test
    void theApiIsDocumented() {
        List<Operation> operations = operations();
        assertTrue(operations.size() > 30, "operations found: " + operations.size());
        assertEquals(
                operations.size(),
                operations.stream().map(Operation::operationId).distinct().count(),
                "operationIds are unique");
        for (Operation op : operations) {
            assertTrue(op.path().startsWith("/api/v1/"), op + " lives under /api/v1");
            assertFalse(op.operationId() == null || op.operationId().isBlank(), op + " has an operationId");
            assertFalse(op.summary() == null || op.summary().isBlank(), op + " has a summary");
            assertTrue(
                    PUBLIC.contains(op.toString()) || op.responses().containsAll(Set.of("401", "403")),
                    op + " documents 401 and 403");
            if (op.method().equals("PUT") || op.method().equals("DELETE")) {
                assertTrue(op.responses().containsAll(Set.of("412", "428")), op + " documents 412 and 428");
            }
            if (op.path().contains("{")) {
                assertTrue(op.responses().contains("404"), op + " documents 404");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesCallersWithoutAValidToken() {
        Map<String, String> badTokens = new java.util.LinkedHashMap<>();
        badTokens.put("no token", null);
        badTokens.put("expired token", Tokens.expired());
        badTokens.put("token signed by another key", Tokens.signedByAnotherKey());
        badTokens.put("unknown Promptgate token", "pg_at_unknown-0000000000000000000000000000000000");
        badTokens.put("malformed token", "not.a.jwt");
        return operations().stream()
                .filter(op -> !PUBLIC.contains(op.toString()))
                .flatMap(op -> badTokens.entrySet().stream()
                        .map(bad -> DynamicTest.dynamicTest(
                                op + " with " + bad.getKey(),
                                () -> assertEquals(401, status(op, bad.getValue()), op + " with " + bad.getKey()))));
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesAnIdentityWithoutPromptgateRoles() {
        String noRole = Tokens.noRole();
        return operations().stream()
                .filter(op -> !PUBLIC.contains(op.toString()))
                .map(op -> DynamicTest.dynamicTest(
                        op + " without a Promptgate role", () -> assertEquals(403, status(op, noRole), op.toString())));
    }

    @TestFactory
    Stream<DynamicTest> enrollmentTokensAreRefusedEverywhereInTheAdminApi() {
        String enrollment = Enrollment.newToken("security-test");
        return operations().stream()
                .filter(op -> !isClientOperation(op))
                .map(op -> DynamicTest.dynamicTest(
                        op + " with an enrollment token",
                        () -> assertEquals(403, status(op, enrollment), op.toString())));
    }

    @Test
    void publicOperationsAreOnlyThePublicKeys() {
        for (Operation op : operations()) {
            if (PUBLIC.contains(op.toString())) {
                assertEquals(200, status(op, null), op.toString());
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> viewersCannotWrite() {
        String viewer = Tokens.viewer();
        return operations().stream()
                .filter(op -> !op.isRead())
                .map(op -> DynamicTest.dynamicTest(
                        op + " as viewer", () -> assertEquals(403, status(op, viewer), op.toString())));
    }
}
