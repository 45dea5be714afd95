package dev.promptgate.security;

import dev.promptgate.change.DistributionState;
import dev.promptgate.change.Revisions;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live enrollment tokens, in memory, so that policy fetches authenticate without touching the database
 * (and keep working while it is down). Reloaded when the token revision moves; last use is written back in
 * batches.
 */
@ApplicationScoped
public class EnrollmentTokenCache {

    private record Entry(ApiTokenService.Authenticated identity, Instant expiresAt) {}

    private final EntityManager em;
    private final DistributionState state;
    private volatile long revision = -1;
    private volatile Map<String, Entry> byHash = Map.of();
    private final Map<Long, Instant> lastUse = new ConcurrentHashMap<>();

    EnrollmentTokenCache(EntityManager em, DistributionState state) {
        this.em = em;
        this.state = state;
    }

    void loadOnStart(@Observes @Priority(3000) StartupEvent start) {
        refresh(state.revisions().tokens());
    }

    /** The listener announced the revisions now committed: reload if the token revision moved. */
    void onRevisions(@Observes Revisions revisions) {
        refresh(revisions.tokens());
    }

    /** The token's identity when it is a live enrollment token this cache knows; empty otherwise. */
    public Optional<ApiTokenService.Authenticated> authenticate(String secret) {
        Entry entry = byHash.get(TokenSecrets.hash(secret));
        Instant now = Instant.now();
        if (entry == null || (entry.expiresAt() != null && !now.isBefore(entry.expiresAt()))) {
            return Optional.empty();
        }
        lastUse.put(entry.identity().id(), now);
        return Optional.of(entry.identity());
    }

    public boolean isLoaded() {
        return revision >= 0;
    }

    /** Reloads the tokens if the token revision moved, and writes recorded uses back. */
    @Transactional
    synchronized void refresh(long current) {
        flushLastUse();
        if (current == revision) {
            return;
        }
        Map<String, Entry> tokens = new HashMap<>();
        List<ApiToken> live = ApiToken.list("kind = ?1 and revokedAt is null", ApiToken.Kind.ENROLLMENT);
        for (ApiToken token : live) {
            tokens.put(
                    token.tokenHash,
                    new Entry(
                            new ApiTokenService.Authenticated(token.id, ApiTokenService.actorName(token), token.role),
                            token.expiresAt));
        }
        byHash = Map.copyOf(tokens);
        revision = current;
    }

    private void flushLastUse() {
        for (Long id : List.copyOf(lastUse.keySet())) {
            Instant used = lastUse.remove(id);
            if (used != null) {
                em.createNativeQuery("update api_token set last_used_at = ?1 where id = ?2"
                                + " and (last_used_at is null or last_used_at < ?1)")
                        .setParameter(1, used)
                        .setParameter(2, id)
                        .executeUpdate();
            }
        }
    }
}
