package dev.promptgate.directory;

import static io.restassured.RestAssured.given;

import dev.promptgate.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** SCIM requests as an identity provider makes them, with the recorded request bodies of src/test/resources/scim. */
public final class Scim {

    public static final String JSON = "application/scim+json";

    private Scim() {}

    /** A new SCIM token's secret, made through the admin API. */
    public static String newToken(String name) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\"}")
                .post("/api/v1/scim-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(JSON).accept(JSON);
    }

    /** A recorded request body with its placeholders filled in. */
    public static String body(String fixture, Map<String, String> values) {
        try (InputStream in = Scim.class.getResourceAsStream("/scim/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + fixture);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (var entry : values.entrySet()) {
                text = text.replace("${" + entry.getKey() + "}", entry.getValue());
            }
            if (text.contains("${")) {
                throw new IllegalArgumentException("Unfilled placeholder in " + fixture + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
