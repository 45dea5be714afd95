package dev.promptgate.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** CRX3 files made by the extension's own packer (npm crx3, see extension/build/crx.js) and damaged copies. */
class Crx3Test {

    static byte[] fixture(String name) {
        try (InputStream in = Crx3Test.class.getResourceAsStream("/crx/" + name + ".crx")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheIdAndVersionOfASignedPackage() throws Exception {
        Crx3 crx = Crx3.parse(fixture("a-1.0.0"));
        assertEquals("kdopennlimmhhpfodboanldkpgmpdlpi", crx.extensionId());
        assertEquals("1.0.0", crx.version());
        assertArrayEquals(fixture("a-1.0.0"), crx.bytes());
        assertEquals(
                "gciilemmggcfamhckenndloojiiaobhd",
                Crx3.parse(fixture("b-2.0.0")).extensionId());
    }

    @Test
    void refusesAPackageChangedAfterSigning() {
        byte[] crx = fixture("a-1.0.0");
        crx[crx.length - 30] ^= 1;
        Crx3.InvalidCrx refused = assertThrows(Crx3.InvalidCrx.class, () -> Crx3.parse(crx));
        assertTrue(refused.getMessage().contains("signature"), refused.getMessage());
    }

    @Test
    void refusesAnotherPackagesHeaderOverThisArchive() throws Exception {
        // The header of b (its key, its ID) in front of a's archive: a signature of b's over other bytes.
        byte[] a = fixture("a-1.0.0");
        byte[] b = fixture("b-2.0.0");
        int headerA = 12 + littleEndian(a, 8);
        int headerB = 12 + littleEndian(b, 8);
        byte[] mixed = new byte[headerB + a.length - headerA];
        System.arraycopy(b, 0, mixed, 0, headerB);
        System.arraycopy(a, headerA, mixed, headerB, a.length - headerA);
        assertThrows(Crx3.InvalidCrx.class, () -> Crx3.parse(mixed));
    }

    @Test
    void refusesWhatIsNotCrx3() {
        assertThrows(Crx3.InvalidCrx.class, () -> Crx3.parse("PK\3\4 a zip".getBytes(StandardCharsets.US_ASCII)));
        byte[] crx2 = fixture("a-1.0.0");
        crx2[4] = 2;
        Crx3.InvalidCrx old = assertThrows(Crx3.InvalidCrx.class, () -> Crx3.parse(crx2));
        assertTrue(old.getMessage().contains("CRX3"), old.getMessage());
        byte[] truncated = Arrays.copyOf(fixture("a-1.0.0"), 200);
        assertThrows(Crx3.InvalidCrx.class, () -> Crx3.parse(truncated));
        byte[] hugeHeader = fixture("a-1.0.0");
        hugeHeader[11] = 0x7f;
        assertThrows(Crx3.InvalidCrx.class, () -> Crx3.parse(hugeHeader));
    }

    @Test
    void comparesVersionsNumberByNumber() {
        assertTrue(ExtensionVersion.compare("1.10.0", "1.9.9") > 0);
        assertEquals(0, ExtensionVersion.compare("1.0", "1.0.0"));
        assertTrue(ExtensionVersion.compare("0.9.5", "1.0.0") < 0);
        assertTrue(ExtensionVersion.isValid("65535.0.0.1"));
        assertFalse(ExtensionVersion.isValid("65536"));
        assertFalse(ExtensionVersion.isValid("1.0.0.0.0"));
        assertFalse(ExtensionVersion.isValid("1.0-beta"));
        assertFalse(ExtensionVersion.isValid("01.0"));
    }

    private static int littleEndian(byte[] bytes, int at) {
        return (bytes[at] & 0xff)
                | (bytes[at + 1] & 0xff) << 8
                | (bytes[at + 2] & 0xff) << 16
                | (bytes[at + 3] & 0xff) << 24;
    }
}
