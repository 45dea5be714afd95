package dev.promptgate.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.promptgate.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/** The review report: facts older than the configured age, and services whose facts are unverified. */
@QuarkusTest
class CatalogReviewTest {

    private static void reviewFactOn(String key, String fact, LocalDate date) {
        QuarkusTransaction.requiringNew().run(() -> {
            AiService service = AiService.findById(key);
            FactSource source = service.factSources.get(fact);
            service.factSources = new LinkedHashMap<>(service.factSources);
            service.factSources.put(fact, new FactSource(source.url(), source.verified(), source.note(), date));
        });
    }

    @Test
    void reportListsAFactReviewedLongerAgoThanTheConfiguredAge() {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        reviewFactOn("lovable", "retention", today.minusDays(91));
        reviewFactOn("lovable", "businessOffering", today.minusDays(89));

        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/catalog/review")
                .then()
                .statusCode(200)
                .body("maxAgeDays", equalTo(90))
                .body("reviewedBefore", equalTo(today.minusDays(90).toString()))
                .body("staleFacts.findAll { it.serviceKey == 'lovable' }.fact", hasItem("retention"))
                .body("staleFacts.findAll { it.serviceKey == 'lovable' }.fact", not(hasItem("businessOffering")));

        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("olderThanDays", 30)
                .get("/api/v1/catalog/review")
                .then()
                .statusCode(200)
                .body("maxAgeDays", equalTo(30))
                .body("staleFacts.findAll { it.serviceKey == 'lovable' }.fact", hasItem("businessOffering"));
    }

    @Test
    void reportListsServicesWithUnverifiedFactsAndWhatWasFound() {
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/catalog/review")
                .then()
                .statusCode(200)
                .body("unverified.find { it.serviceKey == 'deepseek' }.facts.fact", hasItem("historySteps"))
                .body(
                        "unverified.find { it.serviceKey == 'deepseek' }.facts.find { it.fact == 'historySteps' }.note",
                        org.hamcrest.Matchers.containsString("No DeepSeek page"))
                .body("unverified.find { it.serviceKey == 'lmarena' }.facts.fact", not(hasItem("historySteps")));
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/services/deepseek")
                .then()
                .body("unverifiedFacts", hasItem("trainsOnInputsByDefault"))
                .body("dataPolicy.sources.historySteps.verified", equalTo(false));
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/services/github-copilot")
                .then()
                .body("unverifiedFacts", not(hasItem("historySteps")))
                .body(
                        "dataPolicy.sources.historySteps.url",
                        equalTo("https://docs.github.com/en/copilot/how-tos/manage-your-account/manage-policies"));
    }

    @Test
    void reviewAndChangesNeedARole() {
        for (String path : new String[] {"/api/v1/catalog/review", "/api/v1/catalog/changes"}) {
            given().get(path).then().statusCode(401);
            given().auth().oauth2(Tokens.noRole()).get(path).then().statusCode(403);
            given().auth().oauth2(Tokens.viewer()).get(path).then().statusCode(200);
        }
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("olderThanDays", 0)
                .get("/api/v1/catalog/review")
                .then()
                .statusCode(400);
    }

    @Test
    void anUnverifiedFactNeedsANoteAndAVerifiedOneAUrl() {
        var definition = CatalogResourceTest.definitionOf("bolt");
        var sources = (com.fasterxml.jackson.databind.node.ObjectNode)
                definition.path("dataPolicy").path("sources");
        sources.putObject("retention").put("verified", false).put("reviewedOn", "2026-12-01");
        sources.putObject("historySteps").put("verified", true).put("reviewedOn", "2026-12-01");
        sources.putObject("madeUp")
                .put("verified", true)
                .put("url", "https://example.com/")
                .put("reviewedOn", "2026-12-01");
        CatalogResourceTest.put("bolt", CatalogResourceTest.etag("bolt"), definition.toString())
                .statusCode(400)
                .body("errors.field", hasItem("dataPolicy.sources.retention.note"))
                .body("errors.field", hasItem("dataPolicy.sources.historySteps.url"))
                .body("errors.field", hasItem("dataPolicy.sources.madeUp"))
                .body("errors", not(empty()));
    }
}
