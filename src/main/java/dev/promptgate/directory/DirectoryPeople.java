package dev.promptgate.directory;

import dev.promptgate.events.UserPseudonyms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The directory as the policy fetch and event ingest read it: an e-mail address to an active person and the
 * values of their groups (each group's id and its display name, either of which a Promptgate group may name).
 */
@ApplicationScoped
public class DirectoryPeople {

    private final UserPseudonyms pseudonyms;
    private final EntityManager em;

    DirectoryPeople(UserPseudonyms pseudonyms, EntityManager em) {
        this.pseudonyms = pseudonyms;
        this.em = em;
    }

    /** An active person of the directory and the IdP values of their groups. */
    public record Person(UUID id, Set<String> groupValues) {}

    /**
     * The active person whose user name or e-mail is this address (compared without regard to case, through its
     * pseudonym), if the directory knows one. Blocking.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Person> findActive(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        String pseudonym = pseudonyms.pseudonym(email);
        List<DirectoryUser> users = em.createQuery(
                        "from DirectoryUser u where u.active = true and (u.userNameHash = :p or u.emailHash = :p)"
                                + " order by case when u.userNameHash = :p then 0 else 1 end",
                        DirectoryUser.class)
                .setParameter("p", pseudonym)
                .setMaxResults(1)
                .getResultList();
        if (users.isEmpty()) {
            return Optional.empty();
        }
        DirectoryUser user = users.get(0);
        List<Object[]> groups = em.createQuery(
                        "select g.id, g.displayName from DirectoryGroup g join g.members m where m.id = :user",
                        Object[].class)
                .setParameter("user", user.id)
                .getResultList();
        Set<String> values = new LinkedHashSet<>();
        for (Object[] group : groups) {
            values.add(group[0].toString());
            values.add((String) group[1]);
        }
        return Optional.of(new Person(user.id, Set.copyOf(values)));
    }
}
