package dev.promptgate.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;

/** Guidelines for tests, written and published through the admin API as an admin would. */
public final class Guidelines {

    private Guidelines() {}

    /** Publishes a new guideline and returns the version number it got. */
    public static int publishNew(String title) {
        long id = ((Number) given().auth()
                        .oauth2(Tokens.admin())
                        .contentType(ContentType.JSON)
                        .body(Map.of("title", title, "markdown", "# " + title))
                        .post("/api/v1/guidelines")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
        return given().auth()
                .oauth2(Tokens.admin())
                .header("If-Match", "\"0\"")
                .post("/api/v1/guidelines/{id}/publish", id)
                .then()
                .statusCode(200)
                .extract()
                .path("guidelineVersion");
    }
}
