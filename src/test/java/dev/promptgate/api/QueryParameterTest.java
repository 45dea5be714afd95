package dev.promptgate.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.testing.OpenApi;
import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every list and report endpoint of the OpenAPI document, with a query parameter it cannot convert: a 400 problem
 * detail naming the parameter, never the 404 JAX-RS would answer (which says the resource does not exist) nor a 500.
 */
@QuarkusTest
class QueryParameterTest {

    /** Values that no paging, instant or day parameter converts, nor fits in range. */
    static final Map<String, List<String>> UNCONVERTIBLE = Map.of(
            "page", List.of("abc", "2147483648", "-1", "100001"),
            "size", List.of("abc", "0", "99999999999"),
            "from", List.of("garbage", "2026-13-45T00:00:00Z"),
            "to", List.of("garbage"));

    @TestFactory
    Stream<DynamicTest> everyUnconvertibleQueryParameterIs400NamingIt() {
        String admin = Tokens.admin();
        List<OpenApi.Operation> reads = OpenApi.operations().stream()
                .filter(op -> op.method().equals("GET") && !op.path().contains("{"))
                .filter(op -> op.queryParameters().stream().anyMatch(UNCONVERTIBLE::containsKey))
                .toList();
        assertTrue(reads.size() >= 15, "list and report endpoints found: " + reads);
        return reads.stream().flatMap(op -> op.queryParameters().stream()
                .filter(UNCONVERTIBLE::containsKey)
                .flatMap(name -> UNCONVERTIBLE.get(name).stream()
                        .map(value -> DynamicTest.dynamicTest(op + "?" + name + "=" + value, () -> {
                            var response = given().auth()
                                    .oauth2(admin)
                                    .queryParam(name, value)
                                    .get(op.path());
                            assertEquals(400, response.statusCode(), response.asString());
                            assertEquals(Problem.MEDIA_TYPE, response.contentType());
                            JsonPath problem = response.jsonPath();
                            assertEquals(List.of(name), problem.getList("errors.field"), response.asString());
                        }))));
    }
}
