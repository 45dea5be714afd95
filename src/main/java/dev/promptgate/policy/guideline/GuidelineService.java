package dev.promptgate.policy.guideline;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.Preconditions;
import dev.promptgate.api.ProblemException;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.audit.CurrentActor;
import dev.promptgate.change.PolicyChanged;
import dev.promptgate.db.AdvisoryLock;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * Guidelines: drafts are written and edited, then published. Publishing gives a draft the next guideline
 * number and freezes it; the published guideline with the highest number is the current one.
 */
@ApplicationScoped
@Transactional
public class GuidelineService {

    static final String AUDIT_TYPE = "guideline";

    /** Drafts first, newest first; then published guidelines, highest number first. */
    private static final Sort NEWEST_FIRST = Sort.by(
                    "guidelineVersion", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_FIRST)
            .and("createdAt", Sort.Direction.Descending)
            .and("id", Sort.Direction.Descending);

    private final AuditLog audit;
    private final Event<PolicyChanged> changed;
    private final CurrentActor actor;
    private final GuidelineRenderer renderer;

    GuidelineService(AuditLog audit, CurrentActor actor, GuidelineRenderer renderer, Event<PolicyChanged> changed) {
        this.changed = changed;
        this.audit = audit;
        this.actor = actor;
        this.renderer = renderer;
    }

    /** Lists guidelines, all of them or those with {@code status} (when not null). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Guideline> list(Guideline.Status status, PageParams paging) {
        var query = status == null ? Guideline.findAll(NEWEST_FIRST) : Guideline.find("status", NEWEST_FIRST, status);
        query.page(paging.page, paging.size);
        return new Page<>(query.list(), paging.page, paging.size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Guideline> find(long id) {
        return Guideline.findByIdOptional(id);
    }

    /** The published guideline with the highest number, if any was published. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Guideline> findCurrent() {
        return Guideline.find("status", Sort.descending("guidelineVersion"), Guideline.Status.PUBLISHED)
                .firstResultOptional();
    }

    /**
     * The highest guideline number published, or 0 when none was. Numbers are given in order on publishing and a
     * published guideline is never removed, so every number from 1 to it names a published version.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public int highestPublishedVersion() {
        return findCurrent().map(g -> g.guidelineVersion).orElse(0);
    }

    /** The current guideline as the policy bundle carries it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PublishedGuideline> current() {
        return findCurrent().map(PublishedGuideline::of);
    }

    /** Renders Markdown as a guideline would store it, without storing anything. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String renderPreview(String markdown) {
        return renderer.render(markdown);
    }

    public Guideline createDraft(String title, String markdown) {
        Guideline guideline = new Guideline();
        guideline.status = Guideline.Status.DRAFT;
        guideline.title = title;
        guideline.markdown = markdown;
        guideline.html = renderer.render(markdown);
        guideline.createdAt = Instant.now();
        guideline.createdBy = actor.name();
        guideline.persist();
        Guideline.flush();
        audit.record("create", AUDIT_TYPE, guideline.id, null, GuidelineView.of(guideline));
        return guideline;
    }

    /** Replaces a draft's title and Markdown. */
    public Guideline updateDraft(long id, String ifMatch, String title, String markdown) {
        Guideline guideline = findDraft(id, ifMatch, "edited");
        GuidelineView before = GuidelineView.of(guideline);
        guideline.title = title;
        guideline.markdown = markdown;
        guideline.html = renderer.render(markdown);
        Guideline.flush();
        audit.record("update", AUDIT_TYPE, id, before, GuidelineView.of(guideline));
        return guideline;
    }

    public void deleteDraft(long id, String ifMatch) {
        Guideline guideline = findDraft(id, ifMatch, "deleted");
        GuidelineView before = GuidelineView.of(guideline);
        guideline.delete();
        Guideline.flush();
        audit.record("delete", AUDIT_TYPE, id, before, null);
    }

    /**
     * Publishes the draft the caller reviewed (If-Match): it gets the next guideline number, is frozen and
     * becomes the current guideline.
     */
    public Guideline publish(long id, String ifMatch) {
        // Publishers queue here, so that two of them never take the same number.
        AdvisoryLock.GUIDELINE_PUBLISH.holdUntilCommit(Guideline.getEntityManager());
        Guideline guideline = findDraft(id, ifMatch, "published again");
        GuidelineView before = GuidelineView.of(guideline);
        Integer highest = Guideline.getEntityManager()
                .createQuery("select max(g.guidelineVersion) from Guideline g", Integer.class)
                .getSingleResult();
        guideline.status = Guideline.Status.PUBLISHED;
        guideline.guidelineVersion = highest == null ? 1 : highest + 1;
        // Rendered once more, so that the frozen HTML is what this server's sanitizer produces.
        guideline.html = renderer.render(guideline.markdown);
        guideline.publishedAt = Instant.now();
        guideline.publishedBy = actor.name();
        Guideline.flush();
        audit.record("publish", AUDIT_TYPE, id, before, GuidelineView.of(guideline));
        changed.fire(new PolicyChanged("published guideline"));
        return guideline;
    }

    private Guideline findDraft(long id, String ifMatch, String refusedAction) {
        Guideline guideline = find(id).orElseThrow(() -> notFound(id));
        Preconditions.requireMatch(ifMatch, guideline.version);
        if (guideline.isPublished()) {
            throw new ProblemException.Conflict("Guideline " + id + " is published as version "
                    + guideline.guidelineVersion + " and cannot be " + refusedAction
                    + "; create a new draft instead");
        }
        return guideline;
    }

    static ProblemException.NotFound notFound(long id) {
        return new ProblemException.NotFound("No guideline " + id);
    }
}
