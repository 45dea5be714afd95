package dev.promptgate.policy.guideline;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Script-injection payloads, and the checks that rendered guideline HTML carries none of them. */
final class HtmlSafety {

    /**
     * What must not appear in rendered HTML. The sanitizer escapes every {@code <} in text, so {@code <[^>]*}
     * only matches inside real tags: text that merely mentions "javascript:" is harmless and allowed.
     */
    private static final List<String> FORBIDDEN = List.of(
            "(?i)<script",
            "(?i)<svg",
            "(?i)<math",
            "(?i)<iframe",
            "(?i)<img",
            "(?i)<style",
            "(?i)<[^>]*\\son[a-z]+\\s*=",
            "(?i)<[^>]*\\sstyle\\s*=",
            "(?i)<[^>]*(javascript|vbscript|data):");

    private HtmlSafety() {}

    static Stream<String> payloads() {
        return Stream.of(
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "[x](javascript:alert(1))",
                "[x](JAVASCRIPT:alert(1))",
                "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "<svg onload=alert(1)>",
                "<svg><script>alert(1)</script></svg>",
                "<a href=\"javascript:alert(1)\">x</a>",
                "<iframe src=\"https://evil.example\">",
                "<div style=\"background:url(javascript:alert(1))\">",
                "![x](javascript:alert(1))",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                // The same tricks inside Markdown structures, and encoded variants.
                "- item <img src=x onerror=alert(1)>\n- [x](javascript:alert(1))",
                "| a |\n|---|\n| <script>alert(1)</script> |",
                "[x](<javascript:alert(1)>)",
                "[x](java&#x09;script:alert(1))",
                "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
                "<a href=\"&#106;avascript:alert(1)\">x</a>",
                "[x](vbscript:msgbox(1))",
                "[x]: javascript:alert(1)\n\n[x]",
                "<p onclick=\"alert(1)\">click</p>",
                "<a href=\"https://example.com\" onmouseover=\"alert(1)\" style=\"x\">x</a>");
    }

    static void assertInert(String html) {
        for (String forbidden : FORBIDDEN) {
            assertFalse(Pattern.compile(forbidden).matcher(html).find(), () -> forbidden + " in " + html);
        }
    }
}
