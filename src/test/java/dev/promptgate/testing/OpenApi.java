package dev.promptgate.testing;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The server's OpenAPI document, as tests that walk every operation read it. */
public final class OpenApi {

    private OpenApi() {}

    /** The address of the document, on the management interface ({@link Management}). */
    public static String url() {
        return "/q/openapi?format=json";
    }

    public static JsonPath document() {
        return Management.given()
                .accept(ContentType.JSON)
                .get(url())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** One operation's method, path and the names of its query parameters. */
    public record Operation(String method, String path, List<String> queryParameters) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Operation> operations() {
        Map<String, Map<String, Map<String, Object>>> paths = document().getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, methods) -> methods.forEach((method, op) -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
                List<String> query = new ArrayList<>();
                for (Map<String, Object> p : (List<Map<String, Object>>) op.getOrDefault("parameters", List.of())) {
                    if ("query".equals(p.get("in"))) {
                        query.add((String) p.get("name"));
                    }
                }
                operations.add(new Operation(method.toUpperCase(), path, query));
            }
        }));
        return operations;
    }
}
