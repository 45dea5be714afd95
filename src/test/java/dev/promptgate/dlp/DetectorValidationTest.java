package dev.promptgate.dlp;

import static dev.promptgate.dlp.DlpApi.DETECTORS;
import static dev.promptgate.dlp.DlpApi.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptgate.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad custom detectors are refused with a 400 problem that names the field and says why, and nothing is stored:
 * catastrophic and non-linear regexes, syntax the browser would read differently, empty keyword lists, a threshold
 * of 0, and test strings that contradict the detector.
 */
@QuarkusTest
class DetectorValidationTest {

    static String regex(String pattern, String mustMatch, String mustNotMatch) {
        return """
                {"kind": "regex", "name": "Customer numbers", "pattern": %s, "caseSensitive": true,
                 "mustMatch": [%s], "mustNotMatch": [%s], "actions": {"default": "WARN"}}"""
                .formatted(json(pattern), mustMatch, mustNotMatch);
    }

    static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void refused(String body, String field, String message) {
        send("POST", DETECTORS, null, body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
    }

    static int storedDetectors() {
        return given().auth()
                .oauth2(Tokens.admin())
                .get(DETECTORS)
                .then()
                .statusCode(200)
                .extract()
                .path("size()");
    }

    @Test
    void catastrophicAndNonLinearRegexesAreRefusedWithAClearReason() {
        int before = storedDetectors();
        refused(regex("(a+)+$", "", ""), "pattern", "nested quantifier");
        refused(regex("(a+)+$", "", ""), "pattern", "slow");
        refused(regex("(?:[a-z]*x)*y", "", ""), "pattern", "nested quantifier");
        refused(regex("(ab)\\1", "", ""), "pattern", "backreferences such as \\1 are not supported");
        refused(regex("(?=CUST)CUST-[0-9]+", "", ""), "pattern", "lookahead and lookbehind");
        refused(regex("(?<!x)CUST", "", ""), "pattern", "lookahead and lookbehind");
        refused(regex("(?i)cust-[0-9]+", "", ""), "pattern", "inline flags");
        refused(regex("(?P<n>CUST)", "", ""), "pattern", "named groups");
        refused(regex("\\ACUST", "", ""), "pattern", "use ^ and $");
        refused(regex("[[:digit:]]+", "", ""), "pattern", "POSIX classes");
        refused(regex("CUST-[0-9", "", ""), "pattern", "is not a valid RE2 regular expression");
        refused(regex("x*", "", ""), "pattern", "matches the empty text");
        refused(regex("a".repeat(501), "", ""), "pattern", "size must be between");
        assertEquals(before, storedDetectors(), "nothing was stored");
    }

    @Test
    void emptyKeywordListsZeroThresholdsAndContradictingTestStringsAreRefused() {
        int before = storedDetectors();
        refused(
                """
                {"kind": "keywords", "name": "Code names", "keywords": [], "actions": {"default": "WARN"}}""",
                "keywords",
                "at least one");
        refused(
                """
                {"kind": "keywords", "name": "Code names", "actions": {"default": "WARN"}}""",
                "keywords",
                "at least one");
        refused(
                """
                {"kind": "keywords", "name": "Code names", "keywords": ["Falcon"], "threshold": 0,
                 "actions": {"default": "WARN"}}""",
                "threshold",
                "must be greater than or equal to 1");
        refused(regex("CUST-[0-9]{6}", "\"order CUST-12 today\"", ""), "mustMatch[0]", "does not trigger");
        refused(regex("CUST-[0-9]{6}", "", "\"CUST-123456\""), "mustNotMatch[0]", "triggers the detector");
        refused(
                """
                {"kind": "keywords", "name": "Code names", "keywords": ["Falcon"], "mustMatch": ["Falconry club"],
                 "actions": {"default": "WARN"}}""",
                "mustMatch[0]",
                "does not trigger");
        refused(
                """
                {"kind": "keywords", "name": "Code names", "keywords": ["Falcon"], "threshold": 2,
                 "mustMatch": ["Falcon and falcon"], "mustNotMatch": ["one Falcon only"],
                 "actions": {"default": "WARN"}, "caseSensitive": true}""",
                "mustMatch[0]",
                "1 match(es), the threshold is 2");
        refused(
                """
                {"kind": "keywords", "name": "Code names", "keywords": ["Falcon"],
                 "actions": {"default": "WARN", "services": {"no-such-service": "BLOCK"}}}""",
                "actions.services.no-such-service",
                "not a service");
        refused(
                """
                {"kind": "keywords", "name": "", "keywords": ["Falcon"], "actions": {"default": "WARN"}}""",
                "name",
                "size must be between");
        refused(
                """
                {"kind": "builtin", "name": "Mine", "actions": {"default": "WARN"}}""",
                "kind",
                "keywords or regex");
        send(
                        "POST",
                        DETECTORS,
                        null,
                        """
                        {"kind": "keywords", "name": "x", "keywords": ["a"], "actions": {"default": "SHRUG"}}""")
                .statusCode(400);
        assertEquals(before, storedDetectors(), "nothing was stored");
    }

    @Test
    void aRegexWithinTheRulesIsStoredWithItsTestStrings() {
        String location = send(
                        "POST",
                        DETECTORS,
                        null,
                        regex(
                                "CUST-[0-9]{6}",
                                "\"CUST-123456\", \"a CUST-000001 b\"", "\"CUST-12345\", \"cust-123456\""))
                .statusCode(201)
                .body("kind", equalTo("regex"))
                .body("mustNotMatch", equalTo(List.of("CUST-12345", "cust-123456")))
                .extract()
                .header("Location");
        String etag = DlpApi.etag(location);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .delete(location)
                .then()
                .statusCode(204);
    }
}
