package dev.promptgate.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every change the console can make, found both ways: each form an admin's pages offer, and each {@code @POST}
 * route of the console's resource classes. Each is refused (403) when a viewer posts it with the viewer's own CSRF
 * token, and when the admin posts it without the session's CSRF token; nothing either of them posted changes
 * anything, as the audit log and the API show.
 */
@QuarkusTest
class ConsoleChangesRefusedTest {

    private static final Pattern FORM =
            Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    /** Routes that are not changes: signing in is open to everyone, and every signed-in person may sign out. */
    private static final Set<String> NOT_CHANGES = Set.of("/console/sign-in", "/console/sign-out");

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void everyChangeIsRefusedToAViewerAndWithoutTheCsrfToken() throws Exception {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());

        // Something of each kind, so that the pages offer their per-item forms too (edit, delete, revoke, publish).
        long group = dev.promptgate.testing.Groups.create("Refusals " + run, "refusals-" + run, 7);
        // A service of its own, so that its rule is no other test's.
        String service = "refusals-" + run;
        admin.form()
                .formParam("key", service)
                .formParam("name", "Refusals " + run)
                .formParam("vendor", "Refusals")
                .formParam("category", "TEXT")
                .formParam("risk", "LOW")
                .formParam("hosts", service + ".example")
                .post("/console/services")
                .then()
                .statusCode(303);
        admin.form()
                .formParam("action", "WARN")
                .formParam("message", "refusals " + run)
                .post("/console/services/" + service + "/rules")
                .then()
                .statusCode(303);
        admin.form()
                .formParam("pattern", "refusals-" + run + ".example")
                .post("/console/lists")
                .then()
                .statusCode(303);
        String draft = admin.form()
                .formParam("title", "Refusals " + run)
                .formParam("markdown", "Draft " + run)
                .post("/console/guidelines")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        admin.form()
                .formParam("name", "refusals " + run)
                .post("/console/tokens/enrollment")
                .then()
                .statusCode(200);
        admin.form()
                .formParam("name", "refusals " + run)
                .formParam("role", "viewer")
                .formParam("days", "1")
                .post("/console/tokens/api")
                .then()
                .statusCode(200);
        String policyWithOneMore = withBlocklistEntry(
                admin.request()
                        .get("/console/policy/export?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString(),
                "policy-" + run + ".example");

        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        List<String> pages = new ArrayList<>(ConsolePagesTest.PAGES);
        pages.add("/console/services/" + service);
        pages.add(java.net.URI.create(draft).getPath());
        pages.add("/console/groups/" + group);
        for (String page : pages) {
            collectForms(admin.request().get(page).then().extract().asString(), forms);
        }
        collectForms(
                admin.form()
                        .formParam("document", policyWithOneMore)
                        .post("/console/policy/preview")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString(),
                forms);
        forms.keySet().removeIf(NOT_CHANGES::contains);

        // Every @POST route of the console has a form here; those no page offered right now (adding a shadow-AI site
        // to the catalog needs one in the reports) are posted with a host that is not in the catalog.
        String notInCatalog = "refused-" + run + ".example";
        for (String route : postRoutes()) {
            if (NOT_CHANGES.contains(route)) {
                continue;
            }
            Pattern template = Pattern.compile(route.replaceAll("\\{[^}]+}", "[^/]+"));
            if (forms.keySet().stream()
                    .noneMatch(action -> template.matcher(action).matches())) {
                assertTrue(route.endsWith("/{host}/add-to-catalog"), "no page offers a form for " + route);
                forms.put(route.replace("{host}", notInCatalog), Map.of());
            }
        }

        Instant start = Instant.now();
        for (var form : forms.entrySet()) {
            RequestSpecification asViewer = viewer.form();
            RequestSpecification asAdminWithoutToken = admin.request();
            for (var field : form.getValue().entrySet()) {
                asViewer.formParam(field.getKey(), field.getValue());
                asAdminWithoutToken.formParam(field.getKey(), field.getValue());
            }
            assertEquals(403, asViewer.post(form.getKey()).statusCode(), "a viewer posted " + form.getKey());
            assertEquals(
                    403,
                    asAdminWithoutToken.post(form.getKey()).statusCode(),
                    "an admin without the CSRF token posted " + form.getKey());
        }

        List<Object> audited = given().auth()
                .oauth2(Tokens.admin())
                .queryParam("from", start.toString())
                .queryParam("size", 200)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        assertEquals(List.of(), audited, "a refused change changed something");
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/services/" + notInCatalog.replace('.', '-'))
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/groups/" + group)
                .then()
                .statusCode(200);
        assertTrue(forms.size() >= 20, "every kind of change was tried: " + new TreeSet<>(forms.keySet()));
    }

    /** The action and hidden fields of every post form on the page, the CSRF token left out. */
    private static void collectForms(String html, Map<String, Map<String, String>> forms) {
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher hidden = HIDDEN.matcher(form.group(2));
            while (hidden.find()) {
                if (!hidden.group(1).equals("csrf")) {
                    fields.put(hidden.group(1), unescape(hidden.group(2)));
                }
            }
            forms.putIfAbsent(unescape(form.group(1)), fields);
        }
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** The path of every {@code @POST} method of the console's resource classes. */
    private static Set<String> postRoutes() throws IOException {
        Set<String> routes = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.list(Paths.get("target/classes/dev/promptgate/console"))) {
            for (String file : files.map(f -> f.getFileName().toString()).toList()) {
                if (!file.endsWith(".class") || file.contains("$")) {
                    continue;
                }
                Class<?> type = load("dev.promptgate.console." + file.substring(0, file.length() - 6));
                Path base = type.getAnnotation(Path.class);
                for (Method method : type.getDeclaredMethods()) {
                    if (base == null || !method.isAnnotationPresent(POST.class)) {
                        continue;
                    }
                    Path sub = method.getAnnotation(Path.class);
                    routes.add((base.value() + (sub == null ? "" : "/" + sub.value())).replace("//", "/"));
                }
            }
        }
        assertTrue(routes.size() >= 20, "the console's routes were found: " + routes);
        return routes;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withBlocklistEntry(String json, String pattern) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode document = (ObjectNode) mapper.readTree(json);
        ArrayNode blocklist = document.withArray("blocklist");
        blocklist.addObject().put("pattern", pattern);
        return mapper.writeValueAsString(document);
    }
}
