package dev.promptgate.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** Calls to the admin API with an admin's token, as the tests of several features make them. */
public final class AdminApi {

    private AdminApi() {}

    /** A GET that must answer 200: its answer, to read the body or a header from. */
    public static ExtractableResponse<Response> read(String path) {
        return given().auth()
                .oauth2(Tokens.admin())
                .get(path)
                .then()
                .statusCode(200)
                .extract();
    }

    /** A POST without a body that must answer 200: its answer. */
    public static ExtractableResponse<Response> post(String path) {
        return given().auth()
                .oauth2(Tokens.admin())
                .post(path)
                .then()
                .statusCode(200)
                .extract();
    }

    /** A JSON request with an optional If-Match and body: its answer, for the caller to check. */
    public static ValidatableResponse send(String method, String path, String ifMatch, String body) {
        var request = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (body != null) {
            request.body(body);
        }
        return request.request(method, path).then();
    }
}
