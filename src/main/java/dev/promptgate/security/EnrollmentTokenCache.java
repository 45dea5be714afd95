package dev.promptgate.security;

import dev.promptgate.change.DistributionState;
import dev.promptgate.change.Revisions;
import dev.promptgate.change.TokensChanged;
import dev.promptgate.config.PromptgateConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The live enrollment tokens, in memory, so that policy fetches authenticate without touching the database
 * (and keep working while it is down). Reloaded when the token revision moves; last use is written back in
 * batches.
 *
 * <p>On the replica that made the change, the cache is reloaded as soon as the change commits, before the writer's
 * response goes out: a token revoked there is refused from the next request on. Revocation reaches other replicas
 * through the change listener: within about 250 ms of the commit by NOTIFY, or at
 * the next periodic check. A replica that cannot reach the database hears of nothing, so the cache answers only
 * for {@code promptgate.security.enrollment-token-cache-max-age} after its last successful check against the
 * database; after that a token is checked against the database itself, which answers 503 while it is unreachable
 * (ADR 27).
 */
@ApplicationScoped
public class EnrollmentTokenCache {

    private static final Logger LOG = Logger.getLogger(EnrollmentTokenCache.class);

    private record Entry(ApiTokenService.Authenticated identity, Instant expiresAt) {}

    /** What the cache says of a token. */
    public sealed interface Answer {
        /** A live enrollment token, as of the last check against the database. */
        record Known(ApiTokenService.Authenticated identity) implements Answer {}

        /** Not a live enrollment token as far as the cache knows: another kind, or unknown. */
        record Unknown() implements Answer {}

        /** The cache has not been checked against the database for longer than it may answer. */
        record Stale(Duration since) implements Answer {}
    }

    private final EntityManager em;
    private final DistributionState state;
    private final Duration maxAge;
    private volatile long revision = -1;
    private volatile Map<String, Entry> byHash = Map.of();
    private volatile long checkedAtNanos = System.nanoTime();
    private volatile boolean reportedStale;
    private final Map<Long, Instant> lastUse = new ConcurrentHashMap<>();

    EnrollmentTokenCache(EntityManager em, DistributionState state, PromptgateConfig config) {
        this.em = em;
        this.state = state;
        this.maxAge = config.security().enrollmentTokenCacheMaxAge();
        Duration checkInterval = config.bundle().versionCheckInterval();
        if (maxAge.compareTo(checkInterval) <= 0) {
            LOG.warnf(
                    "promptgate.security.enrollment-token-cache-max-age (%s) is not longer than"
                            + " promptgate.bundle.version-check-interval (%s): between change notifications enrollment"
                            + " tokens will be checked against the database instead of memory",
                    maxAge, checkInterval);
        }
    }

    void loadOnStart(@Observes @Priority(3000) StartupEvent start) {
        refresh(state.revisions().tokens());
    }

    /** The listener announced the revisions now committed: reload if the token revision moved. */
    void onRevisions(@Observes Revisions revisions) {
        refresh(revisions.tokens());
    }

    /** A token was created, rotated or revoked here: reload once it has committed, not when the listener hears of it. */
    void onCommittedChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) TokensChanged change) {
        QuarkusTransaction.requiringNew().run(() -> refresh(state.revisions().tokens()));
    }

    /** What the cache knows of the token with this secret. */
    public Answer authenticate(String secret) {
        Entry entry = byHash.get(TokenSecrets.hash(secret));
        Instant now = Instant.now();
        if (entry == null || (entry.expiresAt() != null && !now.isBefore(entry.expiresAt()))) {
            return new Answer.Unknown();
        }
        Duration since = Duration.ofNanos(System.nanoTime() - checkedAtNanos);
        if (since.compareTo(maxAge) > 0) {
            if (!reportedStale) {
                reportedStale = true;
                LOG.warnf(
                        "Enrollment tokens were last checked against the database %d s ago, longer than"
                                + " promptgate.security.enrollment-token-cache-max-age (%s): they are checked against"
                                + " the database again, and refused with 503 while it is unreachable",
                        since.toSeconds(), maxAge);
            }
            return new Answer.Stale(since);
        }
        lastUse.put(entry.identity().id(), now);
        return new Answer.Known(entry.identity());
    }

    public boolean isLoaded() {
        return revision >= 0;
    }

    /** Reloads the tokens if the token revision moved, and writes recorded uses back. */
    @Transactional
    synchronized void refresh(long current) {
        // The revision was read from the database just now: the cache is current as of (at most) this moment.
        long checked = System.nanoTime();
        flushLastUse();
        if (current != revision) {
            Map<String, Entry> tokens = new HashMap<>();
            List<ApiToken> live = ApiToken.list("kind = ?1 and revokedAt is null", ApiToken.Kind.ENROLLMENT);
            for (ApiToken token : live) {
                tokens.put(
                        token.tokenHash,
                        new Entry(
                                new ApiTokenService.Authenticated(
                                        token.id, ApiTokenService.actorName(token), token.role),
                                token.expiresAt));
            }
            byHash = Map.copyOf(tokens);
            revision = current;
        }
        checkedAtNanos = checked;
        if (reportedStale) {
            reportedStale = false;
            LOG.info("Enrollment tokens checked against the database again; answered from memory again");
        }
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
