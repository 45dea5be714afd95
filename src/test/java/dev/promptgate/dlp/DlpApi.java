package dev.promptgate.dlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.identity.IdentityResolver;
import dev.promptgate.testing.AdminApi;
import dev.promptgate.testing.Client;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;

/** Admin calls to the data-protection API and the bundle a browser gets, for the tests of this package. */
final class DlpApi {

    static final String DETECTORS = "/api/v1/dlp/detectors";

    private DlpApi() {}

    static ValidatableResponse send(String method, String path, String ifMatch, String body) {
        return AdminApi.send(method, path, ifMatch, body);
    }

    static String etag(String path) {
        return AdminApi.read(path).header("ETag");
    }

    /** The bundle's dlp part for a browser with this person (null: nobody signed in). */
    static JsonNode dlp(String enrollment, String userToken) throws Exception {
        var request = Client.request(enrollment);
        if (userToken != null) {
            request.header(IdentityResolver.USER_TOKEN_HEADER, userToken);
        }
        byte[] body = request.get("/api/v1/client/policy")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        return new ObjectMapper().readTree(body).get("dlp");
    }

    static JsonNode detector(JsonNode dlp, String id) {
        for (JsonNode detector : dlp.get("detectors")) {
            if (detector.get("id").asText().equals(id)) {
                return detector;
            }
        }
        return null;
    }

    /** A new group with a unique IdP value, returning its id; its name is the IdP value. */
    static long newGroup(String idp, int priority) {
        return send(
                        "POST",
                        "/api/v1/groups",
                        null,
                        "{\"name\": \"%s\", \"idpValue\": \"%s\", \"priority\": %d}".formatted(idp, idp, priority))
                .statusCode(201)
                .extract()
                .<Number>path("id")
                .longValue();
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
