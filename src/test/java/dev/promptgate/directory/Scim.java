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

    /** A person provisioned with this e-mail as user name and primary address, as Entra ID sends it; their id. */
    public static String createUser(String scim, String email) {
        return as(scim).body(body(
                        "entra/create-user.json",
                        Map.of(
                                "externalId",
                                java.util.UUID.randomUUID().toString(),
                                "userName",
                                email,
                                "email",
                                email)))
                .post("/scim/v2/Users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A directory group provisioned with this display name, then this person added to it (two SCIM writes); its id. */
    public static String createGroupWith(String scim, String displayName, String person) {
        String group = as(scim).body(body("okta/create-group.json", Map.of("displayName", displayName)))
                .post("/scim/v2/Groups")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        members(scim, group, "entra/add-members.json", person);
        return group;
    }

    /** A change of a group's members with one of the recorded PATCH bodies, naming this person. */
    public static void members(String scim, String group, String request, String person) {
        as(scim).body(body(request, Map.of("userId", person)))
                .patch("/scim/v2/Groups/" + group)
                .then()
                .statusCode(200);
    }
}
