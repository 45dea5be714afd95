package dev.promptgate.policy.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Coverage-guided fuzz target (Jazzer) for the URL filter parser, which reads every pattern an administrator or a
 * policy file gives: any text is a filter or refused with {@link InvalidUrlFilterException}, never another exception; a
 * filter keeps its pattern, parses the same way again, and matching any URL against it answers without failing. Seeds
 * and past findings: src/test/fuzz/UrlFilterFuzzer/; run by {@code ./mvnw verify} for a short while, longer on demand
 * (docs/reliability.md).
 */
public final class UrlFilterFuzzer {

    private UrlFilterFuzzer() {}

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
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
