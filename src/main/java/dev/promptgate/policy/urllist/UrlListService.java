package dev.promptgate.policy.urllist;

import dev.promptgate.api.Page;
import dev.promptgate.api.PageParams;
import dev.promptgate.api.Preconditions;
import dev.promptgate.api.ProblemException;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.change.PolicyChanged;
import dev.promptgate.policy.filter.InvalidUrlFilterException;
import dev.promptgate.policy.filter.UrlFilter;
import dev.promptgate.policy.group.GroupService;
import dev.promptgate.policy.group.PolicyGroup;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The blocklist and the allowlist. Patterns are checked when written, so every stored one can be enforced. */
@ApplicationScoped
@Transactional
public class UrlListService {

    private final AuditLog audit;
    private final Event<PolicyChanged> changed;
    private final GroupService groups;

    UrlListService(AuditLog audit, GroupService groups, Event<PolicyChanged> changed) {
        this.changed = changed;
        this.audit = audit;
        this.groups = groups;
    }

    /** The entries in effect for people in these groups: the organization's and those of the groups, by pattern. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UrlListEntry> inEffectFor(Set<Long> groupIds) {
        return groupIds.isEmpty()
                ? UrlListEntry.list("group is null", Sort.ascending("pattern", "id"))
                : UrlListEntry.list("group is null or group.id in ?1", Sort.ascending("pattern", "id"), groupIds);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<UrlListEntry> list(UrlListEntry.Kind list, Long groupId, PageParams paging) {
        String where = "list = :list" + (groupId == null ? "" : " and group.id = :groupId");
        Parameters params = Parameters.with("list", list);
        if (groupId != null) {
            params.and("groupId", groupId);
        }
        var query = UrlListEntry.find(where, Sort.ascending("pattern", "id"), params)
                .page(paging.page, paging.size);
        return new Page<>(query.list(), paging.page, paging.size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UrlListEntry> find(UrlListEntry.Kind list, long id) {
        return UrlListEntry.<UrlListEntry>findByIdOptional(id).filter(e -> e.list == list);
    }

    public UrlListEntry require(UrlListEntry.Kind list, long id) {
        return find(list, id).orElseThrow(() -> notFound(list, id));
    }

    public UrlListEntry create(UrlListEntry.Kind list, UrlListEntryView.BlockInput input) {
        UrlListEntry entry = new UrlListEntry();
        entry.list = list;
        apply(entry, input);
        entry.persist();
        UrlListEntry.flush();
        audit.record("create", auditType(list), entry.id, null, UrlListEntryView.of(entry));
        changed.fire(new PolicyChanged(auditType(list)));
        return entry;
    }

    public UrlListEntry update(UrlListEntry.Kind list, long id, String ifMatch, UrlListEntryView.BlockInput input) {
        UrlListEntry entry = require(list, id);
        Preconditions.requireMatch(ifMatch, entry.version);
        UrlListEntryView before = UrlListEntryView.of(entry);
        apply(entry, input);
        UrlListEntry.flush();
        audit.record("update", auditType(list), id, before, UrlListEntryView.of(entry));
        changed.fire(new PolicyChanged(auditType(list)));
        return entry;
    }

    public void delete(UrlListEntry.Kind list, long id, String ifMatch) {
        UrlListEntry entry = require(list, id);
        Preconditions.requireMatch(ifMatch, entry.version);
        UrlListEntryView before = UrlListEntryView.of(entry);
        entry.delete();
        audit.record("delete", auditType(list), id, before, null);
        changed.fire(new PolicyChanged(auditType(list)));
    }

    private void apply(UrlListEntry entry, UrlListEntryView.BlockInput input) {
        String pattern = input.pattern().strip();
        try {
            UrlFilter.parse(pattern);
        } catch (InvalidUrlFilterException e) {
            throw new ProblemException.InvalidInput("pattern", e.getMessage());
        }
        Long groupId = input.groupId();
        Parameters params = Parameters.with("list", entry.list)
                .and("pattern", pattern)
                .and("self", entry.id == null ? -1L : entry.id);
        if (groupId != null) {
            params.and("groupId", groupId);
        }
        boolean duplicate = UrlListEntry.count(
                        "list = :list and pattern = :pattern and id <> :self and "
                                + (groupId == null ? "group is null" : "group.id = :groupId"),
                        params)
                > 0;
        if (duplicate) {
            throw new ProblemException.Conflict("'" + pattern + "' is on the " + name(entry.list) + " already"
                    + (groupId == null ? "" : " for group " + groupId));
        }
        entry.pattern = pattern;
        entry.action = entry.list == UrlListEntry.Kind.ALLOWLIST
                ? null
                : input.action() == null ? UrlListEntry.BlockAction.BLOCK : input.action();
        entry.reason = input.reason() == null || input.reason().isBlank()
                ? null
                : input.reason().strip();
        entry.group = groupId == null ? null : groups.require(groupId);
    }

    private static String name(UrlListEntry.Kind list) {
        return list.name().toLowerCase(Locale.ROOT);
    }

    private static String auditType(UrlListEntry.Kind list) {
        return list == UrlListEntry.Kind.BLOCKLIST ? "blocklist-entry" : "allowlist-entry";
    }

    private static ProblemException.NotFound notFound(UrlListEntry.Kind list, long id) {
        return new ProblemException.NotFound("No " + name(list) + " entry " + id);
    }

    // Policy as code (policy.document) reads and replaces the whole of this feature in one apply. These
    // operations neither audit nor announce: the apply records one audit entry and one change for the document.

    /** An entry as policy as code names it: by pattern within its group (null: organization-wide). */
    public record Wanted(String pattern, UrlListEntry.BlockAction action, String reason, String group) {

        List<String> key() {
            return Arrays.asList(group, pattern);
        }
    }

    /** Every entry of one list. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UrlListEntry> all(UrlListEntry.Kind list) {
        return UrlListEntry.list("list", list);
    }

    /** Deletes the entries of this list not named here. */
    public void deleteAllExcept(UrlListEntry.Kind list, Collection<Wanted> wanted) {
        Set<List<String>> keys = new HashSet<>();
        wanted.forEach(w -> keys.add(w.key()));
        for (UrlListEntry entry : all(list)) {
            if (!keys.contains(keyOf(entry))) {
                entry.delete();
            }
        }
        UrlListEntry.flush();
    }

    /** Creates or updates these entries; the groups they name are looked up in {@code groups}, by name. */
    public void writeAll(UrlListEntry.Kind list, Collection<Wanted> wanted, Map<String, PolicyGroup> groups) {
        Map<List<String>, UrlListEntry> stored = new HashMap<>();
        all(list).forEach(entry -> stored.put(keyOf(entry), entry));
        for (Wanted w : wanted) {
            UrlListEntry entry = stored.get(w.key());
            if (entry == null) {
                entry = new UrlListEntry();
                entry.list = list;
                entry.pattern = w.pattern();
                entry.group = w.group() == null ? null : groups.get(w.group());
                entry.action = w.action();
                entry.reason = w.reason();
                entry.persist();
            } else if (entry.action != w.action() || !Objects.equals(entry.reason, w.reason())) {
                entry.action = w.action();
                entry.reason = w.reason();
            }
        }
        UrlListEntry.flush();
    }

    private static List<String> keyOf(UrlListEntry entry) {
        return Arrays.asList(entry.group == null ? null : entry.group.name, entry.pattern);
    }
}
