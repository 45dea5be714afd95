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

    /**
     * Instants and days that Java reads but that lie outside 1970 to 9999 ({@code api.TimeBounds}): once 500s from
     * date arithmetic or from PostgreSQL, whose timestamps end in the year 294,276.
     */
    static final List<String> OUT_OF_RANGE = List.of(
            "+1000000000-01-01T00:00:00Z",
            "-1000000000-01-01T00:00:00Z",
            "+300000-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "+999999999-01-01",
            "-999999999-01-01",
            "+300000-01-01",
            "1969-12-31");

    /** Values that no paging, instant or day parameter converts, nor fits in range. */
    static final Map<String, List<String>> UNCONVERTIBLE = Map.of(
            "page", List.of("abc", "2147483648", "-1", "100001"),
            "size", List.of("abc", "0", "99999999999"),
            "from", concat(List.of("garbage", "2026-13-45T00:00:00Z"), OUT_OF_RANGE),
            "to", concat(List.of("garbage"), OUT_OF_RANGE));

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

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
