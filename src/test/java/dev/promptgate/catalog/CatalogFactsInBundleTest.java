package dev.promptgate.catalog;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import dev.promptgate.testing.Client;
import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What browsers get of a fact's source: checked steps name their page, unverified ones are flagged. */
@QuarkusTest
class CatalogFactsInBundleTest {

    private static void remindOn(String key) {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"action\": \"WARN\", \"historyReminder\": true}")
                .put("/api/v1/rules/organization/{key}", key)
                .then()
                .statusCode(201);
    }

    @Test
    void reminderCarriesTheSourceOfCheckedStepsAndFlagsUnverifiedOnes() {
        String enrollment = Enrollment.newToken("catalog facts in the bundle");
        remindOn("lmarena");
        remindOn("doubao");
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            JsonPath bundle = Client.policy(enrollment).jsonPath();
            return bundle.get("services.find { it.key == 'lmarena' }.historyReminder") != null
                    && bundle.get("services.find { it.key == 'doubao' }.historyReminder") != null;
        });
        Client.policy(enrollment)
                .then()
                .statusCode(200)
                .body("services.find { it.key == 'lmarena' }.historyReminder.source", equalTo("https://lmarena.ai/faq"))
                .body("services.find { it.key == 'lmarena' }.historyReminder.reviewedOn", equalTo("2026-12-02"))
                .body("services.find { it.key == 'lmarena' }.unverifiedFacts", hasItem("settingsUrl"))
                .body("services.find { it.key == 'doubao' }.historyReminder.source", nullValue())
                .body(
                        "services.find { it.key == 'doubao' }.unverifiedFacts",
                        hasItems("historySteps", "trainsOnInputsByDefault"));
    }
}
