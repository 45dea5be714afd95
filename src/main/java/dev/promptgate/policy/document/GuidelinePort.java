package dev.promptgate.policy.document;

import java.util.Optional;

/**
 * What policy as code needs from the guideline feature: the current published guideline, and publishing the
 * next one. Both run in the caller's transaction, so that a failed apply publishes nothing. The actor is the
 * current caller, as the guideline feature records it itself.
 */
public interface GuidelinePort {

    /** The title and Markdown of the published guideline with the highest version, if one was published. */
    Optional<PolicyDocument.Guidelines> current();

    /** Publishes a new guideline version with this title and Markdown; it becomes the current one. */
    void publish(String title, String markdown);
}
