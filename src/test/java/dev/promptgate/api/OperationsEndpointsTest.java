package dev.promptgate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.promptgate.testing.Management;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What Kubernetes and Prometheus call: on the management port, open, and saying what they should; on the HTTP port,
 * which the Ingress routes to the world, nothing of it (ADR 26).
 */
@QuarkusTest
class OperationsEndpointsTest {

    static final List<String> MANAGEMENT_PATHS = List.of(
            "/q/health",
            "/q/health/live",
            "/q/health/ready",
            "/q/health/started",
            "/q/metrics",
            "/q/openapi",
            "/q/openapi?format=json",
            "/q/swagger-ui/");

    @Test
    void healthProbesAnswerOnTheManagementPortWithoutAToken() {
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
        Management.given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void metricsAreExposedForPrometheusOnTheManagementPort() {
        given().get("/api/v1/client/jwks").then().statusCode(200);
        Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("http_server_requests_seconds"))
                .body(containsString("uri=\"/api/v1/client/jwks\""));
    }

    @Test
    void openApiDocumentIsOnTheManagementPort() {
        Management.given().get("/q/openapi").then().statusCode(200).body(containsString("Promptgate API"));
    }

    @Test
    void theHttpPortAnswers404ForEveryManagementEndpointWithOrWithoutAToken() {
        assertNotEquals(RestAssured.port, Management.port(), "two ports");
        for (String path : MANAGEMENT_PATHS) {
            given().get(path).then().statusCode(404);
            given().auth().oauth2(Tokens.admin()).get(path).then().statusCode(404);
        }
    }

    @Test
    void theManagementPortServesNoApi() {
        Management.given().get("/api/v1/client/jwks").then().statusCode(404);
        Management.given()
                .auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/groups")
                .then()
                .statusCode(404);
        Management.given().get("/console/").then().statusCode(404);
    }
}
