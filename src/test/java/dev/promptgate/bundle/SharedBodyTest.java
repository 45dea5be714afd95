package dev.promptgate.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SharedBodyTest {

    /** A body shaped like a bundle: a header, many list entries, a trailer. */
    private static String bundle(String groups, String geminiAction, int entries) {
        String services = IntStream.range(0, 30)
                .mapToObj(i -> "{\"key\":\"service-" + i + "\",\"hosts\":[\"s" + i + ".example\",\"www.s" + i
                        + ".example\"],\"action\":\"" + (i == 7 ? geminiAction : "WARN")
                        + "\",\"message\":\"No customer data here.\"}")
                .collect(Collectors.joining(","));
        String blocklist = IntStream.range(0, entries)
                .mapToObj(
                        i -> "{\"pattern\":\"blocked-" + i + ".example.com\",\"reason\":\"Not approved (" + i + ")\"}")
                .collect(Collectors.joining(","));
        return "{\"schemaVersion\":1,\"policyVersion\":\"sha256:"
                + Integer.toHexString((groups + geminiAction).hashCode())
                + "\",\"groups\":[" + groups + "],\"services\":[" + services + "],\"blocklist\":[" + blocklist
                + "],\"dlp\":{\"detectors\":[]}}";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theBodyIsTheBundlesBytesExactly() {
        byte[] reference = utf8(bundle("", "WARN", 200));
        byte[] bytes = utf8(bundle("\"Finance\"", "BLOCK", 200));

        ByteBuf body = SharedBody.sharing(reference, bytes);

        assertArrayEquals(bytes, SharedBody.copy(body));
        assertArrayEquals(bytes, SharedBody.copy(body.duplicate()));
    }

    @Test
    void aBundleThatDiffersInOneRuleReadsAlmostAllOfItsBytesFromTheReference() {
        byte[] reference = utf8(bundle("", "WARN", 200));
        byte[] bytes = utf8(bundle("\"Finance\"", "BLOCK", 200));

        ByteBuf body = SharedBody.sharing(reference, bytes);

        int fromReference = bytesReadFrom(body, reference);
        assertEquals(bytes.length, fromReference + bytesReadFrom(body, bytes));
        assertTrue(fromReference > bytes.length * 9 / 10, fromReference + " of " + bytes.length);
    }

    @Test
    void entriesAddedOrRemovedInTheMiddleDoNotStopTheRestBeingShared() {
        byte[] reference = utf8(bundle("", "WARN", 200));
        byte[] fewer = utf8(bundle("\"Legal\"", "WARN", 120));
        String more = bundle("", "WARN", 200)
                .replace("{\"pattern\":\"blocked-50.", "{\"pattern\":\"extra.example\"},{\"pattern\":\"blocked-50.");

        for (byte[] bytes : new byte[][] {fewer, utf8(more)}) {
            ByteBuf body = SharedBody.sharing(reference, bytes);
            assertArrayEquals(bytes, SharedBody.copy(body));
            int fromReference = bytesReadFrom(body, reference);
            assertTrue(fromReference > bytes.length * 8 / 10, fromReference + " of " + bytes.length);
        }
    }

    @Test
    void theReferenceItselfAndUnrelatedBytesAreServedFromTheirOwnArray() {
        byte[] reference = utf8(bundle("", "WARN", 200));
        byte[] unrelated = utf8("{\"x\":\"" + "y".repeat(5000) + "\"}");

        assertArrayEquals(reference, SharedBody.copy(SharedBody.sharing(reference, reference)));
        ByteBuf body = SharedBody.sharing(reference, unrelated);
        assertArrayEquals(unrelated, SharedBody.copy(body));
        assertEquals(0, bytesReadFrom(body, reference));
    }

    @Test
    void randomEditsNeverChangeTheBytesServed() {
        Random random = new Random(20261203);
        byte[] reference = utf8(bundle("", "WARN", 200));
        for (int round = 0; round < 300; round++) {
            StringBuilder edited = new StringBuilder(new String(reference, StandardCharsets.UTF_8));
            int edits = 1 + random.nextInt(8);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(edited.length());
                switch (random.nextInt(3)) {
                    case 0 -> edited.insert(at, ",\"inserted\":" + random.nextInt(1000) + ",");
                    case 1 -> edited.delete(at, Math.min(edited.length(), at + random.nextInt(2000)));
                    default -> edited.setCharAt(at, (char) ('a' + random.nextInt(26)));
                }
            }
            byte[] bytes = utf8(edited.toString());

            assertArrayEquals(bytes, SharedBody.copy(SharedBody.sharing(reference, bytes)), "round " + round);
        }
    }

    @Test
    void emptyAndCommaOnlyBodiesAreServedAsThemselves() {
        byte[] reference = utf8(bundle("", "WARN", 200));
        for (String text : new String[] {"", ",", ",,,", "{}"}) {
            byte[] bytes = utf8(text);
            assertArrayEquals(bytes, SharedBody.copy(SharedBody.sharing(reference, bytes)));
            assertArrayEquals(reference, SharedBody.copy(SharedBody.sharing(bytes, reference)));
        }
    }

    /** How many of the body's bytes its pieces read from this array. */
    private static int bytesReadFrom(ByteBuf body, byte[] array) {
        ByteBuf inner = body.unwrap() == null ? body : body.unwrap();
        if (!(inner instanceof CompositeByteBuf composite)) {
            return inner.array() == array ? inner.readableBytes() : 0;
        }
        int total = 0;
        for (int i = 0; i < composite.numComponents(); i++) {
            ByteBuf piece = composite.internalComponent(i);
            if (piece.array() == array) {
                total += piece.readableBytes();
            }
        }
        return total;
    }
}
