package dev.promptgate.bundle;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A bundle ready to serve: its exact bytes, the same gzipped, their ETags and the detached signature. Built
 * once per policy change and group set, then served from memory. {@code body} holds the same bytes as
 * {@code bytes}, as the fast path writes them: for a group set's bundle, read from the organization bundle's array
 * where the two are the same ({@link SharedBody}). Never release it or write into it.
 */
public record CompiledBundle(
        byte[] bytes,
        byte[] gzipped,
        String etag,
        String gzipEtag,
        String signature,
        int refreshSeconds,
        ByteBuf body) {

    static CompiledBundle of(byte[] bytes, String signature, int refreshSeconds) {
        String hash = sha256(bytes);
        return new CompiledBundle(
                bytes,
                gzip(bytes),
                "\"" + hash + "\"",
                "\"" + hash + "-gzip\"",
                signature,
                refreshSeconds,
                SharedBody.of(bytes));
    }

    /** The same bundle, its body reading what it shares with the organization bundle from that bundle's bytes. */
    CompiledBundle sharingWith(CompiledBundle organization) {
        return new CompiledBundle(
                bytes,
                gzipped,
                etag,
                gzipEtag,
                signature,
                refreshSeconds,
                SharedBody.sharing(organization.bytes(), bytes));
    }

    /** Whether an If-None-Match header names this bundle, in either encoding. */
    public boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals(etag) || candidate.equals(gzipEtag) || candidate.equals("*")) {
                return true;
            }
        }
        return false;
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
