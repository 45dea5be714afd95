package dev.promptgate.policy.group;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.Preconditions;
import dev.promptgate.api.ProblemException;
import dev.promptgate.audit.AuditLog;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

@ApplicationScoped
@Transactional
public class GroupService {

    static final String AUDIT_TYPE = "group";

    private final AuditLog audit;

    GroupService(AuditLog audit) {
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PolicyGroup> list(PageParams paging) {
        var query = PolicyGroup.findAll(Sort.descending("priority").and("name")).page(paging.page, paging.size);
        return new Page<>(query.list(), paging.page, paging.size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PolicyGroup> find(long id) {
        return PolicyGroup.findByIdOptional(id);
    }

    public PolicyGroup require(long id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    public PolicyGroup create(GroupView.Input input) {
        requireUnique(input, null);
        PolicyGroup group = new PolicyGroup();
        input.applyTo(group);
        group.persist();
        PolicyGroup.flush();
        audit.record("create", AUDIT_TYPE, group.id, null, GroupView.of(group));
        return group;
    }

    public PolicyGroup update(long id, String ifMatch, GroupView.Input input) {
        PolicyGroup group = require(id);
        Preconditions.requireMatch(ifMatch, group.version);
        requireUnique(input, id);
        GroupView before = GroupView.of(group);
        input.applyTo(group);
        PolicyGroup.flush();
        audit.record("update", AUDIT_TYPE, id, before, GroupView.of(group));
        return group;
    }

    /** Deletes a group with its rules and its own blocklist and allowlist entries. */
    public void delete(long id, String ifMatch) {
        PolicyGroup group = require(id);
        Preconditions.requireMatch(ifMatch, group.version);
        GroupView before = GroupView.of(group);
        group.delete();
        audit.record("delete", AUDIT_TYPE, id, before, null);
    }

    private static void requireUnique(GroupView.Input input, Long self) {
        if (PolicyGroup.count(
                        "lower(name) = ?1 and id <> ?2", input.name().strip().toLowerCase(), self(self))
                > 0) {
            throw new ProblemException.Conflict("A group named '" + input.name().strip() + "' exists already");
        }
        if (PolicyGroup.count("idpValue = ?1 and id <> ?2", input.idpValue().strip(), self(self)) > 0) {
            throw new ProblemException.Conflict("Another group is selected by the IdP value '"
                    + input.idpValue().strip() + "' already");
        }
    }

    private static long self(Long id) {
        return id == null ? -1 : id;
    }

    public static ProblemException.NotFound notFound(long id) {
        return new ProblemException.NotFound("No group " + id);
    }
}
