package dev.promptgate.policy.guideline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.Management;
import dev.promptgate.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class GuidelineResourceTest {

    private static final String GUIDELINES = "/api/v1/guidelines";

    @Inject
    GuidelineService service;

    private static ValidatableResponse createDraft(String bearer, String title, String markdown) {
        return given().auth()
                .oauth2(bearer)
                .contentType(ContentType.JSON)
                .body(Map.of("title", title, "markdown", markdown))
                .post(GUIDELINES)
                .then();
    }

    private static long createDraft(String title, String markdown) {
        return ((Number) createDraft(Tokens.admin(), title, markdown)
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    private static String etagOf(long id) {
        return given().auth()
                .oauth2(Tokens.admin())
                .get(GUIDELINES + "/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    private static ValidatableResponse update(long id, String ifMatch, String title, String markdown) {
        var request = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.body(Map.of("title", title, "markdown", markdown))
                .put(GUIDELINES + "/{id}", id)
                .then();
    }

    private static ValidatableResponse publish(long id, String ifMatch) {
        var request = given().auth().oauth2(Tokens.admin());
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.post(GUIDELINES + "/{id}/publish", id).then();
    }

    private static ValidatableResponse delete(long id, String ifMatch) {
        var request = given().auth().oauth2(Tokens.admin());
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.delete(GUIDELINES + "/{id}", id).then();
    }

    private static long publishNewGuideline(String title) {
        long id = createDraft(title, "# " + title);
        publish(id, etagOf(id)).statusCode(200);
        return id;
    }

    @Test
    void draftIsEditedThenPublishedAsVersionOneAndTheNextAsVersionTwo() {
        QuarkusTransaction.requiringNew().run(() -> Guideline.deleteAll());
        given().auth()
                .oauth2(Tokens.viewer())
                .get(GUIDELINES + "/current")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertTrue(service.current().isEmpty());

        var created = createDraft(Tokens.admin(), "AI use", "# Draft")
                .statusCode(201)
                .header("Location", containsString(GUIDELINES + "/"))
                .header("ETag", "\"0\"")
                .body("status", equalTo("DRAFT"))
                .body("guidelineVersion", nullValue())
                .body("html", equalTo("<h1>Draft</h1>\n"))
                .body("createdBy", equalTo("alice"))
                .body("publishedAt", nullValue())
                .extract();
        long id = ((Number) created.path("id")).longValue();

        update(id, "\"0\"", "AI use at Example", "# Rules\n\n- Ask first")
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("title", equalTo("AI use at Example"))
                .body("html", equalTo("<h1>Rules</h1>\n<ul><li>Ask first</li></ul>\n"));

        publish(id, "\"1\"")
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("status", equalTo("PUBLISHED"))
                .body("guidelineVersion", equalTo(1))
                .body("publishedBy", equalTo("alice"))
                .body("publishedAt", notNullValue());

        given().auth()
                .oauth2(Tokens.viewer())
                .get(GUIDELINES + "/current")
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("id", equalTo((int) id))
                .body("guidelineVersion", equalTo(1));

        long second = createDraft("AI use, revised", "# Revised");
        assertEquals(1, service.current().orElseThrow().version(), "a new draft does not replace the current one");
        publish(second, etagOf(second)).statusCode(200).body("guidelineVersion", equalTo(2));

        given().auth()
                .oauth2(Tokens.admin())
                .get(GUIDELINES + "/current")
                .then()
                .statusCode(200)
                .body("id", equalTo((int) second))
                .body("guidelineVersion", equalTo(2));
        PublishedGuideline current = service.current().orElseThrow();
        assertEquals(2, current.version());
        assertEquals("AI use, revised", current.title());
        assertEquals("<h1>Revised</h1>\n", current.html());
    }

    @Test
    void draftsPublishedAtTheSameTimeGetDistinctConsecutiveVersions() throws Exception {
        List<Long> drafts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            drafts.add(createDraft("Concurrent " + i, "text"));
        }
        String admin = Tokens.admin();
        ExecutorService pool = Executors.newFixedThreadPool(drafts.size());
        try {
            List<Future<Integer>> published = new ArrayList<>();
            for (long id : drafts) {
                published.add(pool.submit(() -> given().auth()
                        .oauth2(admin)
                        .header("If-Match", "\"0\"")
                        .post(GUIDELINES + "/{id}/publish", id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Integer>path("guidelineVersion")));
            }
            TreeSet<Integer> versions = new TreeSet<>();
            for (Future<Integer> version : published) {
                versions.add(version.get(30, TimeUnit.SECONDS));
            }
            assertEquals(drafts.size(), versions.size());
            assertEquals(versions.first() + drafts.size() - 1, versions.last());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void publishedGuidelineCannotBeEditedDeletedOrPublishedAgain() {
        long id = publishNewGuideline("Frozen");
        String etag = etagOf(id);

        update(id, etag, "Changed", "changed")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("published"));
        delete(id, etag).statusCode(409);
        publish(id, etag).statusCode(409);

        given().auth()
                .oauth2(Tokens.admin())
                .get(GUIDELINES + "/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", etag)
                .body("title", equalTo("Frozen"));
    }

    @Test
    void writesWithoutIfMatchAreRefusedWith428() {
        long id = createDraft("Needs If-Match", "text");
        update(id, null, "x", "x").statusCode(428).contentType("application/problem+json");
        delete(id, null).statusCode(428);
        publish(id, null).statusCode(428);
        given().auth()
                .oauth2(Tokens.admin())
                .get(GUIDELINES + "/{id}", id)
                .then()
                .body("status", equalTo("DRAFT"))
                .body("title", equalTo("Needs If-Match"));
    }

    @Test
    void writesWithAStaleETagAreRefusedWith412() {
        long id = createDraft("Stale", "text");
        update(id, "\"0\"", "Fresh", "text").statusCode(200);

        update(id, "\"0\"", "Overwrite", "text").statusCode(412).contentType("application/problem+json");
        delete(id, "\"0\"").statusCode(412);
        publish(id, "\"0\"").statusCode(412);
        given().auth()
                .oauth2(Tokens.admin())
                .get(GUIDELINES + "/{id}", id)
                .then()
                .body("status", equalTo("DRAFT"))
                .body("title", equalTo("Fresh"));
    }

    @Test
    void adminDeletesADraft() {
        long id = createDraft("Short-lived", "text");
        delete(id, "\"0\"").statusCode(204);
        given().auth()
                .oauth2(Tokens.admin())
                .get(GUIDELINES + "/{id}", id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        delete(id, "\"0\"").statusCode(404);
    }

    @Test
    void viewerReadsGuidelinesButCannotWriteThem() {
        long published = publishNewGuideline("Readable");
        long draft = createDraft("Draft for viewer", "text");

        given().auth().oauth2(Tokens.viewer()).get(GUIDELINES).then().statusCode(200);
        given().auth()
                .oauth2(Tokens.viewer())
                .get(GUIDELINES + "/{id}", draft)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.viewer())
                .get(GUIDELINES + "/{id}", published)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.viewer())
                .get(GUIDELINES + "/current")
                .then()
                .statusCode(200);

        createDraft(Tokens.viewer(), "Nope", "text").statusCode(403).contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.viewer())
                .contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body(Map.of("title", "Nope", "markdown", "text"))
                .put(GUIDELINES + "/{id}", draft)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.viewer())
                .header("If-Match", "\"0\"")
                .delete(GUIDELINES + "/{id}", draft)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.viewer())
                .header("If-Match", "\"0\"")
                .post(GUIDELINES + "/{id}/publish", draft)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.viewer())
                .contentType(ContentType.JSON)
                .body(Map.of("markdown", "text"))
                .post(GUIDELINES + "/preview")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.admin())
                .get(GUIDELINES + "/{id}", draft)
                .then()
                .body("status", equalTo("DRAFT"))
                .body("version", equalTo(0));
    }

    @Test
    void callersWithoutARoleOrTokenAreRefused() {
        given().get(GUIDELINES).then().statusCode(401);
        given().get(GUIDELINES + "/current").then().statusCode(401);
        given().auth().oauth2(Tokens.noRole()).get(GUIDELINES).then().statusCode(403);
        createDraft(Tokens.noRole(), "Nope", "text").statusCode(403);
    }

    @Test
    void everyWriteIsAuditedWithBeforeAndAfter() {
        long id = createDraft("Audited", "one");
        update(id, "\"0\"", "Audited", "two").statusCode(200);
        publish(id, "\"1\"").statusCode(200);
        long deleted = createDraft("Audited and deleted", "gone");
        delete(deleted, "\"0\"").statusCode(204);

        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("entityType", "guideline")
                .queryParam("entityId", id)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("items.action", contains("publish", "update", "create"))
                .body("items.actor", everyItem(equalTo("alice")))
                .body("items[0].before.status", equalTo("DRAFT"))
                .body("items[0].after.status", equalTo("PUBLISHED"))
                .body("items[0].after.guidelineVersion", notNullValue())
                .body("items[1].before.markdown", equalTo("one"))
                .body("items[1].after.markdown", equalTo("two"))
                .body("items[2].before", nullValue())
                .body("items[2].after.html", equalTo("<p>one</p>\n"));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("entityType", "guideline")
                .queryParam("entityId", deleted)
                .get("/api/v1/audit")
                .then()
                .body("items.action", contains("delete", "create"))
                .body("items[0].before.title", equalTo("Audited and deleted"))
                .body("items[0].after", nullValue());
    }

    @Test
    void listIsFilteredByStatusWithDraftsFirstAndHighestVersionFirst() {
        publishNewGuideline("Listed one");
        publishNewGuideline("Listed two");
        createDraft("Listed draft", "text");

        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("status", "DRAFT")
                .get(GUIDELINES)
                .then()
                .statusCode(200)
                .body("items.status", everyItem(equalTo("DRAFT")))
                .body("items.title", hasItem("Listed draft"));
        List<Integer> versions = given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("status", "PUBLISHED")
                .queryParam("size", 200)
                .get(GUIDELINES)
                .then()
                .statusCode(200)
                .body("items.status", everyItem(equalTo("PUBLISHED")))
                .extract()
                .path("items.guidelineVersion");
        assertEquals(versions.stream().sorted((a, b) -> b - a).toList(), versions);
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("size", 1)
                .get(GUIDELINES)
                .then()
                .statusCode(200)
                .body("items[0].status", equalTo("DRAFT"))
                .body("size", equalTo(1));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("status", "ARCHIVED")
                .get(GUIDELINES)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("status"));
    }

    @Test
    void titleAndMarkdownAreValidated() {
        createDraft(Tokens.admin(), " ", "text").statusCode(400).body("errors.field", hasItem("title"));
        createDraft(Tokens.admin(), "t".repeat(201), "text").statusCode(400).body("errors.field", hasItem("title"));
        createDraft(Tokens.admin(), "t".repeat(200), "x".repeat(100_000)).statusCode(201);
        createDraft(Tokens.admin(), "Too long", "x".repeat(100_001))
                .statusCode(400)
                .body("errors.field", hasItem("markdown"));
        createDraft(Tokens.admin(), "Too deep", ">".repeat(500))
                .statusCode(400)
                .body("errors.field", hasItem("markdown"));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("title", "No markdown"))
                .post(GUIDELINES)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("markdown"));
    }

    @Test
    void unknownGuidelineIs404() {
        given().auth()
                .oauth2(Tokens.admin())
                .get(GUIDELINES + "/{id}", Long.MAX_VALUE)
                .then()
                .statusCode(404);
        update(Long.MAX_VALUE, "\"0\"", "x", "x").statusCode(404);
        publish(Long.MAX_VALUE, "\"0\"").statusCode(404);
    }

    @ParameterizedTest
    @MethodSource("dev.promptgate.policy.guideline.HtmlSafety#payloads")
    void injectedScriptIsNeitherStoredNorReturned(String payload) {
        var created = createDraft(Tokens.admin(), "XSS", "Intro\n\n" + payload)
                .statusCode(201)
                .extract();
        HtmlSafety.assertInert(created.path("html"));
        long id = ((Number) created.path("id")).longValue();
        String stored = QuarkusTransaction.requiringNew().call(() -> Guideline.<Guideline>findById(id).html);
        HtmlSafety.assertInert(stored);
        String published = publish(id, "\"0\"").statusCode(200).extract().path("html");
        HtmlSafety.assertInert(published);

        String preview = given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("markdown", payload))
                .post(GUIDELINES + "/preview")
                .then()
                .statusCode(200)
                .extract()
                .path("html");
        HtmlSafety.assertInert(preview);
    }

    @Test
    void previewRendersMarkdownWithoutStoringIt() {
        long before = QuarkusTransaction.requiringNew().call(() -> Guideline.count());
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "markdown",
                                "# Rules\n\n- one\n\n[policy](https://example.com)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`code`"))
                .post(GUIDELINES + "/preview")
                .then()
                .statusCode(200)
                .body("html", containsString("<h1>Rules</h1>"))
                .body("html", containsString("<ul><li>one</li></ul>"))
                .body("html", containsString("<a href=\"https://example.com\" target=\"_blank\""))
                .body("html", containsString("<table><thead><tr><th>a</th>"))
                .body("html", containsString("<code>code</code>"));
        long after = QuarkusTransaction.requiringNew().call(() -> Guideline.count());
        assertEquals(before, after);
    }

    @Test
    void openApiDocumentsEveryGuidelineOperation() {
        var openApi = Management.given()
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200);
        openApi.body("paths.'/api/v1/guidelines'.get.operationId", equalTo("listGuidelines"))
                .body("paths.'/api/v1/guidelines'.post.operationId", equalTo("createGuidelineDraft"))
                .body("paths.'/api/v1/guidelines/current'.get.operationId", equalTo("getCurrentGuideline"))
                .body("paths.'/api/v1/guidelines/{id}'.get.operationId", equalTo("getGuideline"))
                .body("paths.'/api/v1/guidelines/{id}'.put.operationId", equalTo("updateGuidelineDraft"))
                .body("paths.'/api/v1/guidelines/{id}'.delete.operationId", equalTo("deleteGuidelineDraft"))
                .body("paths.'/api/v1/guidelines/{id}/publish'.post.operationId", equalTo("publishGuideline"))
                .body("paths.'/api/v1/guidelines/preview'.post.operationId", equalTo("previewGuideline"))
                .body("paths.'/api/v1/guidelines/{id}'.put.responses", hasKey("409"))
                .body("paths.'/api/v1/guidelines/{id}'.put.responses", hasKey("412"))
                .body("paths.'/api/v1/guidelines/{id}'.put.responses", hasKey("428"))
                .body("paths.'/api/v1/guidelines/{id}/publish'.post.responses", hasKey("409"))
                .body("paths.'/api/v1/guidelines/current'.get.responses", hasKey("404"));
    }

    @Test
    void previewOfNinetyNineThousandAngleBracketsIsAnsweredWithTheirText() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("markdown", "<".repeat(99_000)))
                .post(GUIDELINES + "/preview")
                .then()
                .statusCode(200)
                .body("html", equalTo("<p>" + "&lt;".repeat(99_000) + "</p>\n"));
    }

    @Test
    void previewOfTooMuchMarkdownIsRefusedNamingTheFieldAndTheLimit() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("markdown", "<".repeat(GuidelineRenderer.MAX_MARKDOWN + 1)))
                .post(GUIDELINES + "/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("markdown"))
                .body("errors.message", contains("must be at most 100000 characters"));
    }

    @Test
    void previewOfDeeplyNestedQuotesIsRefusedNamingTheField() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("markdown", ">".repeat(99_000)))
                .post(GUIDELINES + "/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("markdown"));
    }
}
