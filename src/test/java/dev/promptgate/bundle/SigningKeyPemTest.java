package dev.promptgate.bundle;

import static dev.promptgate.testing.TestKeys.ecKeyPair;
import static dev.promptgate.testing.TestKeys.pem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/** The configured signing key: a PEM with the private key and its public key, checked to belong together. */
class SigningKeyPemTest {

    @Test
    void readsAPrivateKeyFollowedByItsPublicKey() throws Exception {
        KeyPair pair = ecKeyPair();
        var key =
                SigningKeyMaterial.fromPem(pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                        + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        assertEquals(pair.getPublic(), key.getPublicKey());
        assertEquals("ES256", key.getAlgorithm());
        assertTrue(key.getKeyId().length() > 20, "a thumbprint key id");
    }

    @Test
    void acceptsEscapedNewlinesAsEnvironmentVariablesOftenCarryThem() throws Exception {
        KeyPair pair = ecKeyPair();
        String oneLine = (pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                        + pem("PUBLIC KEY", pair.getPublic().getEncoded()))
                .replace("\n", "\\n");
        assertEquals(pair.getPublic(), SigningKeyMaterial.fromPem(oneLine).getPublicKey());
    }

    @Test
    void refusesAPublicKeyThatIsNotThePrivateKeys() throws Exception {
        String mismatched = pem("PRIVATE KEY", ecKeyPair().getPrivate().getEncoded())
                + pem("PUBLIC KEY", ecKeyPair().getPublic().getEncoded());
        var e = assertThrows(IllegalStateException.class, () -> SigningKeyMaterial.fromPem(mismatched));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void refusesAPemWithoutThePublicKey() throws Exception {
        var e = assertThrows(
                IllegalStateException.class,
                () -> SigningKeyMaterial.fromPem(
                        pem("PRIVATE KEY", ecKeyPair().getPrivate().getEncoded())));
        assertTrue(e.getMessage().contains("PUBLIC KEY"), e.getMessage());
    }
}
