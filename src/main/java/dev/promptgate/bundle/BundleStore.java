package dev.promptgate.bundle;

import dev.promptgate.change.DistributionState;
import dev.promptgate.change.Revisions;
import dev.promptgate.policy.group.GroupService;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The compiled bundles, in memory: one per distinct set of Promptgate groups, for the current policy revision.
 * Serving never touches the database; only a policy change (or a group set seen for the first time) compiles.
 * When the database is down, the last compiled bundles keep being served.
 */
@ApplicationScoped
public class BundleStore {

    private static final Logger LOG = Logger.getLogger(BundleStore.class);

    /** The bundles of one policy revision, keyed by the ids of the groups they were compiled for. */
    private record Snapshot(
            long revision,
            Map<String, Long> groupIdsByIdpValue,
            Map<String, String> groupNamesByIdpValue,
            ConcurrentMap<Set<Long>, CompiledBundle> bundles,
            ConcurrentMap<Set<String>, Set<Long>> groupSets) {

        Snapshot(
                long revision,
                Map<String, Long> groupIdsByIdpValue,
                Map<String, String> groupNamesByIdpValue,
                ConcurrentMap<Set<Long>, CompiledBundle> bundles) {
            this(revision, groupIdsByIdpValue, groupNamesByIdpValue, bundles, new ConcurrentHashMap<>());
        }

        /**
         * The ids of the groups these IdP values select. Remembered per set of values for this revision: a fetch
         * then costs one map look-up, and the sets are as many as the distinct group memberships of verified
         * people (the values come from verified identities only).
         */
        Set<Long> groupSet(Set<String> idpValues) {
            Set<Long> known = groupSets.get(idpValues);
            if (known != null) {
                return known;
            }
            Set<Long> ids = idpValues.stream()
                    .map(groupIdsByIdpValue::get)
                    .filter(id -> id != null)
                    .collect(Collectors.toUnmodifiableSet());
            groupSets.putIfAbsent(Set.copyOf(idpValues), ids);
            return ids;
        }

        Set<String> idpValuesOf(Set<Long> groupIds) {
            return groupIdsByIdpValue.entrySet().stream()
                    .filter(e -> groupIds.contains(e.getValue()))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
        }
    }

    private final BundleCompiler compiler;
    private final SigningKeys keys;
    private final DistributionState state;
    private final GroupService groups;
    private volatile Snapshot snapshot;

    BundleStore(BundleCompiler compiler, SigningKeys keys, DistributionState state, GroupService groups) {
        this.compiler = compiler;
        this.keys = keys;
        this.state = state;
        this.groups = groups;
    }

    void compileOnStart(@Observes @Priority(3000) StartupEvent start) {
        keys.load();
        refresh(state.revisions().policy());
    }

    /** The listener announced the revisions now committed: compile again if the policy revision moved. */
    void onRevisions(@Observes Revisions revisions) {
        refresh(revisions.policy());
    }

    /** The bundle for a person in these IdP groups; compiled on a worker thread only if not compiled yet. */
    public Uni<CompiledBundle> bundleFor(Set<String> idpGroups) {
        Optional<CompiledBundle> cached = compiled(idpGroups);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached.get());
        }
        return Uni.createFrom()
                .item(() -> compileInto(idpGroups))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The bundle for these IdP groups if it is compiled already; never blocks. */
    public Optional<CompiledBundle> compiled(Set<String> idpGroups) {
        Snapshot current = snapshot;
        return current == null
                ? Optional.empty()
                : Optional.ofNullable(current.bundles().get(current.groupSet(idpGroups)));
    }

    /**
     * The Promptgate groups these IdP values select, in the policy revision compiled now; empty before the first
     * compile. Never blocks.
     */
    public Optional<GroupSelection> select(Set<String> idpGroups) {
        Snapshot current = snapshot;
        return current == null
                ? Optional.empty()
                : Optional.of(new GroupSelection(current.revision(), current.groupSet(idpGroups)));
    }

    /** The bundle of a selection made in the policy revision compiled now, if compiled; never blocks. */
    public Optional<CompiledBundle> compiled(GroupSelection selection) {
        Snapshot current = snapshot;
        return current == null || current.revision() != selection.revision()
                ? Optional.empty()
                : Optional.ofNullable(current.bundles().get(selection.groupIds()));
    }

    /**
     * The bundle of a selection made in the policy revision compiled now, compiled on a worker thread if need be; a
     * null item when the policy revision has moved since (the selection may no longer hold).
     */
    public Uni<CompiledBundle> bundleFor(GroupSelection selection) {
        Optional<CompiledBundle> cached = compiled(selection);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached.get());
        }
        return Uni.createFrom()
                .item(() -> {
                    Snapshot current = snapshot;
                    if (current == null || current.revision() != selection.revision()) {
                        return null;
                    }
                    Set<Long> ids = Set.copyOf(selection.groupIds());
                    return current.bundles().computeIfAbsent(ids, set -> compile(current, set));
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * The Promptgate groups a person's IdP values selected, and the policy revision in which they did.
     *
     * @param revision the policy revision of the compile the selection was made against
     * @param groupIds the ids of the selected groups
     */
    public record GroupSelection(long revision, Set<Long> groupIds) {
        public GroupSelection {
            groupIds = Set.copyOf(groupIds);
        }
    }

    /**
     * The names of the Promptgate groups these IdP group values select, sorted: what events and reports record of a
     * verified person's groups. Never blocks; empty before the first compile.
     */
    public List<String> groupNames(Set<String> idpGroups) {
        Snapshot current = snapshot;
        if (current == null || idpGroups.isEmpty()) {
            return List.of();
        }
        return idpGroups.stream()
                .map(current.groupNamesByIdpValue()::get)
                .filter(name -> name != null)
                .distinct()
                .sorted()
                .toList();
    }

    private CompiledBundle compileInto(Set<String> idpGroups) {
        Snapshot current = snapshot;
        if (current == null) {
            throw new IllegalStateException("Bundles are not compiled yet");
        }
        Set<Long> groupSet = current.groupSet(idpGroups);
        return current.bundles().computeIfAbsent(groupSet, ids -> compile(current, ids));
    }

    /**
     * Recompiles every known group set if the policy revision moved since the last compile. Called on start and
     * on every announcement of the revisions. Throws when the database is unreachable; the previous bundles then
     * stay in service.
     */
    synchronized void refresh(long revision) {
        Snapshot previous = snapshot;
        if (previous != null && previous.revision() == revision) {
            return;
        }
        keys.load();
        Map<String, Long> groupIds = groupIdsByIdpValue();
        Map<String, String> groupNames = groupNamesByIdpValue();
        // The organization's first: the others share its bytes where they are the same.
        Set<Set<Long>> groupSets = new LinkedHashSet<>();
        groupSets.add(Set.of());
        if (previous != null) {
            groupSets.addAll(previous.bundles().keySet());
        }
        Snapshot next = new Snapshot(revision, Map.copyOf(groupIds), Map.copyOf(groupNames), new ConcurrentHashMap<>());
        for (Set<Long> groupSet : groupSets) {
            // Groups that no longer exist drop out of the set; what is left may already be compiled.
            Set<Long> stillThere = new TreeSet<>(groupSet);
            stillThere.retainAll(groupIds.values());
            next.bundles().computeIfAbsent(stillThere, ids -> compile(next, ids));
        }
        snapshot = next;
        LOG.debugf(
                "Policy revision %d: %d bundles compiled",
                revision, next.bundles().size());
    }

    /**
     * The bundle of a group set in this snapshot; one for groups reads what it shares with the organization bundle
     * from that bundle's bytes, once the organization bundle is compiled (it is compiled first).
     */
    private CompiledBundle compile(Snapshot in, Set<Long> groupIds) {
        CompiledBundle bundle = compiler.compile(in.idpValuesOf(groupIds));
        CompiledBundle organization = groupIds.isEmpty() ? null : in.bundles().get(Set.of());
        return organization == null ? bundle : bundle.sharingWith(organization);
    }

    public Optional<Long> revision() {
        Snapshot current = snapshot;
        return current == null ? Optional.empty() : Optional.of(current.revision());
    }

    @Transactional
    Map<String, Long> groupIdsByIdpValue() {
        return groups.idsByIdpValue();
    }

    @Transactional
    Map<String, String> groupNamesByIdpValue() {
        return groups.namesByIdpValue();
    }
}
