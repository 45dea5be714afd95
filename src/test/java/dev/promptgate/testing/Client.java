package dev.promptgate.testing;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Requests as the browser extension makes them, with an enrollment token. */
public final class Client {

    private Client() {}

    /** A request without Accept-Encoding, so that a policy body is the bundle's exact bytes. */
    public static RequestSpecification request(String enrollmentToken) {
        return given().config(RestAssured.config()
                        .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .auth()
                .oauth2(enrollmentToken);
    }

    public static Response policy(String enrollmentToken) {
        return request(enrollmentToken).get("/api/v1/client/policy");
    }

    /**
     * Waits until the server puts a person with this access token in the named Promptgate group, as its policy for
     * them says: a group created a moment ago reaches the server's memory when the change is announced.
     */
    public static void awaitGroup(String enrollmentToken, String userToken, String groupName) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> request(enrollmentToken)
                        .header("X-Promptgate-User-Token", userToken)
                        .get("/api/v1/client/policy")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<java.util.List<String>>path("groups")
                        .contains(groupName));
    }
}
