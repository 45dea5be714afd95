package dev.promptgate.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogResourceTest {

    static final String CUSTOM =
            """
            {"name": "Acme Chat", "vendor": "Acme", "category": "TEXT", "risk": "MEDIUM",
             "hosts": ["chat.acme.example"], "inputSelectors": ["textarea"],
             "dataPolicy": {"trainsOnInputsByDefault": false, "historySteps": ["Open settings"],
                            "settingsUrl": "https://chat.acme.example/settings"}}
            """;

    static ValidatableResponse put(String key, String ifMatch, String body) {
        var request = given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put("/api/v1/services/{key}", key).then();
    }

    static String etag(String key) {
        return given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/services/{key}", key)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    /** A service's definition as PUT takes it: the GET body without the entry's own facts. */
    static ObjectNode definitionOf(String key) {
        try {
            ObjectNode view = (ObjectNode) new ObjectMapper()
                    .readTree(given().auth()
                            .oauth2(Tokens.admin())
                            .get("/api/v1/services/{key}", key)
                            .asString());
            view.remove(List.of("key", "builtIn", "catalogRevision", "customizedFields", "unverifiedFacts", "version"));
            return view;
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void freshDatabaseHoldsTheBuiltInCatalog() {
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("builtIn", true)
                .queryParam("size", 200)
                .get("/api/v1/services")
                .then()
                .statusCode(200)
                .body("total", greaterThanOrEqualTo(17))
                .body(
                        "items.key",
                        hasItems(
                                "chatgpt",
                                "gemini",
                                "midjourney",
                                "claude",
                                "microsoft-copilot",
                                "perplexity",
                                "deepseek",
                                "mistral-le-chat",
                                "poe",
                                "character-ai",
                                "grok",
                                "meta-ai",
                                "huggingchat",
                                "openai-platform",
                                "azure-openai"))
                .body("items.dataPolicy.reviewedOn", everyItem(notNullValue()));
    }

    @Test
    void chatGptEntryCarriesItsHostsAndDataPolicyFacts() {
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/services/chatgpt")
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("hosts", hasItems("chatgpt.com", "chat.openai.com", "chat.com", "labs.openai.com", "sora.com"))
                .body("builtIn", equalTo(true))
                .body("dataPolicy.trainsOnInputsByDefault", equalTo(true))
                .body("dataPolicy.ephemeralMode", notNullValue())
                .body("dataPolicy.settingsUrl", notNullValue());
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/services/gemini")
                .then()
                .body("hosts", hasItems("gemini.google.com", "bard.google.com"));
        given().auth()
                .oauth2(Tokens.viewer())
                .get("/api/v1/services/midjourney")
                .then()
                .body("hosts", hasItem("midjourney.com"))
                .body("hosts", hasItem(org.hamcrest.Matchers.startsWith("discord.com/channels/")));
    }

    @Test
    void adminCreatesEditsAndDeletesACustomService() {
        put("acme-chat", null, CUSTOM)
                .statusCode(201)
                .body("builtIn", equalTo(false))
                .body("enabled", equalTo(true));
        String etag = etag("acme-chat");
        put("acme-chat", etag, CUSTOM.replace("Acme Chat", "Acme Chat 2"))
                .statusCode(200)
                .body("name", equalTo("Acme Chat 2"));
        put("acme-chat", etag, CUSTOM).statusCode(412).contentType("application/problem+json");
        put("acme-chat", null, CUSTOM).statusCode(428);

        given().auth()
                .oauth2(Tokens.admin())
                .delete("/api/v1/services/acme-chat")
                .then()
                .statusCode(428);
        given().auth()
                .oauth2(Tokens.admin())
                .header("If-Match", etag("acme-chat"))
                .delete("/api/v1/services/acme-chat")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/services/acme-chat")
                .then()
                .statusCode(404);
    }

    @Test
    void builtInServiceCanBeDisabledButNotDeleted() {
        given().auth()
                .oauth2(Tokens.admin())
                .header("If-Match", etag("poe"))
                .delete("/api/v1/services/poe")
                .then()
                .statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("disable"));
        String disabled = definitionOf("poe").put("enabled", false).toString();
        put("poe", etag("poe"), disabled)
                .statusCode(200)
                .body("enabled", equalTo(false))
                .body("customizedFields", equalTo(List.of()));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("enabled", false)
                .get("/api/v1/services")
                .then()
                .body("items.key", hasItem("poe"));
    }

    @Test
    void invalidHostPatternIsRejectedNamingTheField() {
        put("bad-hosts", null, CUSTOM.replace("\"chat.acme.example\"", "\"chat.acme.example\", \"http://\""))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("hosts[1]"));
    }

    @Test
    void missingFieldsAreListedAndUnknownFieldsRejected() {
        put("incomplete", null, "{\"name\": \"x\"}")
                .statusCode(400)
                .body("errors.field", hasItems("vendor", "category", "hosts", "dataPolicy"));
        put("unknown-field", null, CUSTOM.replace("\"name\"", "\"colour\": \"red\", \"name\""))
                .statusCode(400)
                .body("errors.field", hasItem("colour"));
        put("Bad Key", null, CUSTOM).statusCode(400).body("errors.field", hasItem("key"));
    }

    @Test
    void viewerCannotChangeTheCatalog() {
        given().auth()
                .oauth2(Tokens.viewer())
                .contentType(ContentType.JSON)
                .body(CUSTOM)
                .put("/api/v1/services/viewer-made")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.viewer())
                .delete("/api/v1/services/chatgpt")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.viewer())
                .post("/api/v1/services/chatgpt/reset")
                .then()
                .statusCode(403);
    }

    @Test
    void listsPageWithABoundedSize() {
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("size", 5)
                .get("/api/v1/services")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(5))
                .body("size", equalTo(5))
                .body("total", greaterThanOrEqualTo(17));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("size", 201)
                .get("/api/v1/services")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("q", "openai")
                .get("/api/v1/services")
                .then()
                .body("items.key", hasItems("chatgpt", "openai-platform"))
                .body("items.key", not(hasItem("gemini")));
        given().auth()
                .oauth2(Tokens.viewer())
                .queryParam("category", "IMAGE")
                .get("/api/v1/services")
                .then()
                .body("items.category", everyItem(equalTo("IMAGE")))
                .body("items.key", hasItem("midjourney"));
    }
}
