package dev.promptgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A CRX3 package as Chromium reads it (components/crx_file/crx_verifier.cc): the {@code Cr24} magic, format 3, a
 * protobuf header with the signed data (the extension ID) and key proofs, then the ZIP archive. A package is
 * accepted only when a key proof whose key hashes to the ID verifies over the signed data and the archive, so its ID
 * is the ID Chromium will install it under. The header is three protobuf fields, read here directly.
 */
record Crx3(String extensionId, String version, byte[] bytes) {

    static final String MEDIA_TYPE = "application/x-chrome-extension";
    private static final byte[] MAGIC = "Cr24".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNATURE_CONTEXT = "CRX3 SignedData\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER = 64 * 1024;
    private static final int MAX_MANIFEST = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a file is not an acceptable CRX3; the message is shown to the admin who uploaded it. */
    static final class InvalidCrx extends Exception {
        InvalidCrx(String message) {
            super(message, null, false, false);
        }
    }

    private record KeyProof(byte[] publicKey, byte[] signature) {}

    static Crx3 parse(byte[] bytes) throws InvalidCrx {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)) {
            throw new InvalidCrx("not a CRX file (no Cr24 magic)");
        }
        in.position(4);
        int format = in.getInt();
        if (format != 3) {
            throw new InvalidCrx("CRX format " + format + "; only CRX3 is accepted");
        }
        int headerSize = in.getInt();
        if (headerSize < 0 || headerSize > MAX_HEADER || 12L + headerSize > bytes.length) {
            throw new InvalidCrx("the CRX3 header length is out of range");
        }
        byte[] header = Arrays.copyOfRange(bytes, 12, 12 + headerSize);
        byte[] archive = Arrays.copyOfRange(bytes, 12 + headerSize, bytes.length);

        List<KeyProof> rsa = new ArrayList<>();
        List<KeyProof> ecdsa = new ArrayList<>();
        byte[] signedData = null;
        Protobuf fields = new Protobuf(header);
        while (fields.hasNext()) {
            int field = fields.nextField();
            if (field == 2 || field == 3) {
                KeyProof proof = keyProof(fields.bytes());
                (field == 2 ? rsa : ecdsa).add(proof);
            } else if (field == 10000) {
                signedData = fields.bytes();
            } else {
                fields.skip();
            }
        }
        if (signedData == null) {
            throw new InvalidCrx("the CRX3 header has no signed data");
        }
        byte[] crxId = crxId(signedData);
        KeyProof own = find(rsa, crxId);
        String algorithm = "SHA256withRSA";
        if (own == null) {
            own = find(ecdsa, crxId);
            algorithm = "SHA256withECDSA";
        }
        if (own == null) {
            throw new InvalidCrx("no key in the CRX3 header matches its extension ID");
        }
        verify(own, algorithm, signedData, archive);
        return new Crx3(idText(crxId), manifestVersion(archive), bytes);
    }

    /** The extension ID of a 16-byte CRX ID: its hex digits written with the letters a to p. */
    static String idText(byte[] crxId) {
        StringBuilder id = new StringBuilder(32);
        for (char c : HexFormat.of().formatHex(crxId).toCharArray()) {
            id.append((char) ('a' + Character.digit(c, 16)));
        }
        return id.toString();
    }

    private static KeyProof keyProof(byte[] message) throws InvalidCrx {
        byte[] key = null;
        byte[] signature = null;
        Protobuf fields = new Protobuf(message);
        while (fields.hasNext()) {
            int field = fields.nextField();
            if (field == 1) {
                key = fields.bytes();
            } else if (field == 2) {
                signature = fields.bytes();
            } else {
                fields.skip();
            }
        }
        if (key == null || signature == null) {
            throw new InvalidCrx("a CRX3 key proof lacks its key or signature");
        }
        return new KeyProof(key, signature);
    }

    private static byte[] crxId(byte[] signedData) throws InvalidCrx {
        Protobuf fields = new Protobuf(signedData);
        while (fields.hasNext()) {
            if (fields.nextField() == 1) {
                byte[] id = fields.bytes();
                if (id.length != 16) {
                    throw new InvalidCrx("the CRX3 extension ID is not 16 bytes");
                }
                return id;
            }
            fields.skip();
        }
        throw new InvalidCrx("the CRX3 signed data has no extension ID");
    }

    private static KeyProof find(List<KeyProof> proofs, byte[] crxId) throws InvalidCrx {
        for (KeyProof proof : proofs) {
            if (Arrays.equals(Arrays.copyOf(sha256(proof.publicKey()), 16), crxId)) {
                return proof;
            }
        }
        return null;
    }

    private static void verify(KeyProof proof, String algorithm, byte[] signedData, byte[] archive) throws InvalidCrx {
        try {
            String keyAlgorithm = algorithm.endsWith("RSA") ? "RSA" : "EC";
            PublicKey key =
                    KeyFactory.getInstance(keyAlgorithm).generatePublic(new X509EncodedKeySpec(proof.publicKey()));
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(key);
            signature.update(SIGNATURE_CONTEXT);
            signature.update(ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(signedData.length)
                    .array());
            signature.update(signedData);
            signature.update(archive);
            if (!signature.verify(proof.signature())) {
                throw new InvalidCrx("the CRX3 signature does not verify: the file was changed after signing");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidCrx("the CRX3 key or signature cannot be read");
        }
    }

    private static String manifestVersion(byte[] archive) throws InvalidCrx {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if ("manifest.json".equals(entry.getName())) {
                    byte[] manifest = zip.readNBytes(MAX_MANIFEST + 1);
                    if (manifest.length > MAX_MANIFEST) {
                        throw new InvalidCrx("the extension's manifest.json is too large");
                    }
                    JsonNode version = JSON.readTree(manifest).path("version");
                    if (!ExtensionVersion.isValid(version.asText(""))) {
                        throw new InvalidCrx("the extension's manifest.json has no valid version");
                    }
                    return version.asText();
                }
            }
        } catch (IOException e) {
            throw new InvalidCrx("the CRX3 archive is not a readable ZIP with a JSON manifest");
        }
        throw new InvalidCrx("the CRX3 archive has no manifest.json");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The few protobuf wire-format reads the CRX3 header needs: varint keys, length-delimited fields, skips. */
    private static final class Protobuf {
        private final byte[] data;
        private int position;
        private int wireType;

        Protobuf(byte[] data) {
            this.data = data;
        }

        boolean hasNext() {
            return position < data.length;
        }

        int nextField() throws InvalidCrx {
            long key = varint();
            wireType = (int) (key & 7);
            return (int) (key >>> 3);
        }

        byte[] bytes() throws InvalidCrx {
            if (wireType != 2) {
                throw new InvalidCrx("the CRX3 header is malformed");
            }
            long length = varint();
            if (length < 0 || position + length > data.length) {
                throw new InvalidCrx("the CRX3 header is truncated");
            }
            byte[] value = Arrays.copyOfRange(data, position, position + (int) length);
            position += (int) length;
            return value;
        }

        void skip() throws InvalidCrx {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> advance(8);
                case 2 -> bytes();
                case 5 -> advance(4);
                default -> throw new InvalidCrx("the CRX3 header is malformed");
            }
        }

        private void advance(int count) throws InvalidCrx {
            if (position + count > data.length) {
                throw new InvalidCrx("the CRX3 header is truncated");
            }
            position += count;
        }

        private long varint() throws InvalidCrx {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= data.length) {
                    throw new InvalidCrx("the CRX3 header is truncated");
                }
                byte b = data[position++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new InvalidCrx("the CRX3 header is malformed");
        }
    }
}
