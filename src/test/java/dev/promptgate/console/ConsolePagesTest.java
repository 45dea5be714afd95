package dev.promptgate.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every console page: its CSP, what a viewer sees and may do, hostile text rendered inert, and a token's secret shown
 * once.
 */
@QuarkusTest
class ConsolePagesTest {

    static final List<String> PAGES = List.of(
            "/console/",
            "/console/services",
            "/console/services/chatgpt",
            "/console/guidelines",
            "/console/lists",
            "/console/lists?url=https://chatgpt.com/",
            "/console/groups",
            "/console/tokens",
            "/console/deployment",
            "/console/deployment?browser=firefox",
            "/console/audit",
            "/console/audit?entityType=group&action=create",
            "/console/signing-keys",
            "/console/settings",
            "/console/policy",
            "/console/reports",
            "/console/reports/shadow-ai",
            "/console/reports/acknowledgements",
            "/console/reports/dlp",
            "/console/events",
            "/console/events?type=visit&serviceKey=chatgpt");

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

    static String viewerToken() {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"console viewer %s\", \"role\": \"viewer\", \"expiresAt\": \"%s\"}"
                        .formatted(UUID.randomUUID(), java.time.Instant.now().plus(java.time.Duration.ofDays(30))))
                .post("/api/v1/api-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    @Test
    void everyPageAndTheSignInPageCarryTheStrictCsp() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        for (String page : PAGES) {
            admin.request()
                    .get(page)
                    .then()
                    .statusCode(200)
                    .header("Content-Security-Policy", containsString(CSP))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .body(not(containsString("<script>")))
                    .body(not(containsString(" style=\"")));
        }
        given().get("/console/sign-in").then().statusCode(200).header("Content-Security-Policy", containsString(CSP));
        given().get("/console/static/console.css")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString(CSP));
    }

    @Test
    void viewerSeesNoChangeControls() {
        SignedInConsole viewer = SignedInConsole.signIn(viewerToken());
        for (String page : PAGES) {
            String html =
                    viewer.request().get(page).then().statusCode(200).extract().asString();
            Matcher forms =
                    Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"").matcher(html);
            while (forms.find()) {
                assertEquals(
                        "/console/sign-out", forms.group(1), page + " offers a viewer a change: " + forms.group(1));
            }
        }
    }

    @Test
    void viewerChangeRequestsAreRefused() {
        SignedInConsole viewer = SignedInConsole.signIn(viewerToken());
        String name = "viewer-" + UUID.randomUUID();
        viewer.form()
                .formParam("name", name)
                .formParam("idpValue", name)
                .formParam("priority", "1")
                .post("/console/groups")
                .then()
                .statusCode(403);
        viewer.form()
                .formParam("action", "BLOCK")
                .post("/console/services/chatgpt/rules")
                .then()
                .statusCode(403);
        viewer.form()
                .formParam("title", name)
                .formParam("markdown", "x")
                .post("/console/guidelines")
                .then()
                .statusCode(403);
        viewer.form()
                .formParam("pattern", name + ".example")
                .post("/console/lists")
                .then()
                .statusCode(403);
        viewer.form()
                .formParam("name", name)
                .post("/console/tokens/enrollment")
                .then()
                .statusCode(403);
        viewer.form()
                .formParam("name", name)
                .formParam("role", "admin")
                .post("/console/tokens/api")
                .then()
                .statusCode(403);
        viewer.form()
                .formParam("enrollmentToken", "pg_et_x")
                .post("/console/deployment")
                .then()
                .statusCode(403);
        viewer.request().get("/console/groups").then().body(not(containsString(name)));
    }

    @Test
    void hostileTextInNamesMessagesAndGuidelinesIsInert() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String attack = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        admin.form()
                .formParam("name", "G " + attack)
                .formParam("idpValue", "xss-" + UUID.randomUUID())
                .formParam("priority", "3")
                .post("/console/groups")
                .then()
                .statusCode(303);
        admin.form()
                .formParam("action", "WARN")
                .formParam("message", "M " + attack)
                .post("/console/services/perplexity/rules")
                .then()
                .statusCode(303);
        String draft = admin.form()
                .formParam("title", "T " + attack)
                .formParam("markdown", "Hello " + attack + "\n\n[x](javascript:alert(3))")
                .post("/console/guidelines")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        for (String page : List.of("/console/groups", "/console/services/perplexity", draft)) {
            String html =
                    admin.request().get(page).then().statusCode(200).extract().asString();
            assertFalse(html.contains("<script>alert"), page + " renders a script element");
            assertFalse(html.contains("<img src=x"), page + " renders an image with a handler");
            assertFalse(html.contains("href=\"javascript:"), page + " renders a javascript: link");
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page + " shows the text as text");
        }
    }

    /**
     * A NUL in a group's name, a guideline's Markdown, a list entry's reason or a token's name: refused with 400
     * naming the field, as the API refuses it, and nothing stored (PostgreSQL refused the NUL with a 500 before).
     */
    @Test
    void controlCharactersInAFormAreRefusedNamingTheFieldAndNothingIsStored() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String unique = UUID.randomUUID().toString();
        record Post(String path, String field, List<String> form) {}
        for (Post post : List.of(
                new Post("/console/groups", "name", List.of("idpValue", "nul-" + unique, "priority", "1")),
                new Post("/console/guidelines", "markdown", List.of("title", "nul " + unique)),
                new Post(
                        "/console/lists",
                        "reason",
                        List.of("list", "BLOCKLIST", "pattern", "nul-" + unique + ".example")),
                new Post("/console/tokens/enrollment", "name", List.of()))) {
            var request = admin.form().formParam(post.field(), "Fin\u0000ance " + unique);
            for (int i = 0; i < post.form().size(); i += 2) {
                request.formParam(post.form().get(i), post.form().get(i + 1));
            }
            var refused = request.post(post.path()).then().extract();
            assertEquals(400, refused.statusCode(), post.path() + ": " + refused.asString());
            assertEquals("application/problem+json", refused.contentType());
            assertEquals(List.of(post.field()), refused.jsonPath().getList("errors.field"), post.path());
        }
        // Every write is audited in the same transaction, newest first: nothing of the refused forms is there.
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/audit?size=200")
                .then()
                .statusCode(200)
                .body(not(containsString(unique)));
    }

    @Test
    void newTokenSecretIsShownOnceOnly() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String enrollment = issuedSecret(admin.form()
                .formParam("name", "once " + UUID.randomUUID())
                .formParam("days", "0")
                .post("/console/tokens/enrollment"));
        String api = issuedSecret(admin.form()
                .formParam("name", "once " + UUID.randomUUID())
                .formParam("role", "viewer")
                .formParam("days", "30")
                .post("/console/tokens/api"));
        for (String page : PAGES) {
            admin.request()
                    .get(page)
                    .then()
                    .body(not(containsString(enrollment)))
                    .body(not(containsString(api)));
        }
        given().auth().oauth2(enrollment).get("/api/v1/client/policy").then().statusCode(200);
        given().auth().oauth2(api).get("/api/v1/groups").then().statusCode(200);
    }

    /** The secret on the page that created a token, which no cache may keep. */
    private static String issuedSecret(io.restassured.response.Response created) {
        String html = created.then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .extract()
                .asString();
        Matcher secret = Pattern.compile("id=\"issued-secret\">(pg_[^<]+)<").matcher(html);
        assertTrue(secret.find(), "the new secret is on the page that created it");
        return secret.group(1);
    }

    @Test
    void staleEditShowsWhatChangedAndOverwritesNothing() {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String idp = "conflict-" + UUID.randomUUID();
        var created = given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"Before\", \"idpValue\": \"%s\", \"priority\": 5}".formatted(idp))
                .post("/api/v1/groups")
                .then()
                .statusCode(201)
                .extract();
        int id = created.path("id");
        int version = created.path("version");
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", created.header("ETag"))
                .body("{\"name\": \"Theirs\", \"idpValue\": \"%s\", \"priority\": 5}".formatted(idp))
                .put("/api/v1/groups/" + id)
                .then()
                .statusCode(200);
        admin.form()
                .formParam("version", version)
                .formParam("name", "Mine")
                .formParam("idpValue", idp)
                .formParam("priority", "5")
                .post("/console/groups/" + id)
                .then()
                .statusCode(412)
                .body(containsString("was changed by someone else"))
                .body(containsString("<td>Mine</td><td>Theirs</td>"))
                .body(containsString("Reload the current version"));
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/groups/" + id)
                .then()
                .body("name", org.hamcrest.Matchers.equalTo("Theirs"));
    }
}
