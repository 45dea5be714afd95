package dev.promptgate.policy.guideline;

import dev.promptgate.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Turns guideline Markdown into HTML that is safe to show anywhere: CommonMark with GitHub-style tables, then
 * the OWASP sanitizer with an allowlist of document elements. The sanitizer is the security boundary, so raw
 * HTML in the Markdown goes through it like everything else: whatever the allowlist does not name (scripts,
 * styles, images, frames, SVG, MathML, event handlers, inline styles) is dropped. Links keep only absolute
 * http, https and mailto URLs, and open in a new tab without referrer or opener.
 *
 * <p>Parser, renderer and policy are immutable and thread-safe, so one instance serves every request.
 */
@ApplicationScoped
public class GuidelineRenderer {

    /**
     * How deep the parsed document may be (text in a paragraph in a list item in a list is four levels). Real
     * guidelines stay far below it; CommonMark renders recursively, so without a limit a short but deeply nested
     * input would exhaust the thread's stack.
     */
    public static final int MAX_NESTING = 64;

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "em", "strong", "ul", "ol", "li")
            .allowElements("blockquote", "code", "pre", "hr", "br")
            .allowElements("table", "thead", "tbody", "tr", "th", "td")
            .allowAttributes("start")
            .matching(Pattern.compile("\\d{1,9}"))
            .onElements("ol")
            .allowAttributes("align")
            .matching(true, "left", "center", "right")
            .onElements("th", "td")
            .allowAttributes("class")
            .matching(Pattern.compile("language-[A-Za-z0-9_+#.-]{1,40}"))
            .onElements("code")
            .allowElements(GuidelineRenderer::openInNewTab, "a")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href")
            .matching((element, attribute, value) -> isAllowedLink(value) ? value : null)
            .onElements("a")
            .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
            .toFactory();

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer =
            HtmlRenderer.builder().extensions(EXTENSIONS).sanitizeUrls(true).build();

    /**
     * The sanitized HTML of {@code markdown}: the only HTML a guideline ever stores or returns.
     *
     * @throws ProblemException.InvalidInput when the Markdown nests deeper than {@link #MAX_NESTING}
     */
    public String render(String markdown) {
        Node document;
        try {
            document = parser.parse(markdown);
        } catch (StackOverflowError e) {
            // The parser merges text recursively; each parse has its own state, so nothing is left half-done.
            throw tooDeep();
        }
        if (depthOf(document) > MAX_NESTING) {
            throw tooDeep();
        }
        return POLICY.sanitize(renderer.render(document));
    }

    private static int depthOf(Node root) {
        int deepest = 0;
        Deque<Node> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(0);
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            int depth = depths.pop();
            deepest = Math.max(deepest, depth);
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                nodes.push(child);
                depths.push(depth + 1);
            }
        }
        return deepest;
    }

    private static ProblemException.InvalidInput tooDeep() {
        return new ProblemException.InvalidInput(
                "markdown", "nests quotes, lists, emphasis or links more than " + MAX_NESTING + " levels deep");
    }

    private static boolean isAllowedLink(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:");
    }

    /** A link that kept its href opens in a new tab; one whose href was dropped is reduced to its text. */
    private static String openInNewTab(String element, List<String> attributes) {
        boolean hasHref = false;
        for (int i = 0; i < attributes.size(); i += 2) {
            hasHref |= attributes.get(i).equals("href");
        }
        if (!hasHref) {
            return null;
        }
        attributes.add("target");
        attributes.add("_blank");
        return element;
    }
}
