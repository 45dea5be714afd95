package dev.promptgate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What Kubernetes and Prometheus call: open, and saying what they should. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void healthProbesAnswerWithoutAToken() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void metricsAreExposedForPrometheus() {
        given().get("/api/v1/client/jwks").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds"));
    }

    @Test
    void openApiDocumentIsOpen() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("Promptgate API"));
    }
}
