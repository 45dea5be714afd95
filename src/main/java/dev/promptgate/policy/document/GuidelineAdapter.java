package dev.promptgate.policy.document;

import dev.promptgate.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * TO BE SWITCHED AT THE MERGE of the guideline feature ({@code dev.promptgate.policy.guideline}) to
 * {@code GuidelineService}: {@code current()} from {@code findCurrent()} (title and markdown of the entity),
 * {@code publish} as {@code createDraft(title, markdown)} followed by {@code publish(id, etag of the draft)}. Keep
 * the class name: tests stand in for it with a subclass, since a client proxy can only delegate to one.
 *
 * <p>Until then it reads the {@code guideline} table directly and refuses to publish: a published guideline
 * carries the sanitized HTML that only the guideline feature renders, and a row without it would reach browsers.
 */
@ApplicationScoped
class GuidelineAdapter implements GuidelinePort {

    private final EntityManager em;

    GuidelineAdapter(EntityManager em) {
        this.em = em;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<PolicyDocument.Guidelines> current() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select title, markdown from guideline where status = 'PUBLISHED'"
                        + " order by guideline_version desc limit 1")
                .getResultList();
        return rows.stream().findFirst().map(row -> new PolicyDocument.Guidelines((String) row[0], (String) row[1]));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String title, String markdown) {
        throw new ProblemException.Conflict("This server cannot publish guidelines from a policy document yet;"
                + " leave the guidelines as they are in the exported document");
    }
}
