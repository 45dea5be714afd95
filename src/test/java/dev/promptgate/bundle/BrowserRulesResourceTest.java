package dev.promptgate.bundle;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.Enrollment;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** What the preview tells an admin about the rules a browser will need for a group's policy. */
@QuarkusTest
class BrowserRulesResourceTest {

    private static final String PATH = "/api/v1/policy/preview/browser-rules";

    private static JsonPath count(String group) {
        var request = given().auth().oauth2(Tokens.viewer());
        if (group != null) {
            request.queryParam("group", group);
        }
        return request.get(PATH).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void countsTheRulesAGroupsEntriesAdd() {
        String name = "rules-" + UUID.randomUUID().toString().substring(0, 8);
        long groupId = given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"idpValue\": \"" + name + "\", \"priority\": 3}")
                .post("/api/v1/groups")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        block(groupId, "base-" + name + ".example", "ftp://base-" + name + ".example");
        JsonPath before = Awaitility.await()
                .until(() -> count(name), c -> c.getList("notExpressible").contains("ftp://base-" + name + ".example"));
        block(groupId, name + ".example/private", "ftp://" + name + ".example");
        // The group's bundle is compiled again once the change is announced.
        JsonPath after = Awaitility.await()
                .until(() -> count(name), c -> c.getList("notExpressible").contains("ftp://" + name + ".example"));
        assertEquals(before.getInt("rules") + 1, after.getInt("rules"), "one more rule for the host and path");
        assertEquals(before.getInt("redirect") + 1, after.getInt("redirect"));
        assertEquals(before.getInt("regex") + 1, after.getInt("regex"), "a regex while the budget lasts");
        assertTrue(after.getBoolean("fits"));
        assertEquals(1_000, after.getInt("limits.maxRegexRules"));
        // The organization's policy does not have the group's entries.
        assertTrue(!count(null).getList("notExpressible").contains("ftp://" + name + ".example"));
    }

    private static void block(long groupId, String... patterns) {
        for (String pattern : patterns) {
            given().auth()
                    .oauth2(Tokens.admin())
                    .contentType(ContentType.JSON)
                    .body("{\"pattern\": \"" + pattern + "\", \"groupId\": " + groupId + "}")
                    .post("/api/v1/blocklist")
                    .then()
                    .statusCode(201);
        }
    }

    @Test
    void onlyAdminsAndViewersMayAsk() {
        given().get(PATH).then().statusCode(401);
        given().auth()
                .oauth2(Enrollment.newToken("rules-preview"))
                .get(PATH)
                .then()
                .statusCode(403);
        given().auth().oauth2(Tokens.noRole()).get(PATH).then().statusCode(403);
    }
}
