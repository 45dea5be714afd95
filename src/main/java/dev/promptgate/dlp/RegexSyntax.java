package dev.promptgate.dlp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Refuses what RE2/J would accept but must not be saved: syntax that means something else (or nothing) in the
 * extension's regex engine, and nested quantifiers. Runs before RE2/J compiles the pattern, so that a
 * backreference or a lookaround gets a message that says what it is instead of RE2's "invalid escape".
 */
final class RegexSyntax {

    /** Unicode general categories, the only {@code \p{…}} names that mean the same in RE2 and JavaScript. */
    private static final Set<String> CATEGORIES = Set.of(
            "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps",
            "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Co", "Cs");

    private RegexSyntax() {}

    /** Why the pattern is refused, or null when its syntax is fine. */
    static String problem(String pattern) {
        Deque<boolean[]> groups = new ArrayDeque<>();
        groups.push(new boolean[1]);
        boolean inClass = false;
        boolean lastWasGroupWithQuantifier = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            boolean closedQuantifiedGroup = false;
            if (c == '\\') {
                if (i + 1 >= pattern.length()) {
                    return "ends with a lone backslash";
                }
                String escape = escape(pattern, i + 1, inClass);
                if (escape != null) {
                    return escape;
                }
                i += pattern.charAt(i + 1) == 'p' || pattern.charAt(i + 1) == 'P' ? pattern.indexOf('}', i) - i : 1;
            } else if (inClass) {
                if (c == '[' && i + 1 < pattern.length() && pattern.charAt(i + 1) == ':') {
                    return "POSIX classes such as [[:alpha:]] are not supported: use \\p{L} or [a-z]";
                }
                if (c == ']') {
                    inClass = false;
                }
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                    i++;
                }
                if (i + 2 < pattern.length() && pattern.charAt(i + 1) == '^' && pattern.charAt(i + 2) == ']') {
                    i += 2;
                }
            } else if (c == '(') {
                String group = groupStart(pattern, i);
                if (group != null) {
                    return group;
                }
                groups.push(new boolean[1]);
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '?') {
                    i += 2;
                }
            } else if (c == ')') {
                if (groups.size() == 1) {
                    return "has a ) without its (";
                }
                boolean quantified = groups.pop()[0];
                groups.peek()[0] |= quantified;
                closedQuantifiedGroup = quantified;
            } else if (c == '*' || c == '+' || c == '{' || c == '?') {
                boolean repeats = c != '?';
                if (c == '{' && !isCounted(pattern, i)) {
                    lastWasGroupWithQuantifier = false;
                    continue;
                }
                if (repeats && lastWasGroupWithQuantifier) {
                    return "has a nested quantifier (a repeated group that itself repeats, as in (a+)+): it matches"
                            + " nothing more than the simpler pattern and can be very slow, so write it without the"
                            + " outer or the inner repetition";
                }
                if (c == '*' || c == '+') {
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '+') {
                        return "possessive quantifiers (a++) are not supported";
                    }
                }
                groups.peek()[0] = true;
                if (c == '{') {
                    i = pattern.indexOf('}', i);
                }
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '?') {
                    i++;
                }
            }
            lastWasGroupWithQuantifier = closedQuantifiedGroup;
        }
        return null;
    }

    /** A counted repetition {n}, {n,} or {n,m}; anything else after { is a literal brace in RE2. */
    private static boolean isCounted(String pattern, int at) {
        int close = pattern.indexOf('}', at);
        return close > at + 1 && pattern.substring(at + 1, close).matches("[0-9]+(,[0-9]*)?");
    }

    private static String groupStart(String pattern, int at) {
        if (at + 1 >= pattern.length() || pattern.charAt(at + 1) != '?') {
            return null;
        }
        String rest = pattern.substring(at + 2);
        if (rest.startsWith(":")) {
            return null;
        }
        if (rest.startsWith("=") || rest.startsWith("!") || rest.startsWith("<=") || rest.startsWith("<!")) {
            return "lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported: they cannot be"
                    + " matched in linear time";
        }
        if (rest.startsWith("P<") || rest.startsWith("<") || rest.startsWith("'")) {
            return "named groups are not supported: use a plain group (…) or (?:…)";
        }
        if (rest.startsWith(">")) {
            return "atomic groups (?>…) are not supported";
        }
        return "inline flags such as (?i) are not supported: set caseSensitive instead, and use (?:…) for groups";
    }

    private static String escape(String pattern, int at, boolean inClass) {
        char e = pattern.charAt(at);
        if (e >= '1' && e <= '9') {
            return "backreferences such as \\" + e + " are not supported: they cannot be matched in linear time";
        }
        if (e == 'k') {
            return "named backreferences (\\k<name>) are not supported: they cannot be matched in linear time";
        }
        if (e == 'A' || e == 'z' || e == 'Q' || e == 'E' || e == 'C' || e == 'Z' || e == 'G') {
            return "\\" + e + " means something else in the browser, or nothing: use ^ and $ instead of \\A and \\z,"
                    + " and escape characters one by one instead of \\Q…\\E";
        }
        if (e == 'p' || e == 'P') {
            int close = pattern.indexOf('}', at);
            if (at + 1 >= pattern.length() || pattern.charAt(at + 1) != '{' || close < 0) {
                return "write Unicode classes with braces, as in \\p{L}";
            }
            String name = pattern.substring(at + 2, close);
            if (!CATEGORIES.contains(name)) {
                return "\\p{" + name + "} is not supported: only general categories such as \\p{L}, \\p{Lu} or \\p{N}";
            }
        }
        if (e == '0' || e == 'x' && at + 1 < pattern.length() && pattern.charAt(at + 1) == '{') {
            return "\\x{…} and octal escapes are not supported: write the character itself, or \\xHH with two hex"
                    + " digits";
        }
        return null;
    }
}
