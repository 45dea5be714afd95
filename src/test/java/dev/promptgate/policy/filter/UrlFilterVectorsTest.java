package dev.promptgate.policy.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.policy.filter.UrlFilterDecider.Decision;
import dev.promptgate.policy.filter.UrlFilterDecider.Entry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs the vectors the extension is tested against too, so the server and the extension decide alike. */
class UrlFilterVectorsTest {

    private static final Path VECTORS = Path.of("docs", "url-filter-vectors.json");

    private static JsonNode vectors() throws IOException {
        return new ObjectMapper().readTree(VECTORS.toFile());
    }

    private static Stream<JsonNode> each(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    @TestFactory
    Stream<DynamicTest> decisions() throws IOException {
        return each(vectors().get("decisions"))
                .map(vector -> dynamicTest(vector.get("name").asText(), () -> {
                    List<Entry<String>> entries = new ArrayList<>();
                    for (JsonNode item : vector.get("blocklist")) {
                        String pattern = item.isTextual()
                                ? item.asText()
                                : item.get("pattern").asText();
                        FilterKind kind = item.isTextual()
                                ? FilterKind.BLOCK
                                : FilterKind.valueOf(item.get("action").asText());
                        entries.add(Entry.of(pattern, kind, pattern));
                    }
                    for (JsonNode item : vector.get("allowlist")) {
                        entries.add(Entry.of(item.asText(), FilterKind.ALLOW, item.asText()));
                    }
                    String url = vector.get("url").asText();
                    String actual = new UrlFilterDecider<>(entries)
                            .decide(URI.create(url))
                            .map(decision -> decision.kind().name())
                            .orElse("NONE");
                    assertEquals(vector.get("expect").asText(), actual, url);
                }));
    }

    @TestFactory
    Stream<DynamicTest> invalidPatterns() throws IOException {
        return each(vectors().get("invalid")).map(vector -> {
            String pattern = vector.get("pattern").asText();
            String name = pattern.length() > 60 ? pattern.substring(0, 60) + "..." : pattern;
            return dynamicTest("'" + name + "' (" + vector.get("why").asText() + ")", () -> {
                InvalidUrlFilterException e =
                        assertThrows(InvalidUrlFilterException.class, () -> UrlFilter.parse(pattern));
                assertEquals(vector.get("message").asText(), e.getMessage());
                assertEquals(pattern, e.pattern());
            });
        });
    }

    @Test
    void exposesTheComponents() {
        String pattern = " HTTPS://user@.Mail.Example.com.:8443/inbox?folder=work*&unread#top ";
        UrlFilter filter = UrlFilter.parse(pattern);

        assertEquals(pattern, filter.pattern());
        assertEquals("https", filter.scheme());
        assertEquals("mail.example.com", filter.host());
        assertFalse(filter.matchSubdomains());
        assertEquals(8443, filter.port());
        assertEquals("/inbox", filter.path());
        assertEquals(
                List.of(
                        new UrlFilter.QueryToken("folder", "work", true),
                        new UrlFilter.QueryToken("unread", null, false)),
                filter.query());
        assertFalse(filter.isWildcard());
        assertTrue(UrlFilter.parse("*").isWildcard());
    }

    @Test
    void neverMatchesSubdomainsOfAnIpAddress() {
        assertFalse(UrlFilter.parse("10.1.2.3").matchSubdomains());
        assertEquals("[::1]", UrlFilter.parse("[0::1]:8080").host());
        assertFalse(UrlFilter.parse("[0::1]:8080").matchSubdomains());
    }

    @Test
    void explainsWhatIsWrongWithAPort() {
        var e = assertThrows(InvalidUrlFilterException.class, () -> UrlFilter.parse("chatgpt.com:99999"));
        assertEquals("port must be a number between 1 and 65535", e.getMessage());
    }

    @Test
    void explainsAWildcardInsideAHost() {
        var e = assertThrows(InvalidUrlFilterException.class, () -> UrlFilter.parse("*.openai.com"));
        assertEquals(
                "'*' can only be the whole host; 'example.com' already matches all subdomains of example.com",
                e.getMessage());
    }

    @Test
    void explainsAWildcardInAPath() {
        var e = assertThrows(InvalidUrlFilterException.class, () -> UrlFilter.parse("https://x.com/i/grok/*"));
        assertTrue(e.getMessage().startsWith("'*' is not a wildcard in a path"), e.getMessage());
    }

    @Test
    void namesTheOffendingHost() {
        var e = assertThrows(InvalidUrlFilterException.class, () -> UrlFilter.parse("https://chat_gpt!.com/"));
        assertEquals("'chat_gpt!.com' is not a valid host name", e.getMessage());
    }

    @Test
    void tellsHowToFilterACustomScheme() {
        var e = assertThrows(InvalidUrlFilterException.class, () -> UrlFilter.parse("Slack://open"));
        assertEquals("'slack:' addresses can only be filtered as a whole, with 'slack:*'", e.getMessage());
    }

    @Test
    void rejectsNull() {
        var e = assertThrows(InvalidUrlFilterException.class, () -> UrlFilter.parse(null));
        assertEquals("the pattern is empty", e.getMessage());
    }

    @Test
    void usesBlocklistQuerySemanticsUnlessTold() {
        UrlFilter filter = UrlFilter.parse("youtube.com/watch?v=ok");
        URI url = URI.create("https://youtube.com/watch?v=bad&v=ok");

        assertTrue(filter.matches(url));
        assertFalse(filter.matches(url, true));
    }

    @Test
    void returnsThePayloadOfTheWinningEntry() {
        var decider = new UrlFilterDecider<>(List.of(
                Entry.of("chatgpt.com", FilterKind.WARN, "rule-1"),
                Entry.of("chatgpt.com/g/", FilterKind.BLOCK, "rule-2"),
                Entry.of("https://chatgpt.com/g/", FilterKind.BLOCK, "rule-3")));

        Decision<String> decision =
                decider.decide(URI.create("https://chatgpt.com/g/g-abc")).orElseThrow();

        // rule-3 ties with rule-2 (a scheme adds no specificity), so the earlier entry wins.
        assertEquals("rule-2", decision.payload());
        assertEquals(FilterKind.BLOCK, decision.kind());
        assertEquals("chatgpt.com/g/", decision.filter().pattern());
        assertEquals(
                "rule-1",
                decider.decide(URI.create("https://chatgpt.com/")).orElseThrow().payload());
    }

    @Test
    void matchesNothingForARelativeUri() {
        assertFalse(UrlFilter.parse("*").matches(URI.create("/relative/path")));
    }
}
