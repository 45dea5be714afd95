package dev.promptgate.policy.guideline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptgate.api.ProblemException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GuidelineRendererTest {

    private final GuidelineRenderer renderer = new GuidelineRenderer();

    @ParameterizedTest
    @MethodSource("dev.promptgate.policy.guideline.HtmlSafety#payloads")
    void injectedScriptDoesNotSurviveRendering(String payload) {
        HtmlSafety.assertInert(renderer.render(payload));
        HtmlSafety.assertInert(renderer.render("# Title\n\nSome text " + payload + " more text\n"));
    }

    @ParameterizedTest
    @MethodSource("dev.promptgate.policy.guideline.HtmlSafety#payloads")
    void listedPayloadsLeaveNoTraceOfTheirAttack(String payload) {
        String html = renderer.render(payload).toLowerCase(java.util.Locale.ROOT);
        for (String trace : new String[] {"<script", "onerror", "onload", "javascript:", "data:", "<svg", "<iframe"}) {
            assertFalse(html.contains(trace), () -> trace + " in " + html);
        }
    }

    @Test
    void textThatMentionsASchemeStaysText() {
        assertEquals(
                "<p>Never paste javascript: URLs or &lt;script&gt; tags.</p>\n",
                renderer.render("Never paste javascript: URLs or \\<script> tags."));
    }

    @Test
    void headingsParagraphsAndEmphasisRender() {
        assertEquals(
                "<h1>Rules</h1>\n<h2>Why</h2>\n<p>Use <em>approved</em> tools <strong>only</strong>.</p>\n",
                renderer.render("# Rules\n\n## Why\n\nUse *approved* tools **only**."));
    }

    @Test
    void listsRenderWithTheirStartNumber() {
        String html = renderer.render("- one\n- two\n\n3. three\n4. four\n");
        assertTrue(html.contains("<ul><li>one</li><li>two</li></ul>"), html);
        assertTrue(html.contains("<ol start=\"3\"><li>three</li><li>four</li></ol>"), html);
    }

    @Test
    void httpsLinkOpensInANewTabWithoutReferrerOrOpener() {
        String html = renderer.render("See the [policy](https://intranet.example.com/ai).");
        assertTrue(html.contains("<a href=\"https://intranet.example.com/ai\""), html);
        assertTrue(html.contains("target=\"_blank\""), html);
        Matcher rel = Pattern.compile("rel=\"([^\"]*)\"").matcher(html);
        assertTrue(rel.find(), html);
        for (String token : new String[] {"noopener", "noreferrer", "nofollow"}) {
            assertTrue(rel.group(1).contains(token), html);
        }
        assertTrue(html.contains(">policy</a>"), html);
    }

    @Test
    void mailtoAndHttpLinksAreKept() {
        assertTrue(renderer.render("[mail](mailto:ai@example.com)").contains("href=\"mailto:ai&#64;example.com\""));
        assertTrue(renderer.render("[plain](http://example.com)").contains("href=\"http://example.com\""));
    }

    @Test
    void relativeLinksAndImagesAreReducedToText() {
        String html = renderer.render("[home](/x) [top](#y) ![logo](https://example.com/logo.png)");
        assertEquals("<p>home top </p>\n", html);
    }

    @Test
    void tablesRenderWithAlignment() {
        String html = renderer.render("| Tool | Allowed |\n|:-----|:------:|\n| Chat | yes |\n");
        assertTrue(
                html.contains("<table><thead><tr><th align=\"left\">Tool</th><th align=\"center\">Allowed</th>"), html);
        assertTrue(html.contains("<tbody><tr><td align=\"left\">Chat</td><td align=\"center\">yes</td></tr>"), html);
    }

    @Test
    void codeBlocksKeepTheirLanguageAndEscapeTheirContent() {
        String html = renderer.render("Run `mvn`:\n\n```java\nif (a < b) {}\n```\n");
        assertTrue(html.contains("<p>Run <code>mvn</code>:</p>"), html);
        assertTrue(html.contains("<pre><code class=\"language-java\">if (a &lt; b) {}\n</code></pre>"), html);
    }

    @Test
    void quotesRulesAndLineBreaksRender() {
        String html = renderer.render("> Think first.\n\n---\n\nline  \nbreak");
        assertTrue(html.contains("<blockquote>\n<p>Think first.</p>\n</blockquote>"), html);
        assertTrue(html.contains("<hr />"), html);
        assertTrue(html.contains("line<br />"), html);
    }

    @Test
    void allowedRawHtmlKeepsOnlyAllowedAttributes() {
        String html = renderer.render("<table><tr><td style=\"color:red\" class=\"x\">a<br>b</td></tr></table>");
        assertEquals("<table><tbody><tr><td>a<br />b</td></tr></tbody></table>\n", html);
    }

    @Test
    void deeplyNestedMarkdownIsRefused() {
        var tooDeep = assertThrows(ProblemException.InvalidInput.class, () -> renderer.render(">".repeat(1000)));
        assertEquals("markdown", tooDeep.problem().errors().get(0).field());
        String nestedEmphasis = "*a ".repeat(33_000) + "b" + "*".repeat(33_000);
        assertThrows(ProblemException.InvalidInput.class, () -> renderer.render(nestedEmphasis));
    }

    @Test
    void ordinaryNestingIsFine() {
        String html = renderer.render("> - a\n>   - b\n>     > c *d **e***");
        assertFalse(html.isEmpty());
        assertTrue(html.contains("<em>d <strong>e</strong></em>"), html);
    }

    /** 99,000 characters, just under the limit: what an attacker with an admin's session can send in one request. */
    private static final int LONG = 99_000;

    @Test
    void ninetyNineThousandOpeningAngleBracketsRenderAsText() {
        // commonmark-java 0.27 took 30 s for this: every '<' looked to the end of the input for its HTML's end.
        String html = renderer.render("<".repeat(LONG));
        assertEquals("<p>" + "&lt;".repeat(LONG) + "</p>\n", html);
    }

    @ParameterizedTest
    @MethodSource("pathologicalText")
    void pathologicalInlineInputRendersAsItsText(String markdown) {
        String text =
                markdown.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        assertEquals("<p>" + text + "</p>\n", renderer.render(markdown));
    }

    static java.util.stream.Stream<String> pathologicalText() {
        return java.util.stream.Stream.of(
                "[".repeat(LONG),
                "a <!--".repeat(LONG / 6),
                "a <?".repeat(LONG / 4),
                "a <![CDATA[".repeat(LONG / 11),
                "[a](<b".repeat(LONG / 6),
                "*a ".repeat(LONG / 3),
                "_a **b ".repeat(LONG / 7));
    }

    @Test
    void longRunsOfClosedEmphasisRenderEveryOne() {
        String html = renderer.render("**a** ".repeat(LONG / 6));
        assertEquals(LONG / 6, count(html, "<strong>a</strong>"));
    }

    @Test
    void deepNestingOfEveryKindIsRefusedNotRendered() {
        for (String markdown : new String[] {">".repeat(LONG), "- ".repeat(LONG / 2) + "a", "> - ".repeat(LONG / 4)}) {
            var tooDeep = assertThrows(ProblemException.InvalidInput.class, () -> renderer.render(markdown));
            assertEquals("markdown", tooDeep.problem().errors().get(0).field());
        }
    }

    @Test
    void markdownOverTheLimitIsRefusedNamingTheLimit() {
        renderer.render("x".repeat(GuidelineRenderer.MAX_MARKDOWN));
        var tooLong = assertThrows(
                ProblemException.InvalidInput.class,
                () -> renderer.render("x".repeat(GuidelineRenderer.MAX_MARKDOWN + 1)));
        assertEquals("markdown", tooLong.problem().errors().get(0).field());
        assertEquals(
                "must be at most 100000 characters",
                tooLong.problem().errors().get(0).message());
    }

    @Test
    void renderingPastTheBudgetIsRefused() {
        GuidelineRenderer hurried = new GuidelineRenderer(java.time.Duration.ofNanos(1));
        var late = assertThrows(
                ProblemException.InvalidInput.class, () -> hurried.render("Some *text*.\n\n".repeat(6_000)));
        assertEquals("markdown", late.problem().errors().get(0).field());
        assertTrue(late.problem().errors().get(0).message().contains("rendering budget"), late.getMessage());
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
