package dev.promptgate.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;

/** Enrollment tokens for tests, made through the admin API as an admin would. */
public final class Enrollment {

    private Enrollment() {}

    /** A new enrollment token's secret. */
    public static String newToken(String name) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\"}")
                .post("/api/v1/enrollment-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }
}
