package dev.promptgate.policy.filter;

import java.net.URI;
import java.util.List;

/**
 * One parsed entry of a URL blocklist or allowlist, in Chrome's URLBlocklist/URLAllowlist filter format
 * {@code [scheme://][.]host[:port][/path][?query]}, with Chromium's semantics (components/url_matcher/url_util.cc).
 * The extension implements the same rules in {@code extension/src/lib/url-filter.js}; both are held to
 * {@code docs/url-filter-vectors.json}.
 */
public final class UrlFilter {

    public static final int MAX_PATTERN_LENGTH = 1024;

    /** One {@code key}, {@code key=value}, {@code key*} or {@code key=value*} token of the query part. */
    public record QueryToken(String key, String value, boolean prefix) {

        /** Whether this token is satisfied by one raw {@code name[=value]} parameter of a URL's query. */
        boolean matches(String param) {
            String expected = value == null ? key : key + "=" + value;
            return prefix ? param.startsWith(expected) : param.equals(expected);
        }

        // Chromium's allowlist check is "every occurrence of the key has the value", except for prefix tokens with
        // nothing after the key or '=', where any occurrence is enough.
        boolean needsEveryOccurrence() {
            return !(prefix && (value == null || value.isEmpty()));
        }
    }

    private final String pattern;
    private final String scheme;
    private final String host;
    private final boolean matchSubdomains;
    private final int port;
    private final String path;
    private final List<QueryToken> query;

    UrlFilter(
            String pattern,
            String scheme,
            String host,
            boolean matchSubdomains,
            int port,
            String path,
            List<QueryToken> query) {
        this.pattern = pattern;
        this.scheme = scheme;
        this.host = host;
        this.matchSubdomains = matchSubdomains;
        this.port = port;
        this.path = path;
        this.query = List.copyOf(query);
    }

    /**
     * Parses a filter.
     *
     * @throws InvalidUrlFilterException with a message for the administrator if the pattern cannot be used
     */
    public static UrlFilter parse(String pattern) {
        return new UrlFilterParser(pattern).parse();
    }

    /** The pattern exactly as it was given to {@link #parse}. */
    public String pattern() {
        return pattern;
    }

    /** Lower-case scheme the URL must have, or "" for any scheme. */
    public String scheme() {
        return scheme;
    }

    /** Lower-case host without a leading or trailing dot, or "" for any host. IPv6 hosts keep their brackets. */
    public String host() {
        return host;
    }

    /** Whether subdomains of {@link #host()} match too: false for ".example.com" and for IP addresses. */
    public boolean matchSubdomains() {
        return matchSubdomains;
    }

    /** The port the URL must use (default ports count), or 0 for any port. */
    public int port() {
        return port;
    }

    /** Case-sensitive prefix the URL's path must start with; "" matches every path. */
    public String path() {
        return path;
    }

    /** Distinct query tokens, all of which must be present in the URL's query. */
    public List<QueryToken> query() {
        return query;
    }

    /** Whether this is the plain "*" filter, which Chromium ranks below every other filter when it blocks. */
    public boolean isWildcard() {
        return scheme.isEmpty() && host.isEmpty() && matchSubdomains && port == 0 && path.isEmpty() && query.isEmpty();
    }

    /** Whether this filter matches the URL as a blocklist entry (any occurrence of a query key-value is enough). */
    public boolean matches(URI url) {
        return matches(url, false);
    }

    /**
     * Whether this filter matches the URL, as an allowlist entry if {@code allowlist} is set: Chromium then requires
     * every occurrence of a query key to carry the filter's value, so that "watch?v=ok" does not allow
     * "watch?v=bad&amp;v=ok".
     */
    public boolean matches(URI url, boolean allowlist) {
        UrlTarget target = UrlTarget.of(url);
        return target != null && matches(target, allowlist);
    }

    boolean matches(UrlTarget url, boolean allowlist) {
        return (scheme.isEmpty() || scheme.equals(url.scheme()))
                && hostMatches(url.host())
                && (port == 0 || port == url.port())
                && url.path().startsWith(path)
                && queryMatches(url.queryParams(), allowlist);
    }

    private boolean hostMatches(String urlHost) {
        return host.isEmpty()
                || urlHost.equals(host)
                || (matchSubdomains
                        && urlHost.endsWith(host)
                        && urlHost.charAt(urlHost.length() - host.length() - 1) == '.');
    }

    private boolean queryMatches(List<String> params, boolean allowlist) {
        for (QueryToken token : query) {
            boolean ok = allowlist && token.needsEveryOccurrence()
                    ? everyOccurrenceMatches(token, params)
                    : params.stream().anyMatch(token::matches);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean everyOccurrenceMatches(QueryToken token, List<String> params) {
        boolean found = false;
        for (String param : params) {
            int equals = param.indexOf('=');
            if ((equals < 0 ? param : param.substring(0, equals)).equals(token.key())) {
                if (!token.matches(param)) {
                    return false;
                }
                found = true;
            }
        }
        return found;
    }

    /**
     * Compares how specific two filters are, following Chromium's FilterTakesPrecedence: an exact host beats one that
     * also matches subdomains, then the longer host wins, then the longer path, then the larger number of query
     * tokens. Scheme and port do not count. Positive if this filter is the more specific one, 0 on a tie.
     */
    public int compareSpecificity(UrlFilter other) {
        if (matchSubdomains != other.matchSubdomains) {
            return matchSubdomains ? -1 : 1;
        }
        int byHost = Integer.compare(host.length(), other.host.length());
        if (byHost != 0) {
            return byHost;
        }
        int byPath = Integer.compare(path.length(), other.path.length());
        return byPath != 0 ? byPath : Integer.compare(query.size(), other.query.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UrlFilter other && pattern.equals(other.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
