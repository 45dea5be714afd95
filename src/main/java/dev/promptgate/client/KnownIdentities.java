package dev.promptgate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.promptgate.change.DirectoryChanged;
import dev.promptgate.change.DistributionState;
import dev.promptgate.change.Revisions;
import dev.promptgate.identity.Identity;
import dev.promptgate.identity.IdentityResolver;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The identities {@link IdentityResolver} verified lately, in memory, keyed by the SHA-256 of the header that named
 * them, so that a browser's every policy fetch and event batch does not check the token's signature (and ask the
 * directory) again. An entry lives until the token expires and at most {@link #LONGEST}, and all are dropped when the
 * policy revision moves (a group or its IdP value changed) or the directory revision moves (a person or a membership
 * was provisioned). Only verified
 * identities are kept; a refused token is checked again on every request and refused again. The headers themselves
 * are never kept, only their hashes (docs/adr/0015-verified-events.md).
 */
@ApplicationScoped
public class KnownIdentities {

    /**
     * The longest an identity is served from memory without verifying its token and reading the directory again: a
     * membership change that nobody announced reaches a browser within this.
     */
    static final Duration LONGEST = Duration.ofMinutes(10);

    /** Most identities held; an organization's people each hold one per token they use. */
    static final long MAX_ENTRIES = 200_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(KnownIdentities.class);

    /**
     * An identity verified lately, with what a policy session handle issued for it is bound to.
     *
     * @param identity who the request named
     * @param directoryRevision the directory revision in force when the verification began
     * @param expiresAtMillis when the verified token expires; for a browser account or nobody, {@link #LONGEST} from
     *     the verification
     */
    public record Verified(Identity identity, long directoryRevision, long expiresAtMillis) {}

    private record Entry(Verified verified, long ttlNanos) {}

    private final IdentityResolver resolver;
    private final DistributionState state;
    private final Cache<Key, Entry> verified;
    private volatile long policyRevision = -1;
    private volatile long announcedDirectoryRevision = -1;

    /**
     * The newest directory revision this replica knows of: announced by the listener, or read right after a
     * directory write committed here. Only grows.
     */
    private final AtomicLong directoryRevision = new AtomicLong(-1);

    /** Moves whenever the entries are dropped, so that a resolution begun before it keeps nothing. */
    private volatile long generation;

    KnownIdentities(IdentityResolver resolver, DistributionState state) {
        this.resolver = resolver;
        this.state = state;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfter(new Expiry<Key, Entry>() {
                    @Override
                    public long expireAfterCreate(Key key, Entry entry, long now) {
                        return entry.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Entry entry, long now, long current) {
                        return entry.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(Key key, Entry entry, long now, long current) {
                        return current;
                    }
                })
                .executor(Runnable::run)
                .build();
    }

    /** The listener announced the committed revisions: a moved policy or directory revision may mean other groups. */
    void onRevisions(@Observes Revisions revisions) {
        if (revisions.policy() != policyRevision || revisions.directory() != announcedDirectoryRevision) {
            policyRevision = revisions.policy();
            announcedDirectoryRevision = revisions.directory();
            directoryRevision.accumulateAndGet(revisions.directory(), Math::max);
            forget();
        }
    }

    /**
     * A person or group changed on this replica: forget once it commits, before the writer's answer goes out, so
     * that the person's next fetch here is resolved against the directory as it is now. Other replicas forget when
     * the listener announces the directory revision.
     */
    void onCommittedDirectoryChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) DirectoryChanged change) {
        try {
            // The revision this write moved to, so that session handles issued before it stop counting here at once.
            long committed = QuarkusTransaction.requiringNew()
                    .call(() -> state.revisions().directory());
            directoryRevision.accumulateAndGet(committed, Math::max);
        } catch (RuntimeException e) {
            LOG.warnf("Could not read the directory revision after a directory change: %s", e.toString());
        }
        forget();
    }

    /** The newest directory revision this replica knows of; policy session handles are bound to it. */
    public long directoryRevision() {
        return directoryRevision.get();
    }

    private synchronized void forget() {
        generation++;
        verified.invalidateAll();
    }

    /** The identity of a request with these headers if it was verified lately; never blocks, never verifies. */
    public Optional<Identity> cached(String userToken, String browserAccount) {
        return cachedVerification(userToken, browserAccount).map(Verified::identity);
    }

    /** {@link #cached}, with what the verification is bound to; nobody named is verified as of now. */
    public Optional<Verified> cachedVerification(String userToken, String browserAccount) {
        if (IdentityResolver.anonymous(userToken, browserAccount)) {
            return Optional.of(nobody());
        }
        Entry entry = verified.getIfPresent(key(userToken, browserAccount));
        return entry == null ? Optional.empty() : Optional.of(entry.verified());
    }

    /**
     * The identity of a request with these headers: from memory when verified lately, else verified by {@link
     * IdentityResolver} (a refused user token fails with 401) and kept.
     */
    public Uni<Identity> resolve(String userToken, String browserAccount) {
        return resolveVerification(userToken, browserAccount).map(Verified::identity);
    }

    /** {@link #resolve}, with what the verification is bound to. */
    public Uni<Verified> resolveVerification(String userToken, String browserAccount) {
        if (IdentityResolver.anonymous(userToken, browserAccount)) {
            return Uni.createFrom().item(nobody());
        }
        Key key = key(userToken, browserAccount);
        Entry entry = verified.getIfPresent(key);
        if (entry != null) {
            return Uni.createFrom().item(entry.verified());
        }
        long before = generation;
        long directoryBefore = directoryRevision.get();
        return resolver.resolve(userToken, browserAccount).map(identity -> {
            long ttl = ttlNanos(userToken);
            // The token's own expiry, not how long this replica keeps the entry: a policy session handle issued
            // for it may last until then (at most an hour, PolicySessions.LONGEST).
            Verified verification = new Verified(identity, directoryBefore, expiresAtMillis(userToken));
            // Resolved against groups that changed meanwhile: serve it this once, keep nothing.
            if (ttl > 0 && before == generation) {
                verified.put(key, new Entry(verification, ttl));
            }
            return verification;
        });
    }

    private Verified nobody() {
        return new Verified(Identity.NONE, directoryRevision.get(), System.currentTimeMillis() + LONGEST.toMillis());
    }

    /** When a verified user token expires; {@link #LONGEST} from now for anything without an expiry. */
    static long expiresAtMillis(String userToken) {
        Long expiresAt = userToken == null || userToken.isBlank() ? null : expiry(userToken.strip());
        return expiresAt == null
                ? System.currentTimeMillis() + LONGEST.toMillis()
                : Duration.ofSeconds(expiresAt).toMillis();
    }

    /** How long an identity verified now may be kept: until its token expires, and at most {@link #LONGEST}. */
    static long ttlNanos(String userToken) {
        long longest = LONGEST.toNanos();
        if (userToken == null || userToken.isBlank()) {
            return longest;
        }
        Long expiresAt = expiry(userToken.strip());
        if (expiresAt == null) {
            return longest;
        }
        long left = Duration.ofSeconds(expiresAt).toMillis() - System.currentTimeMillis();
        return Math.max(0, Math.min(longest, Duration.ofMillis(left).toNanos()));
    }

    /** The {@code exp} claim of a JWT the resolver has just verified; null for a token of another shape. */
    private static Long expiry(String token) {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        if (first < 0 || second < 0) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            JsonNode exp = JSON.readTree(payload).get("exp");
            return exp != null && exp.canConvertToLong() ? exp.asLong() : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The key of an identity: which header named it and the SHA-256 of its value, never the value itself. Held as
     * numbers rather than text: this runs on every fetch of the fast path.
     */
    private record Key(boolean byToken, long h0, long h1, long h2, long h3) {}

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static Key key(String userToken, String browserAccount) {
        boolean byToken = userToken != null && !userToken.isBlank();
        String value = byToken ? userToken.strip() : browserAccount.strip().toLowerCase(java.util.Locale.ROOT);
        ByteBuffer hash = ByteBuffer.wrap(SHA256.get().digest(value.getBytes(StandardCharsets.UTF_8)));
        return new Key(byToken, hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }
}
