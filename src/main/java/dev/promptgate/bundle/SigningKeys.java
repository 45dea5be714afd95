package dev.promptgate.bundle;

import dev.promptgate.api.ProblemException;
import dev.promptgate.config.PromptgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The keys that sign bundles (ES256, see docs/adr/0004-bundle-signature.md). The active key signs; the JWKS
 * lists it, the next key when one is prepared, and the keys it replaced within the retention period. Everything
 * needed to sign and to serve the JWKS is held in memory, so both keep working while the database is down. The
 * keys are stored through {@link SigningKeyRows} and made and read by {@link SigningKeyMaterial}.
 */
@ApplicationScoped
public class SigningKeys {

    private final PromptgateConfig config;
    private final SigningKeyRows rows;
    private volatile EllipticCurveJsonWebKey active;
    private volatile EllipticCurveJsonWebKey next;
    private volatile String jwks = "{\"keys\":[]}";

    SigningKeys(PromptgateConfig config, SigningKeyRows rows) {
        this.config = config;
        this.rows = rows;
    }

    /** A detached JWS over exactly these bytes: {@code header..signature}. */
    public String sign(byte[] content) {
        EllipticCurveJsonWebKey key = active;
        if (key == null) {
            throw new IllegalStateException("No signing key loaded yet");
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setKey(key.getPrivateKey());
            jws.setPayloadBytes(content);
            return jws.getDetachedContentCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Could not sign a bundle", e);
        }
    }

    public String jwks() {
        return jwks;
    }

    public String activeKeyId() {
        return active.getKeyId();
    }

    /** The id of the key prepared for the next rotation, or null. */
    public String nextKeyId() {
        EllipticCurveJsonWebKey key = next;
        return key == null ? null : key.getKeyId();
    }

    /**
     * The public keys a browser should pin: the active key and, once prepared, the next one (a JSON array of bare
     * public JWKs). Keys already replaced are left out: they sign nothing any more.
     */
    public String pinnedKeys() {
        StringBuilder array = new StringBuilder("[");
        for (EllipticCurveJsonWebKey key : new EllipticCurveJsonWebKey[] {active, next}) {
            if (key != null) {
                EllipticCurveJsonWebKey bare = SigningKeyMaterial.publicOnly(key);
                array.append(array.length() > 1 ? "," : "")
                        .append(bare.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            }
        }
        return array.append(']').toString();
    }

    /**
     * Makes sure a signing key exists (the configured one, or one generated once for all replicas) and reads
     * the keys into memory.
     */
    @Transactional
    public void load() {
        rows.lock();
        if (config.bundle().signingKey().filter(pem -> !pem.isBlank()).isPresent()) {
            EllipticCurveJsonWebKey configured =
                    SigningKeyMaterial.fromPem(config.bundle().signingKey().get());
            if (!rows.isLive(configured.getKeyId())) {
                rows.retireAll();
                rows.insert(configured, null, true, false);
            }
            active = configured;
            next = null;
        } else {
            SigningKeyRows.Stored current = rows.active();
            if (current == null || current.privateKey() == null) {
                rows.retireAll();
                active = generate(null, false);
            } else {
                active = withPrivateKey(current);
            }
            SigningKeyRows.Stored staged = rows.next();
            next = staged == null ? null : withPrivateKey(staged);
        }
        readJwks();
    }

    /**
     * Prepares the key the next rotation activates, endorsed by the active key: published in the JWKS and pinned in
     * deployment documents from now on, signing nothing until {@link #rotate}. Returns the existing one if there is.
     */
    @Transactional
    public String prepareNext() {
        refuseConfigured();
        rows.lock();
        SigningKeyRows.Stored staged = rows.next();
        if (staged != null) {
            next = withPrivateKey(staged);
        } else {
            next = generate(active, true);
        }
        readJwks();
        return next.getKeyId();
    }

    /**
     * Replaces the generated key with a new one; the old one stays in the JWKS for the retention period. The old
     * key endorses the new one (see {@link SigningKeyMaterial#endorse}), which is how browsers that pinned it learn
     * to trust it.
     */
    @Transactional
    public String rotate() {
        refuseConfigured();
        rows.lock();
        EllipticCurveJsonWebKey previous = active;
        SigningKeyRows.Stored staged = rows.next();
        if (staged == null) {
            rows.retireAll();
            active = generate(previous, false);
        } else {
            // The prepared key was endorsed by the active one when it was made, and browsers may have it pinned.
            rows.promoteNext();
            active = withPrivateKey(staged);
        }
        next = null;
        readJwks();
        return active.getKeyId();
    }

    private void refuseConfigured() {
        if (config.bundle().signingKey().filter(pem -> !pem.isBlank()).isPresent()) {
            throw new ProblemException.Conflict(
                    "The signing key comes from configuration (promptgate.bundle.signing-key); rotate it there");
        }
    }

    private EllipticCurveJsonWebKey generate(EllipticCurveJsonWebKey endorser, boolean nextKey) {
        SigningKeyMaterial.Generated generated = SigningKeyMaterial.generate(endorser);
        rows.insert(generated.key(), generated.privateKeyBase64(), false, nextKey);
        return generated.key();
    }

    private void readJwks() {
        Instant listedSince = Instant.now().minus(config.bundle().previousKeyRetention());
        try {
            JsonWebKeySet set = new JsonWebKeySet();
            for (String key : rows.published(listedSince)) {
                set.addJsonWebKey(JsonWebKey.Factory.newJwk(key));
            }
            jwks = set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException("A stored signing key is not a valid JWK", e);
        }
    }

    private static EllipticCurveJsonWebKey withPrivateKey(SigningKeyRows.Stored stored) {
        return SigningKeyMaterial.withPrivateKey(stored.publicJwk(), stored.privateKey());
    }
}
