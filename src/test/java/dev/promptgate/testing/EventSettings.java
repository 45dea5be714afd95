package dev.promptgate.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;

/** The event settings, changed through the admin API as an admin would. */
public final class EventSettings {

    private EventSettings() {}

    /** Switches to {@code PSEUDONYMOUS} or {@code IDENTIFIED} users. */
    public static void switchTo(String mode) {
        String etag = given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/events/settings")
                .header("ETag");
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body("{\"userIdentification\": \"" + mode + "\"}")
                .put("/api/v1/events/settings")
                .then()
                .statusCode(200);
    }
}
