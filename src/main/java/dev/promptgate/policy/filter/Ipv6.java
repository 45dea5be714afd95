package dev.promptgate.policy.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * IPv6 literals serialized the way the URL Standard (and so the browser) writes them, so that a filter and a URL
 * naming the same address compare equal whatever notation either was written in.
 */
final class Ipv6 {

    private Ipv6() {}

    /** Canonical "[...]" form of a bracketed literal, or {@code null} if it is not a valid IPv6 address. */
    static String canonical(String bracketed) {
        if (bracketed.length() < 2 || !bracketed.startsWith("[") || !bracketed.endsWith("]")) {
            return null;
        }
        int[] pieces = parse(bracketed.substring(1, bracketed.length() - 1));
        return pieces == null ? null : "[" + serialize(pieces) + "]";
    }

    private static int[] parse(String text) {
        int compress = text.indexOf("::");
        if (compress >= 0 && text.indexOf("::", compress + 1) >= 0) {
            return null;
        }
        List<Integer> head = pieces(compress < 0 ? text : text.substring(0, compress));
        List<Integer> tail = compress < 0 ? List.of() : pieces(text.substring(compress + 2));
        if (head == null || tail == null) {
            return null;
        }
        int count = head.size() + tail.size();
        // "::" has to stand for at least one zero piece.
        if (compress < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] result = new int[8];
        for (int i = 0; i < head.size(); i++) {
            result[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            result[8 - tail.size() + i] = tail.get(i);
        }
        return result;
    }

    private static List<Integer> pieces(String text) {
        List<Integer> result = new ArrayList<>();
        if (text.isEmpty()) {
            return result;
        }
        String[] groups = text.split(":", -1);
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (i == groups.length - 1 && group.contains(".")) {
                int[] v4 = ipv4(group);
                if (v4 == null) {
                    return null;
                }
                result.add(v4[0] << 8 | v4[1]);
                result.add(v4[2] << 8 | v4[3]);
            } else if (group.matches("[0-9A-Fa-f]{1,4}")) {
                result.add(Integer.parseInt(group, 16));
            } else {
                return null;
            }
        }
        return result;
    }

    private static int[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] bytes = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(parts[i]) > 255) {
                return null;
            }
            bytes[i] = Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    private static String serialize(int[] pieces) {
        // The first longest run of two or more zero pieces is written as "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && pieces[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(Integer.toHexString(pieces[i]));
            if (i < 7) {
                out.append(':');
            }
        }
        return out.toString();
    }
}
