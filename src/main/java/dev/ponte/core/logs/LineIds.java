package dev.ponte.core.logs;

import java.util.Arrays;

/**
 * A list of line ids (see {@link LogTimeline#id}) as one {@code long[]}: what a view shows, 8 bytes a line instead of
 * a reference to a line object. Removing from the front is O(1) (the front moves; the array is compacted when
 * appending needs room). Not thread-safe.
 */
public final class LineIds {
    private long[] ids;
    private int head;
    private int size;

    public LineIds() {
        this(16);
    }

    public LineIds(int initialCapacity) {
        ids = new long[Math.max(4, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return ids[head + i];
    }

    public void add(long id) {
        room(1);
        ids[head + size++] = id;
    }

    public void addAll(long[] more) {
        addAll(more, 0, more.length);
    }

    public void addAll(long[] more, int from, int to) {
        int n = to - from;
        room(n);
        System.arraycopy(more, from, ids, head + size, n);
        size += n;
    }

    /** Drops the first {@code n} ids. */
    public void removeFront(int n) {
        if (n < 0 || n > size) {
            throw new IndexOutOfBoundsException(n + " of " + size);
        }
        head += n;
        size -= n;
        if (size == 0) {
            head = 0;
        }
    }

    /** Keeps the first {@code n} ids. */
    public void truncate(int n) {
        if (n < size) {
            size = Math.max(0, n);
        }
    }

    public void clear() {
        head = 0;
        size = 0;
    }

    /** The ids in {@code [from, to)} as a new array. */
    public long[] copy(int from, int to) {
        return Arrays.copyOfRange(ids, head + from, head + to);
    }

    /** Replaces the ids from {@code from} on with {@code tail}. */
    public void replaceTail(int from, long[] tail) {
        truncate(from);
        addAll(tail);
    }

    /** Bytes of heap held, for figures. */
    public long heapBytes() {
        return 8L * ids.length;
    }

    private void room(int n) {
        if (head + size + n <= ids.length) {
            return;
        }
        if (size + n <= ids.length && head >= ids.length / 2) {
            System.arraycopy(ids, head, ids, 0, size); // plenty free at the front: compact
        } else {
            long[] bigger = new long[Math.max(size + n, ids.length + (ids.length >> 1))];
            System.arraycopy(ids, head, bigger, 0, size);
            ids = bigger;
        }
        head = 0;
    }
}
