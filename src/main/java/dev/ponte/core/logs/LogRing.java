package dev.ponte.core.logs;

import java.util.function.Consumer;

/**
 * The last {@code capacity} lines of one source: appending is O(1) and, once full, overwrites the
 * oldest line, so memory stays bounded however long a stream runs. Counts what it has dropped, so a
 * view can tell whether a line it shows is still held. Confined to one thread (the UI thread in the
 * viewer); not thread-safe.
 */
public final class LogRing {
    public static final int DEFAULT_CAPACITY = 100_000;

    private final LogLine[] lines;
    private int head; // index of the oldest line
    private int size;
    private long appended;

    public LogRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.lines = new LogLine[capacity];
    }

    /** Adds a line; returns the line it pushed out, or null while there is room. */
    public LogLine append(LogLine line) {
        appended++;
        if (size < lines.length) {
            lines[(head + size++) % lines.length] = line;
            return null;
        }
        LogLine dropped = lines[head];
        lines[head] = line;
        head = (head + 1) % lines.length;
        return dropped;
    }

    /** The i-th line held, 0 being the oldest. */
    public LogLine get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return lines[(head + i) % lines.length];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return lines.length;
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
        return size == 0 ? Long.MAX_VALUE : lines[head].seq();
    }

    /** Whether {@code line} of this source is still held (sequence numbers grow within a source). */
    public boolean holds(LogLine line) {
        return line.seq() >= oldestSeq();
    }

    public void forEach(Consumer<LogLine> action) {
        for (int i = 0; i < size; i++) {
            action.accept(lines[(head + i) % lines.length]);
        }
    }

    public void clear() {
        java.util.Arrays.fill(lines, null);
        head = 0;
        size = 0;
    }
}
