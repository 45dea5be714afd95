package dev.promptgate.policy.filter;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a URL that filters look at, read the way the browser's URL parser (the URL Standard) reads them. The
 * extension does the same with the WHATWG {@code URL} class, so both sides decide alike as long as the URI is in
 * the browser's canonical form (as reported by the extension).
 */
record UrlTarget(String scheme, String host, int port, String path, List<String> queryParams) {

    private static final Map<String, Integer> DEFAULT_PORTS =
            Map.of("http", 80, "https", 443, "ws", 80, "wss", 443, "ftp", 21);

    // Schemes whose URLs always have a path of at least "/" in the URL Standard.
    private static final Set<String> SPECIAL_SCHEMES = Set.of("http", "https", "ws", "wss", "ftp", "file");

    /** Returns {@code null} for relative URIs, which no filter can match. */
    static UrlTarget of(URI url) {
        if (url.getScheme() == null) {
            return null;
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (url.isOpaque()) {
            // "mailto:", "data:", "about:blank"...: no host, everything up to the query is the path.
            String rest = url.getRawSchemeSpecificPart();
            int question = rest.indexOf('?');
            return new UrlTarget(
                    scheme,
                    "",
                    DEFAULT_PORTS.getOrDefault(scheme, -1),
                    question < 0 ? rest : rest.substring(0, question),
                    params(question < 0 ? null : rest.substring(question + 1)));
        }
        String host = "";
        int port = -1;
        // Parsed by hand because URI.getHost() gives up on names the browser accepts, such as "my_host.internal".
        String authority = url.getRawAuthority();
        if (authority != null) {
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            int portColon =
                    authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']')) : authority.indexOf(':');
            host = portColon < 0 ? authority : authority.substring(0, portColon);
            port = portColon < 0 ? -1 : parsePort(authority.substring(portColon + 1));
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (path.isEmpty() && SPECIAL_SCHEMES.contains(scheme)) {
            path = "/";
        }
        return new UrlTarget(
                scheme,
                normalizeHost(host),
                port < 0 ? DEFAULT_PORTS.getOrDefault(scheme, -1) : port,
                path,
                params(url.getRawQuery()));
    }

    private static String normalizeHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        // Chromium compares hosts as if they ended with a dot, so "example.com." is "example.com".
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.startsWith("[")) {
            String canonical = Ipv6.canonical(lower);
            return canonical == null ? lower : canonical;
        }
        return lower;
    }

    private static int parsePort(String text) {
        return text.matches("[0-9]{1,5}") ? Integer.parseInt(text) : -1;
    }

    private static List<String> params(String query) {
        return query == null || query.isEmpty() ? List.of() : List.of(query.split("&", -1));
    }
}
