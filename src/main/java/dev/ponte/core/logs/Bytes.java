package dev.ponte.core.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scans of a line's bytes eight at a time (one {@code long} read, then bit tricks on it): Ponte ships C1 only, which
 * runs a byte loop as written — a load, a bounds check and two compares per byte — while one word read and a few
 * arithmetic operations test eight bytes at once. Each test may say yes for a word that holds nothing wanted (then
 * the caller looks at its bytes one by one), never no for one that does.
 */
final class Bytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long ONES = 0x0101010101010101L;
    static final long HIGHS = 0x8080808080808080L;

    private Bytes() {
    }

    /** The eight bytes {@code b[i, i + 8)}, the first in the lowest byte. */
    static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /**
     * Whether the word may hold an ESC or another control byte (below 0x1c), a byte above 127, an '=' or a '?': what
     * {@link LogLineParser}'s scan of a line looks for.
     */
    static boolean mayHoldSpecial(long x) {
        long low = (x - 0x1c * ONES) | x; // high bit of a byte: below 0x1c, or 0x80 and up
        long y = (x | 0x02 * ONES) ^ 0x3f * ONES; // zero byte: '=' (0x3d) or '?' (0x3f)
        return ((low | ((y - ONES) & ~y)) & HIGHS) != 0;
    }

    /**
     * For {@link LogLineParser}'s scan of a line, which tests each word for what it still wants, inline (C1 would not
     * inline a method for it): {@code y = (x | or) ^ QUESTION} and {@code ((x - low) | x | ((y - ONES) & ~y)) & HIGHS}
     * marks, as the high bit of each byte, a byte above 127 and '?' always, an ESC or other control byte (below 0x1c)
     * when {@code low} is {@link #CONTROLS}, and '=' when {@code or} is {@link #EQUALS_TOO} (else both 0). The lowest
     * bit set is always a byte wanted ({@link #firstByte}); bits above it may be false alarms.
     */
    static final long CONTROLS = 0x1c * ONES;
    static final long EQUALS_TOO = 0x02 * ONES;
    static final long QUESTION = 0x3f * ONES;

    /**
     * Index in its word of the lowest byte marked in {@code found} (high bits of bytes, not 0). Not
     * {@link Long#numberOfTrailingZeros}: C1 runs that as its Java code, a fifth of the scan's time in a profile.
     */
    static int firstByte(long found) {
        long lowest = (found & -found) >>> 7; // 1 << 8k for byte k
        return (int) ((lowest * 0x0001020304050607L) >>> 56);
    }

    /** Whether the word may hold the byte {@code c} (given as {@code c * ONES}). */
    static boolean mayHold(long x, long repeated) {
        long y = x ^ repeated;
        return ((y - ONES) & ~y & HIGHS) != 0;
    }

    /** {@code c} repeated in every byte of a word, for {@link #mayHold}. */
    static long repeated(byte c) {
        return (c & 0xFFL) * ONES;
    }

    /** Index of the first {@code c} in {@code b[from, to)}, or {@code to}. */
    static int indexOf(byte[] b, int from, int to, byte c, long repeated) {
        int i = from;
        while (true) {
            while (i + 8 <= to && !mayHold(word(b, i), repeated)) {
                i += 8;
            }
            for (int stop = Math.min(to, i + 8); i < stop; i++) {
                if (b[i] == c) {
                    return i;
                }
            }
            if (i >= to) {
                return to;
            }
        }
    }
}
