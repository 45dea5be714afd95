package dev.promptgate.directory;

import dev.promptgate.audit.AuditLog;
import dev.promptgate.change.DirectoryChanged;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.directory.scim.core.repository.Repository;
import org.apache.directory.scim.spec.exception.ResourceException;
import org.apache.directory.scim.spec.filter.Filter;
import org.apache.directory.scim.spec.filter.FilterResponse;
import org.apache.directory.scim.spec.filter.PageRequest;
import org.apache.directory.scim.spec.filter.SortRequest;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;
import org.apache.directory.scim.spec.patch.PatchOperation;
import org.apache.directory.scim.spec.resources.GroupMembership;
import org.apache.directory.scim.spec.resources.ScimGroup;
import org.apache.directory.scim.spec.schema.Meta;

/**
 * Stores the groups SCIMple hands over, with their members: creates, reads, finds, changes and deletes them, each
 * write audited (names and member count, not who) and announced. How a request's members, name and PATCH
 * operations change a group is {@link ScimGroupChanges}'s.
 */
@ApplicationScoped
public class ScimGroupRepository implements Repository<ScimGroup> {

    private final AuditLog audit;
    private final Event<DirectoryChanged> changed;

    ScimGroupRepository(AuditLog audit, Event<DirectoryChanged> changed) {
        this.audit = audit;
        this.changed = changed;
    }

    /** What the audit log keeps of a group: its names and how many members (not who). */
    record AuditView(UUID id, String externalId, String displayName, int members) {
        static AuditView of(DirectoryGroup group) {
            return new AuditView(group.id, group.externalId, group.displayName, group.members.size());
        }
    }

    @Override
    public Class<ScimGroup> getResourceClass() {
        return ScimGroup.class;
    }

    @Override
    @Transactional
    public ScimGroup create(ScimGroup resource) throws ResourceException {
        DirectoryGroup group = new DirectoryGroup();
        group.id = UUID.randomUUID();
        group.createdAt = Instant.now();
        ScimGroupChanges.rename(group, resource.getDisplayName());
        group.externalId = resource.getExternalId();
        group.members.addAll(ScimGroupChanges.members(resource.getMembers()));
        group.updatedAt = group.createdAt;
        group.persist();
        audit.record("create", "directory-group", group.id, null, AuditView.of(group));
        announce();
        return toScim(group);
    }

    @Override
    @Transactional
    public ScimGroup update(
            String id,
            String version,
            ScimGroup resource,
            Set<AttributeReference> include,
            Set<AttributeReference> exclude)
            throws ResourceException {
        DirectoryGroup group = require(id);
        AuditView before = AuditView.of(group);
        ScimGroupChanges.rename(group, resource.getDisplayName());
        group.externalId = resource.getExternalId();
        group.members.clear();
        group.members.addAll(ScimGroupChanges.members(resource.getMembers()));
        touched(group, before);
        return toScim(group);
    }

    @Override
    @Transactional
    public ScimGroup patch(
            String id,
            String version,
            List<PatchOperation> operations,
            Set<AttributeReference> include,
            Set<AttributeReference> exclude)
            throws ResourceException {
        DirectoryGroup group = require(id);
        AuditView before = AuditView.of(group);
        ScimGroupChanges.patch(group, operations);
        touched(group, before);
        return toScim(group);
    }

    private void touched(DirectoryGroup group, AuditView before) {
        group.updatedAt = Instant.now();
        DirectoryGroup.flush();
        audit.record("update", "directory-group", group.id, before, AuditView.of(group));
        announce();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public ScimGroup get(String id) {
        return find(id).map(ScimGroupRepository::toScim).orElse(null);
    }

    @Override
    @Transactional
    public void delete(String id) throws ResourceException {
        DirectoryGroup group = require(id);
        audit.record("delete", "directory-group", group.id, AuditView.of(group), null);
        announce();
        group.delete();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public FilterResponse<ScimGroup> find(Filter filter, PageRequest page, SortRequest sort) {
        ScimQuery query = ScimQuery.of(filter, Set.of("displayname", "externalid", "id"));
        int start = ScimQuery.start(page);
        int count = ScimQuery.count(page);
        List<DirectoryGroup> matches;
        long total;
        if (query == null) {
            var all = DirectoryGroup.<DirectoryGroup>findAll(Sort.by("createdAt", "id"));
            matches = all.range(start, ScimQuery.last(page)).list().stream()
                    .limit(count)
                    .toList();
            total = all.count();
        } else {
            List<DirectoryGroup> found =
                    switch (query.attribute()) {
                        case "displayname" -> DirectoryGroup.list("displayName", query.value());
                        case "externalid" -> DirectoryGroup.list("externalId", query.value());
                        default -> find(query.value()).stream().toList();
                    };
            matches = found.stream().skip(start).limit(count).toList();
            total = found.size();
        }
        return new FilterResponse<>(
                matches.stream().map(ScimGroupRepository::toScim).toList(), page, (int) total);
    }

    private static Optional<DirectoryGroup> find(String id) {
        try {
            return DirectoryGroup.findByIdOptional(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static DirectoryGroup require(String id) throws ResourceException {
        return find(id).orElseThrow(() -> new ResourceException(404, "No group " + id));
    }

    private static ScimGroup toScim(DirectoryGroup group) {
        ScimGroup scim = new ScimGroup();
        scim.setId(group.id.toString());
        scim.setExternalId(group.externalId);
        scim.setDisplayName(group.displayName);
        List<GroupMembership> members = new ArrayList<>();
        for (DirectoryUser user : group.members) {
            GroupMembership member = new GroupMembership();
            member.setValue(user.id.toString());
            member.setType(GroupMembership.Type.USER);
            members.add(member);
        }
        scim.setMembers(members);
        Meta meta = new Meta();
        meta.setResourceType(ScimGroup.RESOURCE_NAME);
        meta.setCreated(LocalDateTime.ofInstant(group.createdAt, ZoneOffset.UTC));
        meta.setLastModified(LocalDateTime.ofInstant(group.updatedAt, ZoneOffset.UTC));
        meta.setVersion(Long.toString(group.version));
        scim.setMeta(meta);
        return scim;
    }

    /**
     * Who is in which group decides which bundle a person gets: every directory write moves the directory revision,
     * so that identities resolved before it (kept in memory for a while) are resolved again, on every replica. The
     * bundles themselves stay as they are: browsers of people who did not move keep getting 304.
     */
    private void announce() {
        changed.fire(new DirectoryChanged("directory"));
    }
}
