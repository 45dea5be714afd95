package dev.promptgate.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptgate.testing.AdminApi;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The policy-as-code screen: export as the API exports, import shown as a dry run first and applied with the
 * preview's ETag, a policy changed meanwhile never overwritten, and bad documents refused with the text kept.
 */
@QuarkusTest
class ConsolePolicyTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern ETAG = Pattern.compile("name=\"etag\" value=\"([^\"]+)\"");

    static ObjectNode exported() throws Exception {
        String body = AdminApi.read("/api/v1/policy?format=json").asString();
        return (ObjectNode) JSON.readTree(body);
    }

    static String apiEtag() {
        return given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/policy")
                .then()
                .extract()
                .header("ETag");
    }

    static List<String> blocked() throws Exception {
        return exported().get("blocklist").findValuesAsText("pattern");
    }

    static String withBlockedHost(ObjectNode document, String host) throws Exception {
        ((ArrayNode) document.get("blocklist")).addObject().put("pattern", host).put("reason", "From the console");
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    }

    /** The preview page of this document (200 expected). */
    static String previewed(SignedInConsole admin, String document) {
        return admin.form()
                .formParam("document", document)
                .post("/console/policy/preview")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Test
    void exportIsTheApisDocument() {
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        String api = AdminApi.read("/api/v1/policy?format=yaml").asString();
        viewer.request()
                .get("/console/policy/export?format=yaml")
                .then()
                .statusCode(200)
                .header("Content-Disposition", "attachment; filename=promptgate-policy.yaml")
                .body(equalTo(api));
        viewer.request()
                .get("/console/policy/export?format=json")
                .then()
                .statusCode(200)
                .header("Content-Disposition", "attachment; filename=promptgate-policy.json")
                .body("schemaVersion", equalTo(1));
    }

    @Test
    void previewShowsTheChangesAndChangesNothingThenApplyMakesThem() throws Exception {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String host = "pac-" + UUID.randomUUID() + ".example";
        String document = withBlockedHost(exported(), host);
        String page = previewed(admin, document);
        assertTrue(page.contains("<td class=\"diff-add\">add</td><td>blocklist</td><td><code>organization/" + host));
        assertTrue(page.contains("Apply 1 change"));
        assertFalse(blocked().contains(host), "a preview applies nothing");
        Matcher etag = ETAG.matcher(page);
        assertTrue(etag.find());
        assertEquals(apiEtag(), unescape(etag.group(1)), "the apply carries the ETag the changes were computed from");

        admin.form()
                .formParam("document", document)
                .formParam("etag", unescape(etag.group(1)))
                .post("/console/policy/apply")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/policy?applied=1"));
        assertTrue(blocked().contains(host));
        admin.request().get("/console/policy?applied=1").then().body(containsString("Applied 1 change."));
    }

    @Test
    void applyAfterSomeoneElseChangedThePolicyAppliesNothingAndShowsTheChangesNow() throws Exception {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String host = "stale-" + UUID.randomUUID() + ".example";
        String document = withBlockedHost(exported(), host);
        String page = previewed(admin, document);
        Matcher etag = ETAG.matcher(page);
        assertTrue(etag.find());
        String group = "Meanwhile " + UUID.randomUUID();
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"idpValue\": \"%s\", \"priority\": 1}".formatted(group, group))
                .post("/api/v1/groups")
                .then()
                .statusCode(201);
        String answer = admin.form()
                .formParam("document", document)
                .formParam("etag", unescape(etag.group(1)))
                .post("/console/policy/apply")
                .then()
                .statusCode(412)
                .body(containsString("The policy was changed by someone else since your preview"))
                .extract()
                .asString();
        // Applied now, the document would remove the group made meanwhile: the page says so before anything happens.
        assertTrue(answer.contains("<td class=\"diff-remove\">remove</td><td>group</td><td><code>" + group));
        assertFalse(blocked().contains(host), "nothing was applied");
        Matcher fresh = ETAG.matcher(answer);
        assertTrue(fresh.find());
        assertEquals(apiEtag(), unescape(fresh.group(1)), "applying again needs the new preview");
    }

    @Test
    void badDocumentsAreRefusedWithTheReasonAndTheTextKept() throws Exception {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String etagBefore = apiEtag();
        String broken = "schemaVersion: 1\nsettings: [unclosed <b>bold</b>\n";
        admin.form()
                .formParam("document", broken)
                .post("/console/policy/preview")
                .then()
                .statusCode(400)
                .body(containsString("is not a valid policy document in YAML (line"))
                .body(containsString("schemaVersion: 1\nsettings: [unclosed &lt;b&gt;bold&lt;/b&gt;\n</textarea>"));

        ObjectNode document = exported();
        document.put("schemaVersion", 2);
        String wrongVersion = JSON.writeValueAsString(document);
        String page = admin.form()
                .formParam("document", wrongVersion)
                .post("/console/policy/preview")
                .then()
                .statusCode(400)
                .body(containsString("schemaVersion"))
                .body(containsString("this server reads schema version 1"))
                .extract()
                .asString();
        assertTrue(unescape(page).contains(wrongVersion + "</textarea>"), "the pasted document stays in the form");

        document = exported();
        document.put("surprise", true);
        admin.form()
                .formParam("document", JSON.writeValueAsString(document))
                .formParam("etag", etagBefore)
                .post("/console/policy/apply")
                .then()
                .statusCode(400)
                .body(containsString("surprise"));
        assertEquals(etagBefore, apiEtag(), "nothing was applied");
    }

    @Test
    void hostileNamesInADocumentAreShownAsText() throws Exception {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        ObjectNode document = exported();
        String attack = "<script>alert(1)</script>" + UUID.randomUUID();
        ((ArrayNode) document.get("groups"))
                .addObject()
                .put("name", attack)
                .put("idpValue", "xss-" + UUID.randomUUID())
                .put("priority", 2);
        String html = previewed(admin, JSON.writeValueAsString(document));
        assertFalse(html.contains("<script>alert"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    void viewerSeesNoImportAndIsRefusedPreviewAndApply() throws Exception {
        SignedInConsole viewer = SignedInConsole.signIn(ConsolePagesTest.viewerToken());
        viewer.request()
                .get("/console/policy")
                .then()
                .statusCode(200)
                .body(containsString("Download as YAML"))
                .body(not(containsString("Show the changes")));
        String host = "viewer-" + UUID.randomUUID() + ".example";
        String document = withBlockedHost(exported(), host);
        viewer.form()
                .formParam("document", document)
                .post("/console/policy/preview")
                .then()
                .statusCode(403);
        viewer.form()
                .formParam("document", document)
                .formParam("etag", apiEtag())
                .post("/console/policy/apply")
                .then()
                .statusCode(403);
        assertFalse(blocked().contains(host));
    }

    @Test
    void applyWithoutTheCsrfTokenIsRefused() throws Exception {
        SignedInConsole admin = SignedInConsole.signIn(Tokens.BOOTSTRAP);
        String host = "csrf-" + UUID.randomUUID() + ".example";
        admin.request()
                .formParam("document", withBlockedHost(exported(), host))
                .formParam("etag", apiEtag())
                .post("/console/policy/apply")
                .then()
                .statusCode(403);
        assertFalse(blocked().contains(host));
    }
}
