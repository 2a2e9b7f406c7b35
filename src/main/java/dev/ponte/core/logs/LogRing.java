package dev.ponte.core.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The last {@code capacity} lines of one source: appending is O(1) and, once full, overwrites the oldest line, so
 * memory stays bounded however long a stream runs. Counts what it has dropped, so a view can tell whether a line it
 * shows is still held.
 * <p>
 * Stored as columns, not objects: a line is a few primitives in parallel arrays (sequence number, time, where its
 * text starts in the arena, its length, severity/kind/flags) and its UTF-8 text (plus its styled runs, packed) in a
 * {@link ByteArena} of large byte arrays that are reused once the ring is full. So however many lines a view
 * holds, the garbage collector sees a handful of arrays that stay in the old generation — not 100,000 young objects
 * to copy in every young collection, which stalled the UI thread for 30–70 ms per collection while a log flooded
 * (LogBench). A {@link LogLine} is made only when someone reads a line: the rows on screen, a search, an export.
 * <p>
 * Lines are addressed by their <em>position</em>: the number of lines appended before them (0, 1, 2, … over the
 * ring's life). A position is held while {@code position >= oldestPosition()}. Confined to one thread at a time
 * (the {@link LogFeed} lock); not thread-safe.
 */
public final class LogRing {
    public static final int DEFAULT_CAPACITY = 100_000;
    private static final int FIRST_COLUMNS = 256;
    private static final long NO_TIME = Long.MIN_VALUE;
    private static final Severity[] SEVERITIES = Severity.values();
    private static final LogLine.Kind[] KINDS = LogLine.Kind.values();
    private static final int JSON = 1 << 5;
    private static final int STYLED = 1 << 6;

    private final int capacity;
    private String source;
    private long[] seq = new long[0];
    private long[] seconds = new long[0];
    private int[] nanos = new int[0];
    private long[] textAt = new long[0];
    private int[] textBytes = new int[0];
    private byte[] flags = new byte[0];
    private final ByteArena arena = new ByteArena();
    /** Slot of the oldest line held. */
    private int head;
    private int size;
    private long appended;

    public LogRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Adds a line (its text and runs are copied in; the object is not kept); returns whether the ring was full and
     * pushed out its oldest line. Every line of a ring must come from the same source.
     */
    public boolean append(LogLine line) {
        if (source == null) {
            source = line.source();
        }
        boolean full = makeRoom();
        int slot = slot(size);
        seq[slot] = line.seq();
        seconds[slot] = line.hasTime() ? line.epochSecond() : NO_TIME;
        nanos[slot] = line.nano();
        byte[] text = line.text().getBytes(StandardCharsets.UTF_8);
        int[] runs = line.runs();
        long at = arena.append(text, runs);
        textAt[slot] = at;
        textBytes[slot] = text.length;
        flags[slot] = (byte) (line.severity().ordinal() | line.kind().ordinal() << 3 | (line.json() ? JSON : 0)
                | (runs != null ? STYLED : 0));
        return appended(full);
    }

    /**
     * Adds line {@code i} of a parsed batch (its record is copied as it is: no text encoding, no object); returns
     * whether the ring was full and pushed out its oldest line. Every line of a ring must come from the same source.
     */
    public boolean append(LineBatch batch, int i) {
        if (source == null) {
            source = batch.source();
        }
        boolean full = makeRoom();
        int slot = slot(size);
        seq[slot] = batch.seq(i);
        seconds[slot] = batch.seconds(i);
        nanos[slot] = batch.nanos(i);
        textAt[slot] = arena.appendRecord(batch.bytes, batch.start(i), batch.recordBytes(i));
        textBytes[slot] = batch.textBytes(i);
        flags[slot] = (byte) batch.flags(i);
        return appended(full);
    }

    /** Frees a slot for the next line: pushes out the oldest when full (true), else grows the arrays when needed. */
    private boolean makeRoom() {
        boolean full = size == capacity;
        if (full) {
            head = next(head);
            size--;
        } else if (size == seq.length) {
            grow();
        }
        return full;
    }

    /** Counts the line just written; once the oldest was pushed out, the arena lets go of its text. */
    private boolean appended(boolean full) {
        size++;
        appended++;
        if (full) {
            arena.releaseBefore(textAt[head]);
        }
        return full;
    }

    /**
     * Copies the line at {@code position} of another ring in, bytes as they are (no decoding); for snapshots of what
     * a view shows.
     */
    void appendCopy(LogRing from, long position) {
        int s = from.slotOf(position);
        if (source == null) {
            source = from.source;
        }
        if (size == capacity) {
            throw new IllegalStateException("a snapshot ring is sized for its lines");
        }
        if (size == seq.length) {
            grow();
        }
        int slot = slot(size);
        seq[slot] = from.seq[s];
        seconds[slot] = from.seconds[s];
        nanos[slot] = from.nanos[s];
        flags[slot] = from.flags[s];
        textBytes[slot] = from.textBytes[s];
        textAt[slot] = arena.copy(from.arena, from.textAt[s], from.textBytes[s], (from.flags[s] & STYLED) != 0);
        size++;
        appended++;
    }

    /** The i-th line held, 0 being the oldest; a new object per call. */
    public LogLine get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return read(slot(i));
    }

    /** The line at a position (see the class comment); null when it is not held (pushed out, or not yet there). */
    public LogLine line(long position) {
        return holds(position) ? read(slotOf(position)) : null;
    }

    public boolean holds(long position) {
        return position >= appended - size && position < appended;
    }

    /** Position of the oldest line held (== {@link #appended()} when empty). */
    public long oldestPosition() {
        return appended - size;
    }

    /** Whether the line at a held position has a time. */
    public boolean hasTimeAt(long position) {
        return seconds[slotOf(position)] != NO_TIME;
    }

    /**
     * Orders two held lines (of this ring or another) by time without building anything; a line without a time comes
     * after every line with one.
     */
    public int compareTime(long position, LogRing other, long otherPosition) {
        int a = slotOf(position);
        int b = other.slotOf(otherPosition);
        return compare(seconds[a], nanos[a], other.seconds[b], other.nanos[b]);
    }

    long secondsAt(long position) {
        return seconds[slotOf(position)];
    }

    int nanosAt(long position) {
        return nanos[slotOf(position)];
    }

    static int compare(long s1, int n1, long s2, int n2) {
        if (s1 != s2) {
            return s1 == NO_TIME ? 1 : s2 == NO_TIME ? -1 : Long.compare(s1, s2);
        }
        return Integer.compare(n1, n2);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** Lines appended over the ring's life. */
    public long appended() {
        return appended;
    }

    /** Lines pushed out because the ring was full. */
    public long dropped() {
        return appended - size;
    }

    /** Sequence number of the oldest line held; {@link Long#MAX_VALUE} when empty. */
    public long oldestSeq() {
        return size == 0 ? Long.MAX_VALUE : seq[head];
    }

    /** Whether {@code line} of this source is still held (sequence numbers grow within a source). */
    public boolean holds(LogLine line) {
        return line.seq() >= oldestSeq();
    }

    public String source() {
        return source;
    }

    public void forEach(Consumer<LogLine> action) {
        for (int i = 0; i < size; i++) {
            action.accept(read(slot(i)));
        }
    }

    public void clear() {
        head = 0;
        size = 0;
        arena.clear();
    }

    /** Bytes of heap this ring holds (columns and arena), for figures. */
    public long heapBytes() {
        return (long) seq.length * (8 + 8 + 4 + 8 + 4 + 1) + arena.heapBytes();
    }

    private LogLine read(int slot) {
        long at = textAt[slot];
        int n = textBytes[slot];
        byte[] block = arena.block(at);
        int off = ByteArena.offset(at);
        String text = new String(block, off, n, StandardCharsets.UTF_8);
        int f = flags[slot];
        int[] runs = (f & STYLED) != 0 ? ByteArena.readRuns(block, off + n) : null;
        return new LogLine(seq[slot], source, seconds[slot], nanos[slot], SEVERITIES[f & 7], text, runs,
                KINDS[f >> 3 & 3], (f & JSON) != 0);
    }

    private int slotOf(long position) {
        return slot((int) (position - (appended - size)));
    }

    private int slot(int i) {
        int s = head + i;
        return s >= seq.length ? s - seq.length : s;
    }

    private int next(int slot) {
        return slot + 1 == seq.length ? 0 : slot + 1;
    }

    /** Doubles the columns (up to the capacity), laying the lines out from slot 0. */
    private void grow() {
        int n = (int) Math.min(capacity, Math.max(FIRST_COLUMNS, (long) seq.length * 2));
        seq = unroll(seq, n);
        seconds = unroll(seconds, n);
        textAt = unroll(textAt, n);
        nanos = unroll(nanos, n);
        textBytes = unroll(textBytes, n);
        flags = unroll(flags, n);
        head = 0;
    }

    private long[] unroll(long[] a, int n) {
        long[] b = new long[n];
        int first = Math.min(size, a.length - head);
        System.arraycopy(a, head, b, 0, first);
        System.arraycopy(a, 0, b, first, size - first);
        return b;
    }

    private int[] unroll(int[] a, int n) {
        int[] b = new int[n];
        int first = Math.min(size, a.length - head);
        System.arraycopy(a, head, b, 0, first);
        System.arraycopy(a, 0, b, first, size - first);
        return b;
    }

    private byte[] unroll(byte[] a, int n) {
        byte[] b = Arrays.copyOf(new byte[0], n);
        int first = Math.min(size, a.length - head);
        System.arraycopy(a, head, b, 0, first);
        System.arraycopy(a, 0, b, first, size - first);
        return b;
    }
}
