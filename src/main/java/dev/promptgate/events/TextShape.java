package dev.promptgate.events;

/**
 * A rule for a text field of an event: length bounds, and which characters may come first and after. Checked
 * character by character rather than with regular expressions: this runs for every event.
 */
record TextShape(int min, int max, CharRule first, CharRule rest) {

    static final TextShape DEVICE_ID = new TextShape(1, 100, TextShape::deviceChar, TextShape::deviceChar);
    static final TextShape VERSION = new TextShape(1, 50, TextShape::versionChar, TextShape::versionChar);
    static final TextShape TYPE = new TextShape(1, 40, c -> c >= 'a' && c <= 'z', TextShape::typeChar);
    static final TextShape SERVICE_KEY = new TextShape(1, 63, TextShape::lowerOrDigit, TextShape::keyChar);

    interface CharRule {
        boolean test(char c);
    }

    boolean matches(String text) {
        if (text.length() < min || text.length() > max || !first.test(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (!rest.test(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean lowerOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean letterOrDigit(char c) {
        return lowerOrDigit(c) || (c >= 'A' && c <= 'Z');
    }

    private static boolean deviceChar(char c) {
        return letterOrDigit(c) || c == '.' || c == '_' || c == '~' || c == '-';
    }

    private static boolean versionChar(char c) {
        return letterOrDigit(c) || c == '.' || c == '+' || c == '-';
    }

    private static boolean typeChar(char c) {
        return lowerOrDigit(c) || c == '_';
    }

    private static boolean keyChar(char c) {
        return lowerOrDigit(c) || c == '-';
    }
}
