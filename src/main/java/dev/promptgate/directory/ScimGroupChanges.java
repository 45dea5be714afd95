package dev.promptgate.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.directory.scim.spec.exception.ConflictResourceException;
import org.apache.directory.scim.spec.exception.ResourceException;
import org.apache.directory.scim.spec.filter.AttributeComparisonExpression;
import org.apache.directory.scim.spec.filter.CompareOperator;
import org.apache.directory.scim.spec.filter.FilterExpression;
import org.apache.directory.scim.spec.filter.attribute.AttributeReference;
import org.apache.directory.scim.spec.patch.PatchOperation;
import org.apache.directory.scim.spec.resources.GroupMembership;

/**
 * How a SCIM request changes a stored group, for {@link ScimGroupRepository}: its members from a members value, its
 * display name, and PATCH operations in the shapes Entra ID and Okta send ({@code add}/{@code remove} on
 * {@code members} with a list of values, {@code remove} on {@code members[value eq "…"]}, {@code replace} of
 * {@code displayName} with or without a path). They are applied to the membership rows rather than by rewriting the
 * whole group. A member id the directory does not know is skipped: the identity provider provisions the person
 * before adding them.
 */
final class ScimGroupChanges {

    private ScimGroupChanges() {}

    /** Applies these PATCH operations to the group, in order. */
    static void patch(DirectoryGroup group, List<PatchOperation> operations) throws ResourceException {
        for (PatchOperation operation : operations) {
            if (operation.getOperation() == null) {
                throw new ResourceException(400, "Each operation needs an op");
            }
            if (operation.getPath() == null) {
                if (!(operation.getValue() instanceof Map<?, ?> attributes)) {
                    throw new ResourceException(400, "An operation without a path needs an object value");
                }
                for (var entry : attributes.entrySet()) {
                    applyOne(group, operation.getOperation(), String.valueOf(entry.getKey()), null, entry.getValue());
                }
            } else {
                var path = operation.getPath().getValuePathExpression();
                AttributeReference attribute = path.getAttributePath();
                String name = attribute.getAttributeName()
                        + (attribute.getSubAttributeName() == null ? "" : "." + attribute.getSubAttributeName());
                applyOne(group, operation.getOperation(), name, path.getAttributeExpression(), operation.getValue());
            }
        }
    }

    /** The stored people a members value names; ids the directory does not know are skipped. */
    static List<DirectoryUser> members(Object value) throws ResourceException {
        return users(values(value));
    }

    private static void applyOne(
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

    /** Sets the group's display name, stripped; it must be given and no other group may have it. */
    static void rename(DirectoryGroup group, String displayName) throws ResourceException {
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
}
