package dev.promptgate.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The management interface of the server under test: health, metrics and the OpenAPI document answer on a port of
 * their own (a free one in tests), never on the HTTP port the API is served on.
 */
public final class Management {

    private Management() {}

    /** The port the management interface listens on in this test run. */
    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    /** A request to the management interface, e.g. {@code Management.given().get("/q/metrics")}. */
    public static RequestSpecification given() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(port());
    }
}
