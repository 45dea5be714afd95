package dev.promptgate.dlp;

import java.util.List;
import java.util.Optional;

/**
 * A detector the extension implements; the server knows only its id, its name and whether it is on by default. The
 * ids are shared with the extension (docs/data-protection.md) and never change.
 */
public record BuiltinDetector(String id, String name, boolean onByDefault) {

    /** The action of a built-in detector nobody configured. */
    public static final DlpAction DEFAULT_ACTION = DlpAction.WARN;

    public static final List<BuiltinDetector> ALL = List.of(
            new BuiltinDetector("payment-card", "Payment card number", true),
            new BuiltinDetector("private-key", "Private key block", true),
            new BuiltinDetector("aws-access-key", "AWS access key", true),
            new BuiltinDetector("github-token", "GitHub token", true),
            new BuiltinDetector("gitlab-token", "GitLab token", true),
            new BuiltinDetector("slack-token", "Slack token", true),
            new BuiltinDetector("stripe-key", "Stripe key", true),
            new BuiltinDetector("openai-key", "OpenAI API key", true),
            new BuiltinDetector("anthropic-key", "Anthropic API key", true),
            new BuiltinDetector("google-api-key", "Google API key", true),
            new BuiltinDetector("jwt", "JSON Web Token", true),
            new BuiltinDetector("iban", "IBAN", false),
            new BuiltinDetector("email", "E-mail address", false),
            new BuiltinDetector("phone", "Phone number", false),
            new BuiltinDetector("us-ssn", "US Social Security number", false),
            new BuiltinDetector("uk-nino", "UK National Insurance number", false),
            new BuiltinDetector("private-ip", "Private IP address", false),
            new BuiltinDetector("secret-assignment", "Password or secret assignment", false));

    public static Optional<BuiltinDetector> byId(String id) {
        return ALL.stream().filter(d -> d.id.equals(id)).findFirst();
    }

    /** Whether {@code id} names a detector an event may report: a built-in, a custom one, or {@code upload}. */
    public static boolean isReportable(String id) {
        return UPLOAD.equals(id) || byId(id).isPresent() || CustomIds.isCustom(id);
    }

    /** The pseudo-detector of file uploads in events. */
    public static final String UPLOAD = "upload";
}
