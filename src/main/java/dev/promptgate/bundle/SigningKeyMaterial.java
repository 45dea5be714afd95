package dev.promptgate.bundle;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The signing keys' material as JWKs (EC P-256, ES256): generating a key, reading the configured PEM and a stored
 * PKCS#8 private key, one key endorsing the next, and the bare public form browsers pin. Nothing here stores or
 * holds a key.
 */
final class SigningKeyMaterial {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----", Pattern.DOTALL);

    /** The JWK member that carries a key's endorsement by the key it replaced. */
    static final String ENDORSEMENT = "endorsement";

    private SigningKeyMaterial() {}

    /** A new key and its private key as stored (PKCS#8, base64). */
    record Generated(EllipticCurveJsonWebKey key, String privateKeyBase64) {}

    /** A new key, endorsed by {@code endorser} when that is given and holds its private key. */
    static Generated generate(EllipticCurveJsonWebKey endorser) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            EllipticCurveJsonWebKey key = toJwk(pair.getPublic(), pair.getPrivate());
            if (endorser != null && endorser.getPrivateKey() != null) {
                key.setOtherParameter(ENDORSEMENT, endorse(endorser, key));
            }
            return new Generated(
                    key, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
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

    /** The key's public part as a pin: no private key, no endorsement. */
    static EllipticCurveJsonWebKey publicOnly(EllipticCurveJsonWebKey key) {
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

    /** A stored key: its public JWK with the private key read back from PKCS#8 (base64). */
    static EllipticCurveJsonWebKey withPrivateKey(String publicJwk, String privateKeyBase64) {
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
