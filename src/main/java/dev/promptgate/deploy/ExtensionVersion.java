package dev.promptgate.deploy;

import java.util.regex.Pattern;

/** Chromium's extension version: one to four dot-separated integers from 0 to 65535, compared number by number. */
final class ExtensionVersion {

    private static final Pattern FORMAT = Pattern.compile("(0|[1-9][0-9]{0,4})(\\.(0|[1-9][0-9]{0,4})){0,3}");

    private ExtensionVersion() {}

    static boolean isValid(String version) {
        if (!FORMAT.matcher(version).matches()) {
            return false;
        }
        for (String part : version.split("\\.")) {
            if (Integer.parseInt(part) > 65535) {
                return false;
            }
        }
        return true;
    }

    /** Negative, zero or positive as {@code a} is lower than, equal to or higher than {@code b}; 1.0 equals 1.0.0. */
    static int compare(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i < left.length ? Integer.parseInt(left[i]) : 0;
            int r = i < right.length ? Integer.parseInt(right[i]) : 0;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }
}
