package dev.promptgate.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.OpenApi;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
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

    record Operation(
            String method, String path, String operationId, String summary, Set<String> responses, boolean hasBody) {

        String concretePath() {
            return path.replaceAll("\\{[^}]+}", "1");
        }

        /** The same path with values no resource has: a number no id reaches, which is no key or host either. */
        String missingResourcePath() {
            return path.replaceAll("\\{[^}]+}", "987654321");
        }

        /** Method and path with the parameter names left out, as the code's annotations and the document agree. */
        String shape() {
            return method + " " + path.replaceAll("\\{[^}]+}", "{}");
        }

        boolean isRead() {
            return method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /**
     * Operations anyone may call: public keys are public, and browsers fetch the extension's update manifest and
     * its (signed) package without credentials.
     */
    static final Set<String> PUBLIC = Set.of(
            "GET /api/v1/client/jwks",
            "GET /api/v1/extension/update.xml",
            "GET /api/v1/extension/promptgate.crx",
            "GET /api/v1/extension/promptgate.xpi");

    /** SCIM 2.0 (RFC 7644): its paths, ETags and error bodies are the protocol's; only SCIM tokens may call it. */
    static boolean isScimOperation(Operation op) {
        return op.path().startsWith("/scim/v2/");
    }

    /** Operations for browsers, which enrollment tokens may call. */
    static boolean isClientOperation(Operation op) {
        return op.path().startsWith("/api/v1/client/");
    }

    static List<Operation> operations() {
        JsonPath openapi = OpenApi.document();
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
                        responses.keySet(),
                        op.get("requestBody") != null));
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
            assertTrue(
                    op.path().startsWith("/api/v1/") || isScimOperation(op), op + " lives under /api/v1 or /scim/v2");
            assertFalse(op.operationId() == null || op.operationId().isBlank(), op + " has an operationId");
            assertFalse(op.summary() == null || op.summary().isBlank(), op + " has a summary");
            assertTrue(
                    PUBLIC.contains(op.toString()) || op.responses().containsAll(Set.of("401", "403")),
                    op + " documents 401 and 403");
            if ((op.method().equals("PUT") || op.method().equals("DELETE")) && !isScimOperation(op)) {
                assertTrue(op.responses().containsAll(Set.of("412", "428")), op + " documents 412 and 428");
            }
        }
    }

    /**
     * What the document's 404s promise (ProblemResponsesFilter adds one to every operation with a path
     * parameter): asked as an admin for a resource that does not exist, each such operation without a request
     * body answers 404 with a problem detail. Operations with a body reject the empty body first (400).
     */
    @TestFactory
    Stream<DynamicTest> everyOperationOnAMissingResourceAnswers404() {
        String admin = Tokens.admin();
        return operations().stream()
                .filter(op -> op.path().contains("{") && !op.hasBody() && !isScimOperation(op))
                .map(op -> DynamicTest.dynamicTest(op + " on a missing resource", () -> {
                    assertTrue(op.responses().contains("404"), op + " documents 404");
                    var response = given().auth()
                            .oauth2(admin)
                            .header("If-Match", "\"0\"")
                            .request(op.method(), op.missingResourcePath());
                    assertEquals(404, response.statusCode(), op + ": " + response.asString());
                    assertEquals(Problem.MEDIA_TYPE, response.contentType(), op.toString());
                }));
    }

    /**
     * The checks above cover what the OpenAPI document lists. This one makes sure the document lists every
     * endpoint the code declares, so that an operation hidden from it (or a route added beside the REST layer) cannot
     * escape them, and that the only endpoints open to anyone are {@link #PUBLIC}.
     */
    @Test
    void everyEndpointInTheCodeIsDocumentedAndOnlyThePublicKeysAreOpen() throws IOException {
        Index index = mainClasses();
        Set<String> documented = new TreeSet<>();
        operations().forEach(op -> documented.add(op.shape()));
        Set<String> declared = new TreeSet<>();
        Set<String> open = new TreeSet<>();
        Set<String> consoleOpen = new TreeSet<>();
        for (AnnotationInstance classPath : index.getAnnotations(JAX_RS_PATH)) {
            if (classPath.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo resource = classPath.target().asClass();
            for (MethodInfo method : resource.methods()) {
                String verb = HTTP_METHODS.stream()
                        .filter(m -> method.hasDeclaredAnnotation(DotName.createSimple("jakarta.ws.rs." + m)))
                        .findFirst()
                        .orElse(null);
                if (verb == null) {
                    continue;
                }
                AnnotationInstance methodPath = method.declaredAnnotation(JAX_RS_PATH);
                String path = ("/" + classPath.value().asString() + "/"
                                + (methodPath == null ? "" : methodPath.value().asString()))
                        .replaceAll("/+", "/")
                        .replaceAll("(.)/$", "$1");
                Operation op = new Operation(verb, path, null, null, Set.of(), false);
                boolean permitAll = method.hasDeclaredAnnotation(PERMIT_ALL)
                        || (resource.declaredAnnotation(PERMIT_ALL) != null
                                && !method.hasDeclaredAnnotation(ROLES_ALLOWED));
                if (path.startsWith("/console")) {
                    // The admin console's pages are not the API contract and are hidden from OpenAPI (ADR 21);
                    // ConsolePagesTest and ConsoleCsrfTest cover who may call them. Only its sign-in is open.
                    if (permitAll) {
                        consoleOpen.add(op.toString());
                    }
                    continue;
                }
                declared.add(op.shape());
                if (permitAll) {
                    open.add(op.toString());
                }
            }
        }
        assertEquals(
                Set.of("GET /console/sign-in", "POST /console/sign-in"), consoleOpen, "console pages open to anyone");
        assertTrue(declared.size() > 30, "endpoints found in the code: " + declared);
        Set<String> undocumented = new TreeSet<>(declared);
        undocumented.removeAll(documented);
        assertEquals(Set.of(), undocumented, "endpoints missing from the OpenAPI document");
        assertEquals(PUBLIC, open, "endpoints open to anyone");
        Set<String> routers = new TreeSet<>();
        for (AnnotationInstance observes : index.getAnnotations(OBSERVES)) {
            if (observes.target().kind() == AnnotationTarget.Kind.METHOD_PARAMETER) {
                var parameter = observes.target().asMethodParameter();
                if (parameter
                        .method()
                        .parameterType(parameter.position())
                        .name()
                        .equals(VERTX_ROUTER)) {
                    routers.add(parameter.method().declaringClass().name().toString());
                }
            }
        }
        // Routes beside the REST layer: each must serve a documented operation and fall through to it otherwise.
        assertEquals(Set.of("dev.promptgate.client.PolicyFastPath"), routers, "classes that add Vert.x routes");
    }

    private static final DotName JAX_RS_PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName PERMIT_ALL = DotName.createSimple("jakarta.annotation.security.PermitAll");
    private static final DotName ROLES_ALLOWED = DotName.createSimple("jakarta.annotation.security.RolesAllowed");
    private static final DotName OBSERVES = DotName.createSimple("jakarta.enterprise.event.Observes");
    private static final DotName VERTX_ROUTER = DotName.createSimple("io.vertx.ext.web.Router");
    private static final List<String> HTTP_METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH");

    /** An index of the compiled main classes, read from the build's output as the build left it. */
    private static Index mainClasses() throws IOException {
        Indexer indexer = new Indexer();
        Path root = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(root.resolve("dev/promptgate"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        }
        return indexer.complete();
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
                .filter(op -> !isClientOperation(op) && !PUBLIC.contains(op.toString()))
                .map(op -> DynamicTest.dynamicTest(
                        op + " with an enrollment token",
                        () -> assertEquals(403, status(op, enrollment), op.toString())));
    }

    /** SCIM is for the identity provider's SCIM token alone: no admin, viewer or enrollment credential reaches it. */
    @TestFactory
    Stream<DynamicTest> onlyScimTokensReachScim() {
        Map<String, String> others = new java.util.LinkedHashMap<>();
        others.put("admin OIDC token", Tokens.admin());
        others.put("viewer OIDC token", Tokens.viewer());
        others.put("admin API token", apiToken("admin"));
        others.put("viewer API token", apiToken("viewer"));
        others.put("bootstrap admin token", Tokens.BOOTSTRAP);
        others.put("enrollment token", Enrollment.newToken("scim-security-test"));
        List<Operation> scim = operations().stream()
                .filter(EndpointSecurityTest::isScimOperation)
                .toList();
        assertTrue(scim.size() >= 15, "SCIM operations found: " + scim.size());
        return scim.stream().flatMap(op -> others.entrySet().stream()
                .map(other -> DynamicTest.dynamicTest(
                        op + " with " + other.getKey(),
                        () -> assertEquals(403, status(op, other.getValue()), op + " with " + other.getKey()))));
    }

    private static String apiToken(String role) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"scim-security-" + role + "\", \"role\": \"" + role + "\", \"expiresAt\": \""
                        + java.time.Instant.now().plusSeconds(3600) + "\"}")
                .post("/api/v1/api-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    /** And a SCIM token reaches nothing else. */
    @TestFactory
    Stream<DynamicTest> scimTokensAreRefusedOutsideScim() {
        String scim = given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"scim-security-test\"}")
                .post("/api/v1/scim-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        return operations().stream()
                .filter(op -> !isScimOperation(op) && !PUBLIC.contains(op.toString()))
                .map(op -> DynamicTest.dynamicTest(
                        op + " with a SCIM token", () -> assertEquals(403, status(op, scim), op.toString())));
    }

    @Test
    void thePublicOperationsAnswerWithoutAToken() {
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
