package dev.promptgate.policy.group;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.Preconditions;
import dev.promptgate.api.ProblemException;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.change.PolicyChanged;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class GroupService {

    static final String AUDIT_TYPE = "group";

    private final AuditLog audit;
    private final Event<PolicyChanged> changed;

    GroupService(AuditLog audit, Event<PolicyChanged> changed) {
        this.changed = changed;
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

    /** The group's name, for features that refer to groups (events, reports); 400 on {@code field} if none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String nameOf(long id, String field) {
        return find(id).map(group -> group.name)
                .orElseThrow(() -> new ProblemException.InvalidInput(field, "no group " + id));
    }

    /** The groups these IdP values select. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PolicyGroup> withIdpValues(Set<String> idpValues) {
        return PolicyGroup.list("idpValue in ?1", idpValues);
    }

    /** Every group's id by its name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Long> idsByName() {
        Map<String, Long> ids = new HashMap<>();
        PolicyGroup.<PolicyGroup>listAll().forEach(group -> ids.put(group.name, group.id));
        return Map.copyOf(ids);
    }

    /** Every group's id by the IdP value that puts people in it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Long> idsByIdpValue() {
        Map<String, Long> ids = new HashMap<>();
        PolicyGroup.<PolicyGroup>listAll().forEach(group -> ids.put(group.idpValue, group.id));
        return Map.copyOf(ids);
    }

    /** Every group's name by the IdP value that puts people in it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> namesByIdpValue() {
        Map<String, String> names = new HashMap<>();
        PolicyGroup.<PolicyGroup>listAll().forEach(group -> names.put(group.idpValue, group.name));
        return Map.copyOf(names);
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
        changed.fire(new PolicyChanged("group"));
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
        changed.fire(new PolicyChanged("group"));
        return group;
    }

    /** Deletes a group with its rules and its own blocklist and allowlist entries. */
    public void delete(long id, String ifMatch) {
        PolicyGroup group = require(id);
        Preconditions.requireMatch(ifMatch, group.version);
        GroupView before = GroupView.of(group);
        group.delete();
        audit.record("delete", AUDIT_TYPE, id, before, null);
        changed.fire(new PolicyChanged("group"));
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

    // Policy as code (policy.document) reads and replaces the whole of this feature in one apply. These
    // operations neither audit nor announce: the apply records one audit entry and one change for the document.

    /** Every group. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PolicyGroup> all() {
        return PolicyGroup.listAll();
    }

    /** Deletes the groups not named here; their rules and list entries must be gone already. */
    public void deleteAllExcept(Set<String> names) {
        for (PolicyGroup group : PolicyGroup.<PolicyGroup>listAll()) {
            if (!names.contains(group.name)) {
                group.delete();
            }
        }
        PolicyGroup.flush();
    }

    /** Creates or updates these groups, by name; returns every group by name. */
    public Map<String, PolicyGroup> writeAll(List<GroupView.Input> desired) {
        Map<String, PolicyGroup> stored = new HashMap<>();
        PolicyGroup.<PolicyGroup>listAll().forEach(group -> stored.put(group.name, group));
        // An IdP value may move from one group to another: park the values that change first, so that no two
        // rows ever hold the same one.
        boolean parked = false;
        for (GroupView.Input input : desired) {
            PolicyGroup group = stored.get(input.name());
            if (group != null && !group.idpValue.equals(input.idpValue())) {
                group.idpValue = "moving:" + UUID.randomUUID();
                parked = true;
            }
        }
        if (parked) {
            PolicyGroup.flush();
        }
        for (GroupView.Input input : desired) {
            PolicyGroup group = stored.get(input.name());
            if (group == null) {
                group = new PolicyGroup();
                input.applyTo(group);
                group.persist();
                stored.put(group.name, group);
            } else if (!new GroupView.Input(group.name, group.idpValue, group.priority).equals(input)) {
                input.applyTo(group);
            }
        }
        PolicyGroup.flush();
        return stored;
    }
}
