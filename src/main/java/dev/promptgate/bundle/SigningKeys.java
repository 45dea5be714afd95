package dev.promptgate.bundle;

import dev.promptgate.api.ProblemException;
import dev.promptgate.config.PromptgateConfig;
import dev.promptgate.db.AdvisoryLock;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The keys that sign bundles (ES256, see docs/adr/0004-bundle-signature.md). The active key signs; the JWKS
 * lists it, the next key when one is prepared, and the keys it replaced within the retention period. Everything
 * needed to sign and to serve the JWKS is held in memory, so both keep working while the database is down.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----", Pattern.DOTALL);

    /** The JWK member that carries a key's endorsement by the key it replaced. */
    public static final String ENDORSEMENT = "endorsement";

    private final PromptgateConfig config;
    private final EntityManager em;
    private volatile EllipticCurveJsonWebKey active;
    private volatile EllipticCurveJsonWebKey next;
    private volatile String jwks = "{\"keys\":[]}";

    SigningKeys(PromptgateConfig config, EntityManager em) {
        this.config = config;
        this.em = em;
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
                EllipticCurveJsonWebKey bare = publicOnly(key);
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
        AdvisoryLock.SIGNING_KEYS.holdUntilCommit(em);
        if (config.bundle().signingKey().filter(pem -> !pem.isBlank()).isPresent()) {
            EllipticCurveJsonWebKey configured =
                    fromPem(config.bundle().signingKey().get());
            if (find(configured.getKeyId()) == null) {
                retireAll();
                insert(configured, null, true, false);
            }
            active = configured;
            next = null;
        } else {
            Object[] current = activeStored();
            if (current == null || current[1] == null) {
                retireAll();
                active = generate(null, false);
            } else {
                active = withPrivateKey((String) current[0], (String) current[1]);
            }
            Object[] staged = nextStored();
            next = staged == null ? null : withPrivateKey((String) staged[0], (String) staged[1]);
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
        AdvisoryLock.SIGNING_KEYS.holdUntilCommit(em);
        Object[] staged = nextStored();
        if (staged != null) {
            next = withPrivateKey((String) staged[0], (String) staged[1]);
        } else {
            next = generate(active, true);
        }
        readJwks();
        return next.getKeyId();
    }

    /**
     * Replaces the generated key with a new one; the old one stays in the JWKS for the retention period. The old
     * key endorses the new one (see {@link #endorse}), which is how browsers that pinned it learn to trust it.
     */
    @Transactional
    public String rotate() {
        refuseConfigured();
        AdvisoryLock.SIGNING_KEYS.holdUntilCommit(em);
        EllipticCurveJsonWebKey previous = active;
        Object[] staged = nextStored();
        if (staged == null) {
            retireAll();
            active = generate(previous, false);
        } else {
            // The prepared key was endorsed by the active one when it was made, and browsers may have it pinned.
            em.createNativeQuery("update signing_key set retired_at = now(), private_key = null"
                            + " where retired_at is null and not next_key")
                    .executeUpdate();
            em.createNativeQuery("update signing_key set next_key = false where next_key and retired_at is null")
                    .executeUpdate();
            active = withPrivateKey((String) staged[0], (String) staged[1]);
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
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            EllipticCurveJsonWebKey key = toJwk(pair.getPublic(), pair.getPrivate());
            if (endorser != null && endorser.getPrivateKey() != null) {
                key.setOtherParameter(ENDORSEMENT, endorse(endorser, key));
            }
            insert(key, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), false, nextKey);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        }
    }

    /**
     * A compact JWS by {@code endorser} whose payload is the new key's RFC 7638 thumbprint (its kid): the new key's
     * {@value #ENDORSEMENT} member in the JWKS. Only the holder of a pinned private key can make one, so a JWKS that
     * merely lists a pinned public key next to a stranger's key does not make browsers trust the stranger.
     */
    static String endorse(EllipticCurveJsonWebKey endorser, EllipticCurveJsonWebKey key) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            jws.setKeyIdHeaderValue(endorser.getKeyId());
            jws.setKey(endorser.getPrivateKey());
            jws.setPayload(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Could not endorse the new signing key", e);
        }
    }

    private void readJwks() {
        Instant listedSince = Instant.now().minus(config.bundle().previousKeyRetention());
        @SuppressWarnings("unchecked")
        List<String> keys = em.createNativeQuery("select cast(public_jwk as text) from signing_key"
                        + " where retired_at is null or retired_at > ?1 order by created_at desc")
                .setParameter(1, listedSince)
                .getResultList();
        try {
            JsonWebKeySet set = new JsonWebKeySet();
            for (String key : keys) {
                set.addJsonWebKey(JsonWebKey.Factory.newJwk(key));
            }
            jwks = set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException("A stored signing key is not a valid JWK", e);
        }
    }

    private Object[] activeStored() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select cast(public_jwk as text), private_key from signing_key"
                        + " where retired_at is null and not configured and not next_key"
                        + " order by created_at desc limit 1")
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Object[] nextStored() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select cast(public_jwk as text), private_key from signing_key"
                        + " where retired_at is null and next_key and private_key is not null")
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Object find(String kid) {
        List<?> rows = em.createNativeQuery("select kid from signing_key where kid = ?1 and retired_at is null")
                .setParameter(1, kid)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private void retireAll() {
        em.createNativeQuery("update signing_key set retired_at = now(), private_key = null where retired_at is null")
                .executeUpdate();
    }

    private void insert(EllipticCurveJsonWebKey key, String privateKey, boolean configured, boolean nextKey) {
        em.createNativeQuery("insert into signing_key (kid, public_jwk, private_key, configured, next_key)"
                        + " values (?1, cast(?2 as jsonb), ?3, ?4, ?5)")
                .setParameter(1, key.getKeyId())
                .setParameter(2, key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))
                .setParameter(3, privateKey)
                .setParameter(4, configured)
                .setParameter(5, nextKey)
                .executeUpdate();
    }

    /** The key's public part as a pin: no private key, no endorsement. */
    private static EllipticCurveJsonWebKey publicOnly(EllipticCurveJsonWebKey key) {
        try {
            EllipticCurveJsonWebKey bare = (EllipticCurveJsonWebKey) JsonWebKey.Factory.newJwk(key.getPublicKey());
            bare.setKeyId(key.getKeyId());
            bare.setUse("sig");
            bare.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            return bare;
        } catch (JoseException e) {
            throw new IllegalStateException("Could not describe a signing key as a JWK", e);
        }
    }

    private static EllipticCurveJsonWebKey withPrivateKey(String publicJwk, String privateKeyBase64) {
        try {
            PrivateKey privateKey = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKeyBase64)));
            EllipticCurveJsonWebKey key = (EllipticCurveJsonWebKey) JsonWebKey.Factory.newJwk(publicJwk);
            key.setPrivateKey(privateKey);
            return key;
        } catch (GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("The stored signing key cannot be read", e);
        }
    }

    /**
     * Reads a PEM holding a PKCS#8 EC P-256 private key and its public key (decoded by smallrye-jwt's KeyUtils), and
     * checks that they belong together.
     */
    static EllipticCurveJsonWebKey fromPem(String pem) {
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        try {
            Matcher block = PEM.matcher(pem.replace("\\n", "\n"));
            while (block.find()) {
                switch (block.group(1)) {
                    case "PRIVATE KEY" -> privateKey =
                            KeyUtils.decodePrivateKey(block.group(), SignatureAlgorithm.ES256);
                    case "PUBLIC KEY" -> publicKey = KeyUtils.decodePublicKey(block.group(), SignatureAlgorithm.ES256);
                    default -> throw new IllegalArgumentException("unexpected PEM block " + block.group(1));
                }
            }
            if (privateKey == null || publicKey == null) {
                throw new IllegalArgumentException("it needs a PRIVATE KEY block (PKCS#8) and a PUBLIC KEY block");
            }
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(new byte[] {1});
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(new byte[] {1});
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("the public key does not belong to the private key");
            }
            return toJwk(publicKey, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "promptgate.bundle.signing-key is not a usable EC P-256 key: " + e.getMessage(), e);
        }
    }

    private static EllipticCurveJsonWebKey toJwk(PublicKey publicKey, PrivateKey privateKey) {
        try {
            EllipticCurveJsonWebKey key = (EllipticCurveJsonWebKey) JsonWebKey.Factory.newJwk(publicKey);
            key.setPrivateKey(privateKey);
            key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            key.setUse("sig");
            key.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("Could not describe a signing key as a JWK", e);
        }
    }
}
