package dev.promptgate.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
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
