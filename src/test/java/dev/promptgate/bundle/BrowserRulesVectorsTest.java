package dev.promptgate.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The server counts a browser's rules as the extension compiles them: both run these vectors. */
class BrowserRulesVectorsTest {

    private static final Path VECTORS = Path.of("docs", "browser-rule-vectors.json");

    @TestFactory
    Stream<DynamicTest> counts() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(VECTORS.toFile()).get("cases");
        return StreamSupport.stream(cases.spliterator(), false)
                .map(c -> dynamicTest(c.get("name").asText(), () -> {
                    List<BrowserRules.Source> sources = new ArrayList<>();
                    for (JsonNode entry : c.get("entries")) {
                        int count = entry.path("count").asInt(1);
                        for (int i = 0; i < count; i++) {
                            String pattern = entry.get("pattern").asText().replace("{i}", Integer.toString(i));
                            sources.add(new BrowserRules.Source(
                                    pattern,
                                    BrowserRules.Kind.valueOf(entry.get("kind").asText())));
                        }
                    }
                    JsonNode l = c.get("limits");
                    BrowserRules.Limits limits = l == null
                            ? BrowserRules.Limits.CHROMIUM
                            : new BrowserRules.Limits(
                                    l.get("maxRules").asInt(),
                                    l.get("maxUnsafeRules").asInt(),
                                    l.get("maxRegexRules").asInt());
                    BrowserRules.Count count = BrowserRules.count(sources, limits);
                    JsonNode e = c.get("expect");
                    Map<String, Integer> expected = Map.of(
                            "rules", e.get("rules").asInt(),
                            "redirect", e.get("redirect").asInt(),
                            "allow", e.get("allow").asInt(),
                            "regex", e.get("regex").asInt(),
                            "urlFilterOnly", e.get("urlFilterOnly").asInt(),
                            "overLimits", e.get("overLimits").asInt(),
                            "notExpressible", e.get("notExpressible").asInt());
                    Map<String, Integer> actual = Map.of(
                            "rules", count.rules(),
                            "redirect", count.redirect(),
                            "allow", count.allow(),
                            "regex", count.regex(),
                            "urlFilterOnly", count.urlFilterOnly(),
                            "overLimits", count.overLimits().size(),
                            "notExpressible", count.notExpressible().size());
                    assertEquals(expected, actual);
                    assertEquals(count.overLimits().isEmpty(), count.fits());
                }));
    }
}
