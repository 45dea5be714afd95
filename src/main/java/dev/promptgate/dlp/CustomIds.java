package dev.promptgate.dlp;

/**
 * Ids of custom detectors: {@code kw-N} for keyword lists and {@code re-N} for regular expressions, N the stored
 * row's number. Never the admin's name for it, so an event carries nothing an admin typed.
 */
public final class CustomIds {

    public static final String KEYWORDS = "kw-";
    public static final String REGEX = "re-";

    private CustomIds() {}

    public static String of(DetectorKind kind, long number) {
        return (kind == DetectorKind.KEYWORDS ? KEYWORDS : REGEX) + number;
    }

    /** Whether the text is {@code kw-} or {@code re-} followed by 1 to 18 digits, the first not 0. */
    public static boolean isCustom(String id) {
        if (id == null || !(id.startsWith(KEYWORDS) || id.startsWith(REGEX))) {
            return false;
        }
        int digits = id.length() - 3;
        if (digits < 1 || digits > 18 || id.charAt(3) == '0') {
            return false;
        }
        for (int i = 3; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
