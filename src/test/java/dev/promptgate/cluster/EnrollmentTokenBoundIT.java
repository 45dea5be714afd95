package dev.promptgate.cluster;

import static dev.promptgate.cluster.DatabaseOutage.awaitStatus;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A replica cut off from the database answers from its cached enrollment tokens only for
 * {@code promptgate.security.enrollment-token-cache-max-age} after it last reached the database; after that the token
 * is refused with 503 and a problem saying why (a token revoked meanwhile would otherwise work there for as long as
 * the outage lasts), and accepted again once the database is back (ADR 27).
 */
class EnrollmentTokenBoundIT {

    @AutoClose
    static DatabaseOutage outage;

    @Test
    void cutOffReplicaStopsAcceptingCachedEnrollmentTokensAfterTheBoundAndAcceptsThemAfterRecovery() throws Exception {
        outage = DatabaseOutage.start(
                "token-bound",
                Map.of(
                        "PROMPTGATE_BUNDLE_VERSION_CHECK_INTERVAL", "1s",
                        "PROMPTGATE_SECURITY_ENROLLMENT_TOKEN_CACHE_MAX_AGE", "15s"));
        String enrollment = outage.enrollmentToken("bound");
        awaitStatus(() -> policyFetch(enrollment).statusCode(), 200);

        outage.stopDatabase();
        // Within the bound the replica answers from memory, as DatabaseOutageIT shows for a whole minute by default.
        policyFetch(enrollment).then().statusCode(200);

        await("the cached token is refused past the bound")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> policyFetch(enrollment).statusCode(), equalTo(503));
        policyFetch(enrollment)
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString("promptgate.security.enrollment-token-cache-max-age"));
        outage.request()
                .auth()
                .oauth2(enrollment)
                .contentType("application/json")
                .body("{\"events\": []}")
                .post("/api/v1/client/events")
                .then()
                .statusCode(503)
                .header("Retry-After", notNullValue());
        await("the replica logs why")
                .atMost(Duration.ofSeconds(10))
                .until(() -> outage.server().log().contains("enrollment-token-cache-max-age"));

        outage.startDatabase();
        await("accepted again once the database is back")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> policyFetch(enrollment).statusCode(), equalTo(200));
    }

    private static Response policyFetch(String token) {
        return outage.request().auth().oauth2(token).get("/api/v1/client/policy");
    }
}
