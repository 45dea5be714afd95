package dev.promptgate.policy.guideline;

import java.time.Instant;

/** The current guideline as a policy bundle carries it: its number, title and sanitized HTML. */
public record PublishedGuideline(int version, String title, String html, Instant publishedAt) {

    static PublishedGuideline of(Guideline guideline) {
        return new PublishedGuideline(
                guideline.guidelineVersion, guideline.title, guideline.html, guideline.publishedAt);
    }
}
