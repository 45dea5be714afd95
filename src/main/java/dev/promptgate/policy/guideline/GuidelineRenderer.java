package dev.promptgate.policy.guideline;

import dev.promptgate.api.ProblemException;
import dev.promptgate.config.PromptgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>Markdown is refused past {@link #MAX_MARKDOWN} characters, and a rendering that takes longer than the budget
 * ({@code promptgate.guidelines.render-budget}) is abandoned and refused. Rendering is linear in the input since
 * commonmark-java 0.32 (0.27 scanned to the end of the input for every {@code <} that opened no HTML construct,
 * which made 99,000 of them take 30 s); the budget is there for whatever input is found next to be slow. It runs
 * on a few threads of its own, so that the request thread can give up on it; an abandoned rendering stops at its
 * next output, since its output checks the thread's interruption (docs/reliability.md, ADR 27).
 */
@ApplicationScoped
public class GuidelineRenderer {

    /** The longest Markdown a guideline may have, in characters. */
    public static final int MAX_MARKDOWN = 100_000;

    /** Renderings that may run at once; more at the same moment are refused with 503, as the server is busy. */
    static final int MAX_CONCURRENT = 4;

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService RENDERERS =
            new ThreadPoolExecutor(0, MAX_CONCURRENT, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "promptgate-markdown-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

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
    private final Duration budget;

    @Inject
    GuidelineRenderer(PromptgateConfig config) {
        this(config.guidelines().renderBudget());
    }

    /** A renderer with the default budget of 2 s. */
    public GuidelineRenderer() {
        this(Duration.ofSeconds(2));
    }

    GuidelineRenderer(Duration budget) {
        this.budget = budget;
    }

    /**
     * The sanitized HTML of {@code markdown}: the only HTML a guideline ever stores or returns.
     *
     * @throws ProblemException.InvalidInput when the Markdown is longer than {@link #MAX_MARKDOWN}, nests deeper
     *     than {@link #MAX_NESTING}, or takes longer than the budget to render
     * @throws ProblemException.Unavailable when {@link #MAX_CONCURRENT} renderings are running already
     */
    public String render(String markdown) {
        if (markdown.length() > MAX_MARKDOWN) {
            throw new ProblemException.InvalidInput("markdown", "must be at most " + MAX_MARKDOWN + " characters");
        }
        Future<String> rendering;
        try {
            rendering = RENDERERS.submit(() -> renderNow(markdown));
        } catch (RejectedExecutionException e) {
            throw new ProblemException.Unavailable("Other guidelines are being rendered; try again in a moment", 1);
        }
        try {
            return rendering.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | CancellationException e) {
            rendering.cancel(true);
            throw new ProblemException.InvalidInput(
                    "markdown",
                    "took longer than the rendering budget of " + budget.toMillis()
                            + " ms (promptgate.guidelines.render-budget); shorten or simplify it");
        } catch (InterruptedException e) {
            rendering.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProblemException.Unavailable("The server is shutting down", 1);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Rendering failed", e.getCause());
        }
    }

    private String renderNow(String markdown) {
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
        StringBuilder html = new StringBuilder(markdown.length() * 2);
        renderer.render(document, new Interruptible(html));
        return POLICY.sanitize(html.toString());
    }

    /** Output that stops an abandoned rendering: once its thread is interrupted, the next write ends it. */
    private record Interruptible(StringBuilder out) implements Appendable {

        @Override
        public Appendable append(CharSequence text) {
            check();
            out.append(text);
            return this;
        }

        @Override
        public Appendable append(CharSequence text, int start, int end) {
            check();
            out.append(text, start, end);
            return this;
        }

        @Override
        public Appendable append(char c) {
            check();
            out.append(c);
            return this;
        }

        private static void check() {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("abandoned: over the rendering budget");
            }
        }
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
