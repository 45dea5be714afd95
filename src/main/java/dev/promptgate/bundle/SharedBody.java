package dev.promptgate.bundle;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bundle's body as the fast path writes it: where its bytes are the same as the organization bundle's, they are
 * read from that bundle's array, so that the bundles of many group sets (which differ from the organization's in a
 * few rules and names) share one copy in the processor's cache instead of each being read from a copy of its own.
 * The bytes written are exactly the bundle's; only where they are read from changes.
 *
 * <p>Both bodies are cut after every comma, so that a change in one rule moves no cut elsewhere, and the bundle's
 * pieces are matched in order against the reference's. Runs shorter than {@link #MIN_SHARED} stay in the bundle's
 * own array, which keeps the pieces few.
 */
final class SharedBody {

    /** Shared runs shorter than this are read from the bundle's own bytes: not worth a piece of their own. */
    static final int MIN_SHARED = 512;

    private SharedBody() {}

    /** The bytes as one buffer over their own array. */
    static ByteBuf of(byte[] bytes) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes));
    }

    /** The bytes, with the runs they share with the reference read from the reference's array. */
    static ByteBuf sharing(byte[] reference, byte[] bytes) {
        if (reference == bytes) {
            return of(bytes);
        }
        List<int[]> runs = runs(reference, bytes);
        if (runs.isEmpty()) {
            return of(bytes);
        }
        CompositeByteBuf body = Unpooled.compositeBuffer(runs.size() * 2 + 1);
        int at = 0;
        for (int[] run : runs) {
            int from = run[0];
            int length = run[2];
            if (from > at) {
                body.addComponent(true, Unpooled.wrappedBuffer(bytes, at, from - at));
            }
            body.addComponent(true, Unpooled.wrappedBuffer(reference, run[1], length));
            at = from + length;
        }
        if (at < bytes.length) {
            body.addComponent(true, Unpooled.wrappedBuffer(bytes, at, bytes.length - at));
        }
        if (!Arrays.equals(copy(body), bytes)) {
            // Cannot happen by construction; never serve anything but the bundle's own bytes.
            throw new IllegalStateException("A shared body differs from its bundle");
        }
        return Unpooled.unreleasableBuffer(body);
    }

    /**
     * The runs of {@code bytes} found in the same order in {@code reference}, as {start in bytes, start in reference,
     * length}, ascending and not overlapping, each at least {@link #MIN_SHARED} long.
     */
    static List<int[]> runs(byte[] reference, byte[] bytes) {
        int[] refCuts = cuts(reference);
        int[] cuts = cuts(bytes);
        Map<Piece, Integer> firstAt = new HashMap<>();
        for (int j = refCuts.length - 2; j >= 0; j--) {
            firstAt.put(new Piece(reference, refCuts[j], refCuts[j + 1]), j);
        }
        List<int[]> runs = new ArrayList<>();
        int j = 0;
        int i = 0;
        while (i < cuts.length - 1) {
            int match =
                    j < refCuts.length - 1 && same(bytes, cuts[i], cuts[i + 1], reference, refCuts[j], refCuts[j + 1])
                            ? j
                            : resync(firstAt, reference, refCuts, j, bytes, cuts, i);
            if (match < 0) {
                i++;
                continue;
            }
            int start = cuts[i];
            int refStart = refCuts[match];
            j = match;
            while (i < cuts.length - 1
                    && j < refCuts.length - 1
                    && same(bytes, cuts[i], cuts[i + 1], reference, refCuts[j], refCuts[j + 1])) {
                i++;
                j++;
            }
            int length = cuts[i] - start;
            if (length >= MIN_SHARED) {
                runs.add(new int[] {start, refStart, length});
            }
        }
        return runs;
    }

    /**
     * Where in the reference, at or after piece {@code j}, the bundle's piece {@code i} and the one after it are found
     * one after the other; -1 if nowhere. Looks at the first place the piece occurs only, which keeps this linear.
     */
    private static int resync(
            Map<Piece, Integer> firstAt, byte[] reference, int[] refCuts, int j, byte[] bytes, int[] cuts, int i) {
        Integer at = firstAt.get(new Piece(bytes, cuts[i], cuts[i + 1]));
        if (at == null || at < j) {
            return -1;
        }
        boolean nextToo = i + 2 >= cuts.length
                || (at + 2 < refCuts.length
                        && same(bytes, cuts[i + 1], cuts[i + 2], reference, refCuts[at + 1], refCuts[at + 2]));
        return nextToo ? at : -1;
    }

    /** Offsets where the pieces begin, after every comma, with the length at the end. */
    private static int[] cuts(byte[] bytes) {
        int count = 0;
        for (byte b : bytes) {
            if (b == ',') {
                count++;
            }
        }
        int[] cuts = new int[count + 2];
        int n = 1;
        for (int k = 0; k < bytes.length; k++) {
            if (bytes[k] == ',' && k + 1 < bytes.length) {
                cuts[n++] = k + 1;
            }
        }
        cuts[n++] = bytes.length;
        return Arrays.copyOf(cuts, n);
    }

    private static boolean same(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        return Arrays.equals(a, aFrom, aTo, b, bFrom, bTo);
    }

    /** A range of an array, equal to another range with the same bytes. */
    private record Piece(byte[] array, int from, int to) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Piece p && same(array, from, to, p.array, p.from, p.to);
        }

        @Override
        public int hashCode() {
            int hash = 1;
            for (int k = from; k < to; k++) {
                hash = 31 * hash + array[k];
            }
            return hash;
        }
    }

    /** The readable bytes of a buffer, copied out. */
    static byte[] copy(ByteBuf buffer) {
        byte[] copy = new byte[buffer.readableBytes()];
        buffer.getBytes(buffer.readerIndex(), copy);
        return copy;
    }
}
