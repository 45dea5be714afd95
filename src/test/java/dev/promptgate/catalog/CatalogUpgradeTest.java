package dev.promptgate.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.promptgate.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A newer release's catalog updates built-in entries on start, but never what an admin changed. */
@QuarkusTest
class CatalogUpgradeTest {

    @Inject
    BuiltinCatalog builtin;

    @Test
    void upgradeRefreshesShippedFieldsAndKeepsTheAdminsChanges() {
        String etag = CatalogResourceTest.etag("deepseek");
        var definition = CatalogResourceTest.definitionOf("deepseek");
        definition.put("name", "DeepSeek (banned here)");
        CatalogResourceTest.put("deepseek", etag, definition.toString())
                .statusCode(200)
                .body("customizedFields", contains("name"));

        // The database as an older release left it: an older revision, an outdated vendor fact.
        QuarkusTransaction.requiringNew()
                .run(() -> AiService.update("catalogRevision = 0, vendor = 'Old Vendor Name' where key = 'deepseek'"));

        QuarkusTransaction.requiringNew().run(() -> builtin.upgradeOnStart(null));

        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/services/deepseek")
                .then()
                .body("name", equalTo("DeepSeek (banned here)"))
                .body(
                        "vendor",
                        equalTo(builtin.definition("deepseek").orElseThrow().vendor()))
                .body("catalogRevision", equalTo(builtin.revision()));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("entityType", "ai-service")
                .queryParam("entityId", "deepseek")
                .queryParam("action", "builtin-upgrade")
                .get("/api/v1/audit")
                .then()
                .body("items[0].actor", equalTo("system"))
                .body("items[0].before.vendor", equalTo("Old Vendor Name"));
    }

    @Test
    void upgradeKeepsAnOverriddenFactWithItsSourceAndListsWhatChanged() {
        var definition = CatalogResourceTest.definitionOf("v0");
        ((com.fasterxml.jackson.databind.node.ObjectNode) definition.path("dataPolicy"))
                .put("retention", "Our contract with Vercel: 0 days.");
        CatalogResourceTest.put("v0", CatalogResourceTest.etag("v0"), definition.toString())
                .statusCode(200)
                .body("customizedFields", contains("dataPolicy.retention"));
        FactSource contract = new FactSource(
                "https://contracts.acme.example/vercel", true, null, java.time.LocalDate.parse("2026-11-30"));
        QuarkusTransaction.requiringNew().run(() -> {
            AiService stored = AiService.findById("v0");
            stored.catalogRevision = 1;
            stored.risk = AiService.Risk.LOW;
            stored.factSources = new java.util.LinkedHashMap<>(stored.factSources);
            stored.factSources.put("retention", contract);
        });

        QuarkusTransaction.requiringNew().run(() -> builtin.upgradeOnStart(null));

        ServiceDefinition shipped = builtin.definition("v0").orElseThrow();
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/services/v0")
                .then()
                .body("risk", equalTo(shipped.risk().name()))
                .body("dataPolicy.retention", equalTo("Our contract with Vercel: 0 days."))
                .body("dataPolicy.sources.retention.url", equalTo(contract.url()))
                .body(
                        "dataPolicy.sources.historySteps.note",
                        equalTo(shipped.dataPolicy()
                                .sources()
                                .get("historySteps")
                                .note()))
                .body("catalogRevision", equalTo(builtin.revision()));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("service", "v0")
                .get("/api/v1/catalog/changes")
                .then()
                .statusCode(200)
                .body("items[0].change", equalTo("UPGRADED"))
                .body("items[0].fromRevision", equalTo(1))
                .body("items[0].toRevision", equalTo(builtin.revision()))
                .body("items[0].changedFields", hasItems("risk", "dataPolicy.sources"))
                .body("items[0].keptFields", contains("dataPolicy.retention"));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("entityType", "ai-service")
                .queryParam("entityId", "v0")
                .queryParam("action", "builtin-upgrade")
                .get("/api/v1/audit")
                .then()
                .body("items[0].before.risk", equalTo("LOW"))
                .body("items[0].after.risk", equalTo(shipped.risk().name()));
    }

    @Test
    void upgradeWithNothingDifferentRecordsNoChange() {
        QuarkusTransaction.requiringNew().run(() -> AiService.update("catalogRevision = 1 where key = 'genspark'"));
        QuarkusTransaction.requiringNew().run(() -> builtin.upgradeOnStart(null));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("service", "genspark")
                .get("/api/v1/catalog/changes")
                .then()
                .body("items.change", not(hasItem("UPGRADED")));
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/services/genspark")
                .then()
                .body("catalogRevision", equalTo(builtin.revision()));
    }

    @Test
    void upgradeAddsBuiltInServicesMissingFromTheDatabase() {
        QuarkusTransaction.requiringNew().run(() -> AiService.deleteById("notebooklm"));
        QuarkusTransaction.requiringNew().run(() -> builtin.upgradeOnStart(null));
        AiService restored = QuarkusTransaction.requiringNew().call(() -> AiService.findById("notebooklm"));
        assertNotNull(restored);
        assertEquals(builtin.definition("notebooklm").orElseThrow().hosts(), restored.hosts);
    }

    @Test
    void resetDropsTheAdminsChanges() {
        var definition = CatalogResourceTest.definitionOf("perplexity");
        definition.put("risk", "LOW");
        CatalogResourceTest.put("perplexity", CatalogResourceTest.etag("perplexity"), definition.toString())
                .statusCode(200)
                .body("customizedFields", contains("risk"));
        given().auth()
                .oauth2(Tokens.admin())
                .header("If-Match", CatalogResourceTest.etag("perplexity"))
                .contentType(ContentType.JSON)
                .post("/api/v1/services/perplexity/reset")
                .then()
                .statusCode(200)
                .body(
                        "risk",
                        equalTo(builtin.definition("perplexity")
                                .orElseThrow()
                                .risk()
                                .name()))
                .body("customizedFields", equalTo(List.of()));
    }
}
