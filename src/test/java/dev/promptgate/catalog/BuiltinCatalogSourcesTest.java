package dev.promptgate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptgate.policy.filter.UrlFilter;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped catalog file itself: every fact has a source or says it is unverified, and a review date. */
class BuiltinCatalogSourcesTest {

    static JsonNode file;

    @BeforeAll
    static void readCatalog() throws IOException {
        try (InputStream in =
                BuiltinCatalogSourcesTest.class.getClassLoader().getResourceAsStream(BuiltinCatalog.RESOURCE)) {
            file = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyFactOfEveryBuiltInEntryHasASourceOrSaysWhatWasFoundAndAReviewDate() {
        List<String> problems = new ArrayList<>();
        for (JsonNode service : file.path("services")) {
            String key = service.path("key").asText();
            JsonNode policy = service.path("dataPolicy");
            JsonNode sources = policy.path("sources");
            LocalDate newest = null;
            for (String fact : FactSource.FACTS) {
                JsonNode source = sources.path(fact);
                if (source.isMissingNode()) {
                    problems.add(key + ": " + fact + " has no source");
                    continue;
                }
                if (!source.path("reviewedOn").isTextual()) {
                    problems.add(key + ": " + fact + " has no review date");
                    continue;
                }
                LocalDate reviewed = LocalDate.parse(source.path("reviewedOn").asText());
                newest = newest == null || reviewed.isAfter(newest) ? reviewed : newest;
                boolean verified = source.path("verified").asBoolean(false);
                if (verified && !source.path("url").asText("").startsWith("https://")) {
                    problems.add(key + ": " + fact + " is verified without the https URL of the vendor's page");
                }
                if (!verified && source.path("note").asText("").isBlank()) {
                    problems.add(key + ": " + fact + " is unverified without saying what was found");
                }
            }
            Set<String> named = new HashSet<>();
            sources.fieldNames().forEachRemaining(named::add);
            named.removeAll(FactSource.FACTS);
            if (!named.isEmpty()) {
                problems.add(key + ": sources for unknown facts " + named);
            }
            if (newest != null && !policy.path("reviewedOn").asText().equals(newest.toString())) {
                problems.add(key + ": dataPolicy.reviewedOn is not the newest fact review date " + newest);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyServiceTheReviewAskedForIsInTheCatalogWithValidHosts() {
        Set<String> hosts = new HashSet<>();
        for (JsonNode service : file.path("services")) {
            for (JsonNode host : service.path("hosts")) {
                assertNotNull(UrlFilter.parse(host.asText()));
                assertTrue(hosts.add(host.asText()), "host " + host + " appears twice");
            }
            assertFalse(service.path("inputSelectors").isEmpty(), service.path("key") + " has no input selector");
        }
        for (String expected : List.of(
                "duck.ai",
                "lmarena.ai",
                "openrouter.ai",
                "z.ai",
                "chatglm.cn",
                "doubao.com",
                "yuanbao.tencent.com",
                "manus.im",
                "genspark.ai",
                "lovable.dev",
                "bolt.new",
                "v0.app",
                "google.com/search?udm=50",
                "grok.x.ai")) {
            assertTrue(hosts.contains(expected), expected + " is not covered");
        }
    }
}
