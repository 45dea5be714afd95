package dev.promptgate.events;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Host names as events carry them. Only the host of a page is ever stored: anything that looks like more of a URL
 * (a scheme, credentials, a path, a query, a fragment) is refused rather than cut off, so that a client sending
 * URLs learns of its mistake. A port is accepted and dropped; internationalized names are stored in their ASCII
 * (punycode) form, in lowercase.
 */
public final class HostNames {

    private static final int MAX_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]{2,45}]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private HostNames() {}

    /** The host as stored: lowercase ASCII, without a port or a trailing dot. */
    public static String normalize(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        if (raw.length() > MAX_LENGTH + 8) {
            throw new IllegalArgumentException("is longer than a host name can be");
        }
        if (raw.contains("://")) {
            throw new IllegalArgumentException("must be a bare host name, not a URL");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '/'
                    || c == '?'
                    || c == '#'
                    || c == '@'
                    || c == '\\'
                    || c == '%'
                    || Character.isWhitespace(c)
                    || Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        "must be a bare host name, without path, query, fragment, credentials or spaces");
            }
        }
        String host = raw.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return ipv6(host);
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            if (host.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("must be a host name; write an IPv6 address in brackets");
            }
            port(host.substring(colon + 1));
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return dnsName(host);
    }

    private static String ipv6(String host) {
        int end = host.indexOf(']');
        if (end < 0) {
            throw new IllegalArgumentException("has an unclosed IPv6 bracket");
        }
        String address = host.substring(0, end + 1);
        String rest = host.substring(end + 1);
        if (!IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("is not a valid IPv6 address");
        }
        if (!rest.isEmpty()) {
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("must be a bare host name");
            }
            port(rest.substring(1));
        }
        return address;
    }

    private static void port(String port) {
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("has an invalid port");
        }
    }

    private static String dnsName(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid host name");
        }
        if (ascii.isEmpty() || ascii.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is not a valid host name");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("is not a valid host name");
            }
        }
        return ascii;
    }
}
