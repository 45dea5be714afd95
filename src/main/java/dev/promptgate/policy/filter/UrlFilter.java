package dev.promptgate.policy.filter;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One parsed entry of a URL blocklist or allowlist, in Chrome's URLBlocklist/URLAllowlist filter format
 * {@code [scheme://][.]host[:port][/path][?query]}, with Chromium's semantics (components/url_matcher/url_util.cc).
 * The extension implements the same rules in {@code extension/src/lib/url-filter.js}; both are held to
 * {@code docs/url-filter-vectors.json}.
 */
public final class UrlFilter {

    public static final int MAX_PATTERN_LENGTH = 1024;

    private static final String EMPTY = "the pattern is empty";
    private static final String TOO_LONG = "the pattern is longer than " + MAX_PATTERN_LENGTH + " characters";
    private static final String WHITESPACE = "the pattern must not contain spaces or control characters";
    private static final String MISSING_SCHEME = "the scheme before '://' is missing";
    private static final String BAD_SCHEME = "'%s' is not a valid scheme; leave the scheme out to match every scheme";
    private static final String WHOLE_SCHEME_ONLY = "'%s:' addresses can only be filtered as a whole, with '%s:*'";
    private static final String NEEDS_SLASHES = "the scheme must be followed by '://'";
    private static final String MISSING_HOST = "the host is missing";
    private static final String HOST_WILDCARD =
            "'*' can only be the whole host; 'example.com' already matches all subdomains of example.com";
    private static final String BAD_HOST = "'%s' is not a valid host name";
    private static final String NON_ASCII_HOST = "'%s' must be written in its punycode form (xn--...)";
    private static final String BAD_IPV4 = "'%s' is not a valid IPv4 address";
    private static final String BAD_IPV6 = "'%s' is not a valid IPv6 address";
    private static final String BAD_PORT = "port must be a number between 1 and 65535";
    private static final String PATH_WILDCARD =
            "'*' is not a wildcard in a path; paths match by prefix, so 'example.com/docs'"
                    + " already covers everything under /docs";
    private static final String NON_ASCII = "non-ASCII characters in the path or query must be percent-encoded";
    private static final String FILE_HOST = "file: filters cannot name a host; write file:///path";
    private static final String FILE_QUERY = "file: filters match the path only and cannot have a query";

    // Schemes whose filters name a host: the browser's standard schemes. Any other scheme can only be filtered as a
    // whole ("custom:*"), as in Chromium.
    private static final Set<String> HOST_SCHEMES =
            Set.of("http", "https", "ws", "wss", "ftp", "chrome", "chrome-extension", "chrome-untrusted", "devtools");

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+-]*");
    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final Pattern IPV4_PART = Pattern.compile("0|[1-9][0-9]{0,2}");

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

    private UrlFilter(
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
        return new Parser(pattern).parse();
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

    private static final class Parser {

        private final String pattern;

        Parser(String pattern) {
            this.pattern = pattern;
        }

        UrlFilter parse() {
            if (pattern == null) {
                throw invalid(EMPTY);
            }
            if (pattern.length() > MAX_PATTERN_LENGTH) {
                throw invalid(TOO_LONG);
            }
            int start = 0;
            int end = pattern.length();
            while (start < end && isBlank(pattern.charAt(start))) {
                start++;
            }
            while (end > start && isBlank(pattern.charAt(end - 1))) {
                end--;
            }
            String text = pattern.substring(start, end);
            if (text.isEmpty()) {
                throw invalid(EMPTY);
            }
            if (text.chars().anyMatch(Parser::isBlank)) {
                throw invalid(WHITESPACE);
            }
            int hash = text.indexOf('#');
            if (hash >= 0) {
                text = text.substring(0, hash);
            }

            int colon = text.indexOf(':');
            String afterColon = colon < 0 ? "" : text.substring(colon + 1);
            if (colon == 0 && afterColon.startsWith("//")) {
                throw invalid(MISSING_SCHEME);
            }
            boolean schemeLike =
                    colon > 0 && SCHEME.matcher(text.substring(0, colon)).matches();
            if (colon > 0 && !schemeLike && afterColon.startsWith("//")) {
                throw invalid(BAD_SCHEME, text.substring(0, colon));
            }
            // "localhost:8080" is a host and a port, not the scheme "localhost".
            if (!schemeLike || (!afterColon.startsWith("//") && looksLikePort(afterColon))) {
                return hostFilter("", text);
            }

            String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
            if (afterColon.equals("*") || afterColon.equals("//*")) {
                return new UrlFilter(pattern, scheme, "", true, 0, "", List.of());
            }
            if (scheme.equals("file")) {
                return fileFilter(afterColon);
            }
            if (scheme.equals("data")) {
                return new UrlFilter(pattern, scheme, "", true, 0, checkedPath(afterColon), List.of());
            }
            if (!HOST_SCHEMES.contains(scheme)) {
                throw invalid(WHOLE_SCHEME_ONLY, scheme, scheme);
            }
            if (!afterColon.startsWith("//")) {
                throw invalid(NEEDS_SLASHES);
            }
            return hostFilter(scheme, afterColon.substring(2));
        }

        // Controls plus exactly what JavaScript's \s matches, so both implementations trim and refuse the same.
        private static boolean isBlank(int c) {
            return c <= ' ' || c == 0x7f || c == 0xfeff || Character.isSpaceChar(c);
        }

        private static boolean looksLikePort(String afterColon) {
            int end = indexOfAny(afterColon, "/?");
            String candidate = end < 0 ? afterColon : afterColon.substring(0, end);
            return !candidate.isEmpty() && candidate.chars().allMatch(c -> c >= '0' && c <= '9');
        }

        private UrlFilter hostFilter(String scheme, String rest) {
            int authorityEnd = indexOfAny(rest, "/?");
            String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
            String tail = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
            // Credentials are allowed in filters and ignored, as in Chromium.
            authority = authority.substring(authority.lastIndexOf('@') + 1);

            String hostText;
            String portText = "";
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                String afterHost = close < 0 ? "" : authority.substring(close + 1);
                if (close < 0 || !(afterHost.isEmpty() || afterHost.startsWith(":"))) {
                    throw invalid(BAD_IPV6, authority);
                }
                hostText = authority.substring(0, close + 1);
                portText = afterHost.isEmpty() ? "" : afterHost.substring(1);
            } else {
                int portColon = authority.indexOf(':');
                hostText = portColon < 0 ? authority : authority.substring(0, portColon);
                portText = portColon < 0 ? "" : authority.substring(portColon + 1);
            }

            boolean matchSubdomains = true;
            String host = "";
            if (hostText.isEmpty()) {
                throw invalid(MISSING_HOST);
            }
            if (!hostText.equals("*")) {
                if (hostText.startsWith(".")) {
                    matchSubdomains = false;
                    hostText = hostText.substring(1);
                }
                if (hostText.contains("*")) {
                    throw invalid(HOST_WILDCARD);
                }
                host = canonicalHost(hostText);
                if (isIpAddress(host)) {
                    // IP addresses only ever match themselves.
                    matchSubdomains = false;
                }
            }

            int port = 0;
            // An empty port ("example.com:") means any port, as in Chromium.
            if (!portText.isEmpty()) {
                if (!portText.matches("[0-9]{1,5}")
                        || Integer.parseInt(portText) < 1
                        || Integer.parseInt(portText) > 65535) {
                    throw invalid(BAD_PORT);
                }
                port = Integer.parseInt(portText);
            }

            int question = tail.indexOf('?');
            String path = checkedPath(question < 0 ? tail : tail.substring(0, question));
            List<QueryToken> query = question < 0 ? List.of() : queryTokens(tail.substring(question + 1));
            return new UrlFilter(pattern, scheme, host, matchSubdomains, port, path, query);
        }

        private static boolean isIpAddress(String canonicalHost) {
            return canonicalHost.startsWith("[")
                    || NUMERIC_LABEL
                            .matcher(canonicalHost.substring(canonicalHost.lastIndexOf('.') + 1))
                            .matches();
        }

        private String canonicalHost(String written) {
            String host = written.endsWith(".") ? written.substring(0, written.length() - 1) : written;
            if (host.isEmpty()) {
                throw invalid(MISSING_HOST);
            }
            if (host.startsWith("[")) {
                String canonical = Ipv6.canonical(host);
                if (canonical == null) {
                    throw invalid(BAD_IPV6, written);
                }
                return canonical;
            }
            if (host.chars().anyMatch(c -> c > 0x7f)) {
                throw invalid(NON_ASCII_HOST, written);
            }
            host = host.toLowerCase(Locale.ROOT);
            String[] labels = host.split("\\.", -1);
            // Like the URL Standard: a host whose last label is a number is an IPv4 address or nothing.
            if (isIpAddress(host)) {
                if (labels.length != 4) {
                    throw invalid(BAD_IPV4, written);
                }
                for (String label : labels) {
                    if (!IPV4_PART.matcher(label).matches() || Integer.parseInt(label) > 255) {
                        throw invalid(BAD_IPV4, written);
                    }
                }
                return host;
            }
            for (String label : labels) {
                if (!HOST_LABEL.matcher(label).matches()) {
                    throw invalid(BAD_HOST, written);
                }
            }
            return host;
        }

        private UrlFilter fileFilter(String afterColon) {
            if (!afterColon.startsWith("//")) {
                throw invalid(NEEDS_SLASHES);
            }
            String rest = afterColon.substring(2);
            int slash = rest.indexOf('/');
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            if (!authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
                throw invalid(FILE_HOST);
            }
            String path = slash < 0 ? "/" : rest.substring(slash);
            if (path.contains("?")) {
                throw invalid(FILE_QUERY);
            }
            return new UrlFilter(pattern, "file", "", true, 0, checkedPath(path), List.of());
        }

        // Chromium compares the filter's path verbatim with the URL's canonical path, so a '*' or a raw non-ASCII
        // character would silently never match; refusing them tells the administrator instead.
        private String checkedPath(String path) {
            if (path.contains("*")) {
                throw invalid(PATH_WILDCARD);
            }
            if (path.chars().anyMatch(c -> c > 0x7f)) {
                throw invalid(NON_ASCII);
            }
            return path;
        }

        private List<QueryToken> queryTokens(String query) {
            if (query.chars().anyMatch(c -> c > 0x7f)) {
                throw invalid(NON_ASCII);
            }
            Set<QueryToken> tokens = new LinkedHashSet<>();
            for (String part : query.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int equals = part.indexOf('=');
                String key = equals < 0 ? part : part.substring(0, equals);
                String value = equals < 0 ? null : part.substring(equals + 1);
                String last = value == null ? key : value;
                boolean prefix = last.endsWith("*");
                if (prefix && value == null) {
                    key = key.substring(0, key.length() - 1);
                } else if (prefix) {
                    value = value.substring(0, value.length() - 1);
                }
                tokens.add(new QueryToken(key, value, prefix));
            }
            return new ArrayList<>(tokens);
        }

        private InvalidUrlFilterException invalid(String reason, Object... args) {
            return new InvalidUrlFilterException(pattern, String.format(Locale.ROOT, reason, args));
        }

        private static int indexOfAny(String text, String chars) {
            for (int i = 0; i < text.length(); i++) {
                if (chars.indexOf(text.charAt(i)) >= 0) {
                    return i;
                }
            }
            return -1;
        }
    }
}
