package dev.promptgate.policy.filter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a pattern in Chrome's URLBlocklist/URLAllowlist filter format into a {@link UrlFilter}, refusing what
 * Chromium would not use with a message for the administrator.
 */
final class UrlFilterParser {

    private static final String EMPTY = "the pattern is empty";
    private static final String TOO_LONG = "the pattern is longer than " + UrlFilter.MAX_PATTERN_LENGTH + " characters";
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

    private final String pattern;

    UrlFilterParser(String pattern) {
        this.pattern = pattern;
    }

    UrlFilter parse() {
        if (pattern == null) {
            throw invalid(EMPTY);
        }
        if (pattern.length() > UrlFilter.MAX_PATTERN_LENGTH) {
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
        if (text.chars().anyMatch(UrlFilterParser::isBlank)) {
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
        List<UrlFilter.QueryToken> query = question < 0 ? List.of() : queryTokens(tail.substring(question + 1));
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

    private List<UrlFilter.QueryToken> queryTokens(String query) {
        if (query.chars().anyMatch(c -> c > 0x7f)) {
            throw invalid(NON_ASCII);
        }
        Set<UrlFilter.QueryToken> tokens = new LinkedHashSet<>();
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
            tokens.add(new UrlFilter.QueryToken(key, value, prefix));
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
