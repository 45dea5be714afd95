package dev.promptgate.policy.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Coverage-guided fuzzing of the URL filter parser, which reads every pattern an administrator or a policy file
 * gives: any text is a filter or refused with {@link InvalidUrlFilterException}, never another exception; a filter
 * keeps its pattern, parses the same way again, and matching any URL against it answers without failing.
 */
class UrlFilterFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void anyPatternIsAFilterOrRefused(FuzzedDataProvider data) {
        String pattern = data.consumeString(UrlFilter.MAX_PATTERN_LENGTH + 16);
        String url = data.consumeRemainingAsString();
        UrlFilter filter;
        try {
            filter = UrlFilter.parse(pattern);
        } catch (InvalidUrlFilterException refused) {
            return;
        }
        assertEquals(pattern, filter.pattern());
        assertTrue(pattern.length() <= UrlFilter.MAX_PATTERN_LENGTH, "a longer pattern is refused");
        assertEquals(filter, UrlFilter.parse(pattern), "the same pattern parses to the same filter");
        try {
            URI target = new URI(url);
            filter.matches(target, false);
            filter.matches(target, true);
        } catch (URISyntaxException notAUrl) {
            // Only URLs reach the matcher.
        }
    }
}
