package dev.promptgate.policy.guideline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One guideline document. Drafts are edited freely; publishing numbers it and freezes it. The current guideline
 * is the published one with the highest number.
 */
@Entity
@Table(name = "guideline")
public class Guideline extends PanacheEntityBase {

    public enum Status {
        /** Being written; can be edited, deleted or published. */
        DRAFT,
        /** Numbered and frozen. */
        PUBLISHED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** 1, 2, 3, … in publishing order; null while a draft. */
    @Column(name = "guideline_version", unique = true)
    public Integer guidelineVersion;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String markdown;

    /** The sanitized rendering of {@link #markdown}; never anything else. */
    @Column(nullable = false)
    public String html;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "published_by")
    public String publishedBy;

    @Version
    public long version;

    public boolean isPublished() {
        return status == Status.PUBLISHED;
    }
}
