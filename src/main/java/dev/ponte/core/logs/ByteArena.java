package dev.ponte.core.logs;

/**
 * The bytes of a {@link LogRing}'s lines, first in, first out: records are appended to the last of a row of large
 * byte arrays (blocks) and released from the front when the ring drops its oldest lines; released blocks are reused
 * for new records, so a full ring allocates nothing more. A record is a line's UTF-8 text, followed for a styled
 * line by its runs (count, then start, end, fg, bg and flags of each, as zig-zag varints: 5–7 bytes a run instead
 * of 20). A record never spans two blocks. Its address is {@code blockNumber << 32 | offset}. Not thread-safe.
 */
final class ByteArena {
    private static final int FIRST_BLOCK = 4 * 1024;
    /** Below G1's humongous threshold for small heaps (half a 1 MB region), so blocks are ordinary objects. */
    private static final int MAX_BLOCK = 128 * 1024;
    private static final int MAX_POOLED = 4;

    private byte[][] blocks = new byte[8][];
    /** Index in {@link #blocks} of the first block held. */
    private int first;
    private int count;
    /** Block number of the first block held. */
    private long firstNumber;
    /** Bytes used in the last block. */
    private int fill;
    private int nextSize = FIRST_BLOCK;
    private final byte[][] pool = new byte[MAX_POOLED][];
    private int pooled;

    /** Appends a line's text and (when not null) its runs; returns the record's address. */
    long append(byte[] text, int[] runs) {
        int need = text.length + (runs == null ? 0 : runsSize(runs, runs.length));
        byte[] b = room(need);
        int off = fill;
        System.arraycopy(text, 0, b, off, text.length);
        if (runs != null) {
            writeRuns(b, off + text.length, runs, runs.length);
        }
        fill += need;
        return address(off);
    }

    /** Appends a record already in the arena's format ({@link LineBatch} writes them so); returns its address. */
    long appendRecord(byte[] src, int off, int n) {
        byte[] b = room(n);
        int to = fill;
        System.arraycopy(src, off, b, to, n);
        fill += n;
        return address(to);
    }

    /** Copies a record of another arena in, as it is. */
    long copy(ByteArena from, long at, int textBytes, boolean styled) {
        byte[] src = from.block(at);
        int off = offset(at);
        int n = styled ? runsEnd(src, off + textBytes) - off : textBytes;
        byte[] b = room(n);
        int to = fill;
        System.arraycopy(src, off, b, to, n);
        fill += n;
        return address(to);
    }

    /** Blocks wholly before the record at {@code at} are no longer needed: kept for reuse (a few) or let go. */
    void releaseBefore(long at) {
        long number = at >>> 32;
        while (firstNumber < number && count > 1) {
            byte[] b = blocks[first];
            blocks[first] = null;
            first = first + 1 == blocks.length ? 0 : first + 1;
            count--;
            firstNumber++;
            if (pooled < MAX_POOLED && b.length == MAX_BLOCK) {
                pool[pooled++] = b;
            }
        }
    }

    byte[] block(long at) {
        int i = first + (int) ((at >>> 32) - firstNumber);
        return blocks[i >= blocks.length ? i - blocks.length : i];
    }

    static int offset(long at) {
        return (int) at;
    }

    void clear() {
        java.util.Arrays.fill(blocks, null);
        first = 0;
        count = 0;
        firstNumber += 1; // addresses handed out before stay unequal to new ones
        fill = 0;
        nextSize = FIRST_BLOCK;
    }

    long heapBytes() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += blocks[(first + i) % blocks.length].length;
        }
        for (int i = 0; i < pooled; i++) {
            n += pool[i].length;
        }
        return n;
    }

    private long address(int offset) {
        return (firstNumber + count - 1) << 32 | offset;
    }

    private byte[] room(int need) {
        if (count > 0) {
            byte[] last = blocks[(first + count - 1) % blocks.length];
            if (fill + need <= last.length) {
                return last;
            }
        }
        byte[] b = null;
        if (need <= MAX_BLOCK && nextSize == MAX_BLOCK && pooled > 0) {
            b = pool[--pooled];
            pool[pooled] = null;
        }
        if (b == null) {
            b = new byte[Math.max(need, nextSize)];
            nextSize = Math.min(MAX_BLOCK, nextSize * 2);
        }
        if (count == blocks.length) {
            byte[][] bigger = new byte[blocks.length * 2][];
            for (int i = 0; i < count; i++) {
                bigger[i] = blocks[(first + i) % blocks.length];
            }
            blocks = bigger;
            first = 0;
        }
        blocks[(first + count) % blocks.length] = b;
        count++;
        fill = 0;
        return b;
    }

    // ---- runs: [count][start end fg bg flags]…, each a zig-zag varint

    static int runsSize(int[] runs, int count) {
        int n = varintSize(count / LogLine.RUN);
        for (int i = 0; i < count; i++) {
            n += varintSize(runs[i]);
        }
        return n;
    }

    static int writeRuns(byte[] b, int at, int[] runs, int count) {
        at = writeVarint(b, at, count / LogLine.RUN);
        for (int i = 0; i < count; i++) {
            at = writeVarint(b, at, runs[i]);
        }
        return at;
    }

    static int[] readRuns(byte[] b, int at) {
        int[] pos = {at};
        int count = readVarint(b, pos);
        int[] runs = new int[count * LogLine.RUN];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = readVarint(b, pos);
        }
        return runs;
    }

    private static int runsEnd(byte[] b, int at) {
        int[] pos = {at};
        int values = readVarint(b, pos) * LogLine.RUN;
        for (int i = 0; i < values; i++) {
            readVarint(b, pos);
        }
        return pos[0];
    }

    private static int varintSize(int v) {
        int z = (v << 1) ^ (v >> 31);
        int n = 1;
        while ((z & ~0x7F) != 0) {
            z >>>= 7;
            n++;
        }
        return n;
    }

    private static int writeVarint(byte[] b, int at, int v) {
        int z = (v << 1) ^ (v >> 31);
        while ((z & ~0x7F) != 0) {
            b[at++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        b[at++] = (byte) z;
        return at;
    }

    private static int readVarint(byte[] b, int[] pos) {
        int at = pos[0];
        int z = 0;
        int shift = 0;
        byte x;
        do {
            x = b[at++];
            z |= (x & 0x7F) << shift;
            shift += 7;
        } while (x < 0);
        pos[0] = at;
        return (z >>> 1) ^ -(z & 1);
    }
}
