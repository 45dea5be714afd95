package dev.promptgate.policy.guideline;

import dev.promptgate.api.Versioned;
import java.time.Instant;

/** A guideline as the API shows it, with its Markdown source and the sanitized HTML. */
public record GuidelineView(
        long id,
        Guideline.Status status,
        Integer guidelineVersion,
        String title,
        String markdown,
        String html,
        Instant createdAt,
        String createdBy,
        Instant publishedAt,
        String publishedBy,
        long version)
        implements Versioned {

    public static GuidelineView of(Guideline guideline) {
        return new GuidelineView(
                guideline.id,
                guideline.status,
                guideline.guidelineVersion,
                guideline.title,
                guideline.markdown,
                guideline.html,
                guideline.createdAt,
                guideline.createdBy,
                guideline.publishedAt,
                guideline.publishedBy,
                guideline.version);
    }
}
