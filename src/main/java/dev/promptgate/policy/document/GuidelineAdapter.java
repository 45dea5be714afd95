package dev.promptgate.policy.document;

import dev.promptgate.api.Preconditions;
import dev.promptgate.policy.guideline.Guideline;
import dev.promptgate.policy.guideline.GuidelineService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * The guidelines as a policy document sees them: the current published version's title and Markdown, and
 * publishing a new version through the guideline feature, so that it is rendered, sanitized and numbered as
 * one published through the API would be.
 */
@ApplicationScoped
class GuidelineAdapter implements GuidelinePort {

    private final GuidelineService guidelines;

    GuidelineAdapter(GuidelineService guidelines) {
        this.guidelines = guidelines;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<PolicyDocument.Guidelines> current() {
        return guidelines.findCurrent().map(g -> new PolicyDocument.Guidelines(g.title, g.markdown));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String title, String markdown) {
        Guideline draft = guidelines.createDraft(title, markdown);
        guidelines.publish(draft.id, Preconditions.etag(draft.version));
    }
}
