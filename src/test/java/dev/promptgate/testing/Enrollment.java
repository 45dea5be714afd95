package dev.promptgate.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Enrollment tokens for tests, made through the admin API as an admin would. */
public final class Enrollment {

    private Enrollment() {}

    /** A new enrollment token's secret. */
    public static String newToken(String name) {
        return newToken(given().auth().oauth2(Tokens.admin()), name);
    }

    /** A new enrollment token's secret, made with this request: another server, or another admin's token. */
    public static String newToken(RequestSpecification asAdmin, String name) {
        return asAdmin.contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\"}")
                .post("/api/v1/enrollment-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    /** Creates an enrollment token (201 expected): the answer, with its {@code secret} and its {@code token.id}. */
    public static ExtractableResponse<Response> create(String name) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\"}")
                .post("/api/v1/enrollment-tokens")
                .then()
                .statusCode(201)
                .extract();
    }

    /** Revokes the token created in this answer (200 expected). */
    public static void revoke(ExtractableResponse<Response> created) {
        given().auth()
                .oauth2(Tokens.admin())
                .post(
                        "/api/v1/enrollment-tokens/{id}/revoke",
                        created.<Number>path("token.id").longValue())
                .then()
                .statusCode(200);
    }
}
