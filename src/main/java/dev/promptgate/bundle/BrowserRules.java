package dev.promptgate.bundle;

import dev.promptgate.policy.Action;
import dev.promptgate.policy.filter.InvalidUrlFilterException;
import dev.promptgate.policy.filter.UrlFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How many declarativeNetRequest rules a browser needs for a policy bundle, and whether they fit its limits: the
 * count that the extension's rule compiler ({@code extension/src/lib/dnr-rules.js}) arrives at, rule for rule. Both
 * are held to {@code docs/browser-rule-vectors.json}.
 */
public final class BrowserRules {

    /** What a list entry or a blocked service's host asks of a navigation. */
    public enum Kind {
        ALLOW,
        BLOCK,
        WARN
    }

    public record Source(String pattern, Kind kind) {}

    @Schema(description = "A browser's limits on dynamic rules")
    public record Limits(int maxRules, int maxUnsafeRules, int maxRegexRules) {
        /** Chrome's and Edge's limits since version 121. */
        public static final Limits CHROMIUM = new Limits(30_000, 5_000, 1_000);
    }

    @Schema(description = "The navigation rules a browser needs for this policy, and whether they fit")
    public record Count(
            @Schema(description = "All rules") int rules,
            @Schema(description = "Rules that send a navigation to the block page (the browser's unsafe rules)")
                    int redirect,
            @Schema(description = "Rules that let a navigation through a less specific block") int allow,
            @Schema(description = "Rules with a regular expression") int regex,
            @Schema(
                            description = "Host-and-path filters beyond the regex budget, written as urlFilter rules:"
                                    + " blocked before the page loads except on an explicit non-default port, where"
                                    + " the page script blocks after load")
                    int urlFilterOnly,
            @Schema(description = "Patterns over the browser's limits: blocked by the page script after load")
                    List<String> overLimits,
            @Schema(
                            description = "Patterns no navigation rule can say (other schemes, more than three query"
                                    + " tokens): enforced by the page script after load")
                    List<String> notExpressible,
            @Schema(description = "Whether every rule fits the browser's limits") boolean fits,
            Limits limits) {}

    private static final int MAX_REGEX_QUERY_TOKENS = 3;
    private static final Pattern IPV4 = Pattern.compile("[0-9]+(?:\\.[0-9]+){3}");
    private static final Pattern URL_FILTER_SAFE = Pattern.compile("[\\x21-\\x7e]*");
    // Rule id ranges of the extension: redirects 1-9,999, allows 10,000-39,999.
    private static final int MAX_REDIRECT_IDS = 9_999;
    private static final int MAX_ALLOW_IDS = 30_000;

    // Priorities as in extension/src/lib/dnr-priority.js.
    private static final long HOSTS = 256;
    private static final long PATHS = 1025;
    private static final long QUERIES = 16;
    private static final long SPECIFIC_BASE = 4;

    private BrowserRules() {}

    /** What the extension compiles its rules from: the allowlist, the blocklist and everything blocked. */
    public static List<Source> sources(PolicyBundle bundle) {
        List<Source> sources = new ArrayList<>();
        bundle.allowlist().forEach(a -> sources.add(new Source(a.pattern(), Kind.ALLOW)));
        bundle.blocklist()
                .forEach(b -> sources.add(
                        new Source(b.pattern(), Kind.valueOf(b.action().name()))));
        bundle.services().stream().filter(s -> s.action() == Action.BLOCK).forEach(s -> s.hosts()
                .forEach(h -> sources.add(new Source(h, Kind.BLOCK))));
        if (bundle.defaults().unknownAiAction() == Action.BLOCK) {
            bundle.unknownAiSites().forEach(h -> sources.add(new Source(h, Kind.BLOCK)));
        }
        return sources;
    }

    private record Entry(UrlFilter filter, Kind kind) {}

    private record Candidate(boolean redirect, long priority, boolean regex, List<String> patterns) {}

    public static Count count(List<Source> sources, Limits limits) {
        List<Entry> entries = new ArrayList<>();
        for (Source source : sources) {
            try {
                entries.add(new Entry(UrlFilter.parse(source.pattern()), source.kind()));
            } catch (InvalidUrlFilterException e) {
                // The extension leaves out what does not parse, as here; the server refuses such patterns anyway.
            }
        }
        List<String> notExpressible = new ArrayList<>();
        if (entries.stream().noneMatch(e -> e.kind() == Kind.BLOCK)) {
            return new Count(0, 0, 0, 0, 0, List.of(), notExpressible, true, limits);
        }
        List<UrlFilter> blocks = entries.stream()
                .filter(e -> e.kind() == Kind.BLOCK)
                .map(Entry::filter)
                .toList();
        Map<String, Candidate> groups = new LinkedHashMap<>();
        List<Candidate> singles = new ArrayList<>();
        singles.add(new Candidate(true, Long.MAX_VALUE, true, List.of("(host with a trailing dot)")));
        List<Candidate> either = new ArrayList<>();
        for (Entry entry : entries) {
            UrlFilter filter = entry.filter();
            boolean redirect = entry.kind() == Kind.BLOCK;
            long priority = priorityOf(filter, entry.kind());
            if (isPlainHost(filter)) {
                String key = (redirect ? "redirect" : "allow") + " " + priority + " " + filter.scheme() + " "
                        + (filter.host().isEmpty() ? "*" : "");
                groups.computeIfAbsent(key, k -> new Candidate(redirect, priority, redirect, new ArrayList<>()))
                        .patterns()
                        .add(filter.pattern());
                continue;
            }
            if (!hasRegex(filter)) {
                notExpressible.add(filter.pattern());
                continue;
            }
            Candidate candidate = new Candidate(redirect, priority, true, List.of(filter.pattern()));
            if (hasUrlFilter(filter)) {
                either.add(candidate);
            } else {
                singles.add(candidate);
            }
            if (entry.kind() == Kind.ALLOW
                    && hasQueryViolation(filter)
                    && blocks.stream().anyMatch(b -> coversHost(b, filter.host()))) {
                singles.add(new Candidate(true, priority + 1, true, List.of(filter.pattern())));
            }
        }
        List<Candidate> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.comparing((Candidate c) -> c.redirect())
                .thenComparing(Candidate::priority, Comparator.reverseOrder()));
        long used = ordered.stream().filter(Candidate::regex).count() + singles.size();
        long regexBudget = Math.max(0, limits.maxRegexRules() - used);
        int urlFilterOnly = 0;
        for (int i = 0; i < either.size(); i++) {
            Candidate c = either.get(i);
            if (i < regexBudget) {
                singles.add(c);
            } else {
                singles.add(new Candidate(c.redirect(), c.priority(), false, c.patterns()));
                if (c.redirect()) {
                    urlFilterOnly++;
                }
            }
        }
        ordered.addAll(singles);

        int rules = 0;
        int redirects = 0;
        int allows = 0;
        int regexes = 0;
        List<String> overLimits = new ArrayList<>();
        for (Candidate c : ordered) {
            boolean fits = rules < limits.maxRules()
                    && (c.redirect() ? redirects < MAX_REDIRECT_IDS : allows < MAX_ALLOW_IDS)
                    && (!c.redirect() || redirects < limits.maxUnsafeRules())
                    && (!c.regex() || regexes < limits.maxRegexRules());
            if (!fits) {
                overLimits.addAll(c.patterns());
                continue;
            }
            rules++;
            if (c.redirect()) {
                redirects++;
            } else {
                allows++;
            }
            if (c.regex()) {
                regexes++;
            }
        }
        return new Count(
                rules,
                redirects,
                allows,
                regexes,
                urlFilterOnly,
                overLimits,
                notExpressible,
                overLimits.isEmpty(),
                limits);
    }

    static long priorityOf(UrlFilter f, Kind kind) {
        long tie = kind == Kind.WARN ? 0 : kind == Kind.BLOCK ? 1 : 2;
        if (kind != Kind.ALLOW && f.isWildcard()) {
            return 1 + tie;
        }
        long exact = f.matchSubdomains() ? 0 : 1;
        long host = Math.min(f.host().length(), HOSTS - 1);
        long path = Math.min(f.path().length(), PATHS - 1);
        long query = Math.min(f.query().size(), QUERIES - 1);
        long specificity = ((exact * HOSTS + host) * PATHS + path) * QUERIES + query;
        return SPECIFIC_BASE + specificity * 3 + tie;
    }

    private static boolean webScheme(String scheme) {
        return scheme.isEmpty() || scheme.equals("http") || scheme.equals("https");
    }

    private static boolean isPlainHost(UrlFilter f) {
        return webScheme(f.scheme())
                && f.port() == 0
                && (f.path().isEmpty() || f.path().equals("/"))
                && f.query().isEmpty()
                && (f.matchSubdomains() || IPV4.matcher(f.host()).matches());
    }

    /** Whether dnr-regex.js can write the filter as a regex. */
    private static boolean hasRegex(UrlFilter f) {
        return webScheme(f.scheme()) && f.query().size() <= MAX_REGEX_QUERY_TOKENS;
    }

    /** Whether dnr-rules.js can write the filter as a {@code ||host/path} urlFilter. */
    private static boolean hasUrlFilter(UrlFilter f) {
        String path = f.path();
        return f.scheme().isEmpty()
                && f.matchSubdomains()
                && !f.host().isEmpty()
                && f.port() == 0
                && f.query().isEmpty()
                && !path.isEmpty()
                && !path.equals("/")
                && path.chars().noneMatch(c -> c == '*' || c == '^' || c == '|')
                && URL_FILTER_SAFE.matcher(path + f.host()).matches();
    }

    /** Whether an allowlist filter needs the rule that cancels it when a query key has another value. */
    private static boolean hasQueryViolation(UrlFilter f) {
        return webScheme(f.scheme())
                && f.query().stream()
                        .anyMatch(t ->
                                !(t.prefix() && (t.value() == null || t.value().isEmpty())));
    }

    private static boolean coversHost(UrlFilter block, String host) {
        return block.host().isEmpty()
                || block.host().equals(host)
                || (block.matchSubdomains() && host.endsWith("." + block.host()));
    }
}
