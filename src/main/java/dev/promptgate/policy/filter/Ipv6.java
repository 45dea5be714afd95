package dev.promptgate.policy.filter;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * IPv6 literals serialized the way the URL Standard (and so the browser) writes them, so that a filter and a URL
 * naming the same address compare equal whatever notation either was written in. Guava reads and writes the
 * address (RFC 5952, which the URL Standard's serializer agrees with); two differences are guarded here.
 */
final class Ipv6 {

    private Ipv6() {}

    /** Canonical "[...]" form of a bracketed literal, or {@code null} if it is not a valid IPv6 address. */
    static String canonical(String bracketed) {
        if (bracketed.length() < 2 || !bracketed.startsWith("[") || !bracketed.endsWith("]")) {
            return null;
        }
        String text = bracketed.substring(1, bracketed.length() - 1);
        // Guava also takes IPv4 literals and zone ids ("fe80::1%eth0"); neither is an IPv6 host in a URL.
        if (text.indexOf(':') < 0 || text.indexOf('%') >= 0 || !InetAddresses.isInetAddress(text)) {
            return null;
        }
        InetAddress address = InetAddresses.forString(text);
        if (address instanceof Inet6Address) {
            return "[" + InetAddresses.toAddrString(address) + "]";
        }
        // An IPv4-mapped literal ("::ffff:1.2.3.4") comes back from Java as its IPv4 address; the browser keeps it
        // an IPv6 address and writes the last two pieces in hex.
        byte[] v4 = ((Inet4Address) address).getAddress();
        return "[::ffff:" + piece(v4[0], v4[1]) + ":" + piece(v4[2], v4[3]) + "]";
    }

    private static String piece(byte high, byte low) {
        return Integer.toHexString((high & 0xff) << 8 | (low & 0xff));
    }
}
