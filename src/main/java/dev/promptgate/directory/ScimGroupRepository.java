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
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.directory.scim.core.repository.Repository;
import org.apache.directory.scim.spec.exception.ConflictResourceException;
import org.apache.directory.scim.spec.exception.ResourceException;
import org.apache.directory.scim.spec.filter.AttributeComparisonExpression;
import org.apache.directory.scim.spec.filter.CompareOperator;
import org.apache.directory.scim.spec.filter.Filter;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.FilterResponse;
import org.apache.directory.scim.spec.filter.PageRequest;
import org.apache.directory.scim.spec.filter.SortRequest;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;
import org.apache.directory.scim.spec.patch.PatchOperation;
import org.apache.directory.scim.spec.resources.GroupMembership;
import org.apache.directory.scim.spec.resources.ScimGroup;
import org.apache.directory.scim.spec.schema.Meta;

/**
 * Stores the groups SCIMple hands over, with their members. Membership changes come as PATCH operations in the
 * shapes Entra ID and Okta send ({@code add}/{@code remove} on {@code members} with a list of values,
 * {@code remove} on {@code members[value eq "…"]}, {@code replace} of {@code displayName} with or without a path);
 * they are applied here, to the membership rows, rather than by rewriting the whole group. A member id the
 * directory does not know is skipped: the identity provider provisions the person before adding them.
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
        rename(group, resource.getDisplayName());
        group.externalId = resource.getExternalId();
        group.members.addAll(users(values(resource.getMembers())));
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
        rename(group, resource.getDisplayName());
        group.externalId = resource.getExternalId();
        group.members.clear();
        group.members.addAll(users(values(resource.getMembers())));
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
        for (PatchOperation operation : operations) {
            if (operation.getOperation() == null) {
                throw new ResourceException(400, "Each operation needs an op");
            }
            if (operation.getPath() == null) {
                if (!(operation.getValue() instanceof Map<?, ?> attributes)) {
                    throw new ResourceException(400, "An operation without a path needs an object value");
                }
                for (var entry : attributes.entrySet()) {
                    apply(group, operation.getOperation(), String.valueOf(entry.getKey()), null, entry.getValue());
                }
            } else {
                var path = operation.getPath().getValuePathExpression();
                AttributeReference attribute = path.getAttributePath();
                String name = attribute.getAttributeName()
                        + (attribute.getSubAttributeName() == null ? "" : "." + attribute.getSubAttributeName());
                apply(group, operation.getOperation(), name, path.getAttributeExpression(), operation.getValue());
            }
        }
        touched(group, before);
        return toScim(group);
    }

    private void apply(
            DirectoryGroup group, PatchOperation.Type op, String attribute, FilterExpression selector, Object value)
            throws ResourceException {
        switch (attribute.toLowerCase(Locale.ROOT)) {
            case "members" -> {
                switch (op) {
                    case ADD -> group.members.addAll(users(values(value)));
                    case REPLACE -> {
                        group.members.clear();
                        group.members.addAll(users(values(value)));
                    }
                    case REMOVE -> {
                        Set<String> removed = selector != null ? Set.of(selected(selector)) : values(value);
                        if (selector == null && value == null) {
                            group.members.clear();
                        } else {
                            group.members.removeIf(user -> removed.contains(user.id.toString()));
                        }
                    }
                }
            }
            case "displayname" -> {
                if (op == PatchOperation.Type.REMOVE) {
                    throw new ResourceException(400, "displayName is required");
                }
                rename(group, value instanceof String name ? name : null);
            }
            case "externalid" -> group.externalId = op == PatchOperation.Type.REMOVE ? null : stringOf(value);
            case "id" -> {
                if (!group.id.toString().equals(stringOf(value))) {
                    throw new ResourceException(400, "id is read-only");
                }
            }
            default -> throw new ResourceException(400, "Attribute " + attribute + " cannot be changed here");
        }
    }

    /** The member id of {@code members[value eq "…"]}. */
    private static String selected(FilterExpression selector) throws ResourceException {
        // SCIMple qualifies the attribute inside the brackets with its parent: members.value.
        if (selector instanceof AttributeComparisonExpression comparison
                && comparison.getOperation() == CompareOperator.EQ
                && ("value".equalsIgnoreCase(comparison.getAttributePath().getSubAttributeName())
                        || "value"
                                .equalsIgnoreCase(comparison.getAttributePath().getAttributeName()))
                && comparison.getCompareValue() instanceof String id) {
            return id;
        }
        throw new ResourceException(400, "Members are selected by value eq \"id\"");
    }

    /** The member ids of a members value: a list of {@code {"value": id}}, one such object, or GroupMemberships. */
    private static Set<String> values(Object value) throws ResourceException {
        Set<String> ids = new HashSet<>();
        if (value == null) {
            return ids;
        }
        Collection<?> items = value instanceof Collection<?> list ? list : List.of(value);
        for (Object item : items) {
            if (item instanceof GroupMembership membership && membership.getValue() != null) {
                ids.add(membership.getValue());
            } else if (item instanceof Map<?, ?> map && map.get("value") != null) {
                ids.add(String.valueOf(map.get("value")));
            } else {
                throw new ResourceException(400, "A member is an object with a value (the user's id)");
            }
        }
        return ids;
    }

    private static List<DirectoryUser> users(Set<String> ids) {
        List<UUID> uuids = new ArrayList<>();
        for (String id : ids) {
            try {
                uuids.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                // Not an id this directory gave out: nobody to add.
            }
        }
        return uuids.isEmpty() ? List.of() : DirectoryUser.list("id in ?1", uuids);
    }

    private static String stringOf(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static void rename(DirectoryGroup group, String displayName) throws ResourceException {
        if (displayName == null || displayName.isBlank()) {
            throw new ResourceException(400, "displayName is required");
        }
        String name = displayName.strip();
        Optional<DirectoryGroup> holder =
                DirectoryGroup.find("displayName", name).firstResultOptional();
        if (holder.isPresent() && !holder.get().id.equals(group.id)) {
            throw new ConflictResourceException("A group with this displayName exists");
        }
        group.displayName = name;
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
