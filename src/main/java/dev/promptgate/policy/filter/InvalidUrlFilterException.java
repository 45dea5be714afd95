package dev.promptgate.policy.filter;

/**
 * Thrown when a URL filter pattern cannot be used. The message is written for the administrator who typed the
 * pattern, so it can be shown to them as is.
 */
public class InvalidUrlFilterException extends RuntimeException {

    private final String pattern;

    public InvalidUrlFilterException(String pattern, String reason) {
        super(reason);
        this.pattern = pattern;
    }

    /** The rejected pattern, exactly as given (may be {@code null}). */
    public String pattern() {
        return pattern;
    }
}
