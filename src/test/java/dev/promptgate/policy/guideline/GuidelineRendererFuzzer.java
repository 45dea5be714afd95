package dev.promptgate.policy.guideline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.promptgate.api.ProblemException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzz target (Jazzer) for the guideline renderer, which turns an administrator's Markdown into the
 * HTML every browser shows: any text is rendered or refused as a problem (a 4xx), never another exception, and every
 * tag that comes out is one of the allowed document elements with only the allowed attributes, links only to http,
 * https or mailto. Seeds and past findings: src/test/fuzz/GuidelineRendererFuzzer/; run by {@code ./mvnw verify} for a
 * short while, longer on demand (docs/reliability.md).
 */
public final class GuidelineRendererFuzzer {

    private static final GuidelineRenderer RENDERER = new GuidelineRenderer();
    private static final Pattern TAG = Pattern.compile("<\\s*/?\\s*([a-zA-Z0-9]+)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)=\"([^\"]*)\"");
    private static final Set<String> ELEMENTS = Set.of(
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "p",
            "em",
            "strong",
            "ul",
            "ol",
            "li",
            "blockquote",
            "code",
            "pre",
            "hr",
            "br",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "a");
    private static final Set<String> ATTRIBUTES = Set.of("href", "target", "rel", "start", "align", "class");

    private GuidelineRendererFuzzer() {}

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        String markdown = data.consumeRemainingAsString();
        String html;
        try {
            html = RENDERER.render(markdown);
        } catch (ProblemException refused) {
            return;
        }
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            assertTrue(ELEMENTS.contains(tag.group(1).toLowerCase(Locale.ROOT)), tag.group());
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                String name = attribute.group(1).toLowerCase(Locale.ROOT);
                assertTrue(ATTRIBUTES.contains(name), tag.group());
                if (name.equals("href")) {
                    assertTrue(attribute.group(2).matches("(?i)(https?://|mailto:).*"), tag.group());
                }
            }
        }
    }
}
