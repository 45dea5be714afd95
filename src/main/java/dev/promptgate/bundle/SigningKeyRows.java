package dev.promptgate.bundle;

import dev.promptgate.db.AdvisoryLock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;

/**
 * The {@code signing_key} table's one owner: every query on it, and the advisory lock that keeps replicas from
 * generating or rotating keys at once. It runs in its callers' transactions.
 */
@ApplicationScoped
class SigningKeyRows {

    private final EntityManager em;

    SigningKeyRows(EntityManager em) {
        this.em = em;
    }

    /** A stored key: its public JWK and its private key (PKCS#8, base64; null once retired or when configured). */
    record Stored(String publicJwk, String privateKey) {}

    /** A key as the history lists it; never its private key. */
    record Described(
            String kid, String publicJwk, boolean configured, boolean next, Instant createdAt, Instant retiredAt) {}

    /** Holds the signing keys' advisory lock until the transaction ends. */
    void lock() {
        AdvisoryLock.SIGNING_KEYS.holdUntilCommit(em);
    }

    /** The generated key that signs now, or null. */
    Stored active() {
        return first(em.createNativeQuery("select cast(public_jwk as text), private_key from signing_key"
                        + " where retired_at is null and not configured and not next_key"
                        + " order by created_at desc limit 1")
                .getResultList());
    }

    /** The key prepared for the next rotation, or null. */
    Stored next() {
        return first(em.createNativeQuery("select cast(public_jwk as text), private_key from signing_key"
                        + " where retired_at is null and next_key and private_key is not null")
                .getResultList());
    }

    /** The id of the key that signs now (generated or configured), or the empty string. */
    String activeKid() {
        List<?> active = em.createNativeQuery("select kid from signing_key where retired_at is null and not next_key")
                .getResultList();
        return active.isEmpty() ? "" : (String) active.get(0);
    }

    /** Whether a key with this id is stored and not retired. */
    boolean isLive(String kid) {
        return !em.createNativeQuery("select kid from signing_key where kid = ?1 and retired_at is null")
                .setParameter(1, kid)
                .getResultList()
                .isEmpty();
    }

    /** The public JWKs of the keys not retired or retired after {@code listedSince}, newest first. */
    @SuppressWarnings("unchecked")
    List<String> published(Instant listedSince) {
        return em.createNativeQuery("select cast(public_jwk as text) from signing_key"
                        + " where retired_at is null or retired_at > ?1 order by created_at desc")
                .setParameter(1, listedSince)
                .getResultList();
    }

    /** The newest keys first, at most {@code limit}. */
    List<Described> history(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select kid, cast(public_jwk as text), configured, created_at,"
                        + " retired_at, next_key from signing_key"
                        + " order by created_at desc, retired_at desc nulls first limit ?1")
                .setParameter(1, limit)
                .getResultList();
        return rows.stream()
                .map(row -> new Described(
                        (String) row[0],
                        (String) row[1],
                        (Boolean) row[2],
                        (Boolean) row[5],
                        instant(row[3]),
                        instant(row[4])))
                .toList();
    }

    /** Retires every key that is not retired yet, and forgets their private keys. */
    void retireAll() {
        em.createNativeQuery("update signing_key set retired_at = now(), private_key = null where retired_at is null")
                .executeUpdate();
    }

    /** Retires the active key (forgetting its private key) and makes the prepared next key the active one. */
    void promoteNext() {
        em.createNativeQuery("update signing_key set retired_at = now(), private_key = null"
                        + " where retired_at is null and not next_key")
                .executeUpdate();
        em.createNativeQuery("update signing_key set next_key = false where next_key and retired_at is null")
                .executeUpdate();
    }

    void insert(EllipticCurveJsonWebKey key, String privateKey, boolean configured, boolean nextKey) {
        em.createNativeQuery("insert into signing_key (kid, public_jwk, private_key, configured, next_key)"
                        + " values (?1, cast(?2 as jsonb), ?3, ?4, ?5)")
                .setParameter(1, key.getKeyId())
                .setParameter(2, key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))
                .setParameter(3, privateKey)
                .setParameter(4, configured)
                .setParameter(5, nextKey)
                .executeUpdate();
    }

    private static Stored first(List<?> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        return new Stored((String) row[0], (String) row[1]);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
