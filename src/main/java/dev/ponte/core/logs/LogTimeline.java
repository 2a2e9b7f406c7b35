package dev.ponte.core.logs;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The lines a log view shows, kept in one {@link LogRing} per source: every line goes into its source's ring; the
 * lines that pass the filter go into the visible list — their ids, not objects (see {@link #id}), changed only here,
 * in a few bulk changes per batch. With several sources the visible list is merged on one timeline by timestamp.
 * Lines the rings push out leave the visible list too, so memory is bounded by the rings. While paused the visible
 * list stands still and new lines are only counted; resuming rebuilds it from the rings. Confined to one thread at a
 * time; not thread-safe.
 */
public final class LogTimeline {
    /**
     * What one append did to the visible list.
     *
     * @param removedFront lines removed from the front (indices shift down by this much)
     * @param appendedFrom first index of the lines added at the end (the old size when none were); every line
     *                     before it is unchanged (0 when the front itself was rewritten)
     * @param reordered    lines were inserted or removed in the middle: indices kept elsewhere are stale
     */
    public record Update(int removedFront, int appendedFrom, boolean reordered) {
    }

    /** How far back a late line from another source may be sorted in; beyond this it is appended. */
    private static final int MAX_MERGE_DISTANCE = 20_000;
    private static final int POSITION_BITS = 44;
    private static final long POSITION_MASK = (1L << POSITION_BITS) - 1;

    private final int capacity;
    private final boolean merge;
    private final LineIds visible = new LineIds();
    private final List<LogRing> rings = new ArrayList<>();
    private final Map<String, Integer> ringIndex = new HashMap<>();
    /** Ring numbers of earlier rings (before {@link #clear()}) are not used again, so their ids stay unheld. */
    private int ringBase;
    /** Null: every line passes. */
    private Predicate<LogLine> filter;
    private boolean paused;
    private long newWhilePaused;
    private String lastSource;
    private int lastRing = -1;

    /**
     * @param capacity lines kept per source
     * @param merge    order lines of different sources by their timestamps (a merged view)
     */
    public LogTimeline(int capacity, boolean merge) {
        this.capacity = capacity;
        this.merge = merge;
    }

    /** A line's id: which ring (20 bits, never reused) and its position in it (44 bits). */
    public static long id(int ring, long position) {
        return (long) ring << POSITION_BITS | position;
    }

    static int ringOf(long id) {
        return (int) (id >>> POSITION_BITS);
    }

    static long positionOf(long id) {
        return id & POSITION_MASK;
    }

    public Update append(List<LogLine> batch) {
        int dropped = 0;
        long[] shown = paused ? null : new long[batch.size()];
        int n = 0;
        for (LogLine line : batch) {
            int r = ring(line.source());
            LogRing ring = rings.get(r);
            long position = ring.appended();
            if (ring.append(line)) {
                dropped++;
            }
            if (paused) {
                newWhilePaused++;
            } else if (filter == null || filter.test(line)) {
                shown[n++] = id(ringBase + r, position);
            }
        }
        return shown(shown, n, dropped, batch.size());
    }

    /**
     * Appends a parsed batch of one source: its records go into the source's ring as they are; a line object is made
     * only for the filter to test, when there is one.
     */
    public Update append(LineBatch batch) {
        int size = batch.size();
        int r = ring(batch.source());
        LogRing ring = rings.get(r);
        long id = id(ringBase + r, ring.appended());
        int dropped = 0;
        long[] shown = paused ? null : new long[size];
        int n = 0;
        for (int i = 0; i < size; i++, id++) {
            if (ring.append(batch, i)) {
                dropped++;
            }
            if (paused) {
                newWhilePaused++;
            } else if (filter == null || filter.test(batch.line(i))) {
                shown[n++] = id;
            }
        }
        return shown(shown, n, dropped, size);
    }

    /** The visible list's part of an append: the first {@code n} of {@code shown} pass the filter. */
    private Update shown(long[] shown, int n, int dropped, int batchSize) {
        if (paused) {
            return new Update(0, visible.size(), false);
        }
        if (dropped > 0 && batchSize > capacity) {
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (held(shown[i])) {
                    shown[kept++] = shown[i]; // pushed out again within this batch
                }
            }
            n = kept;
        }
        int[] removed = dropped > 0 ? trimFront() : new int[] {0, 0};
        boolean reordered = removed[1] != 0;
        int from = reordered ? 0 : visible.size();
        if (n == 0) {
            return new Update(removed[0], from, reordered);
        }
        if (!merge || rings.size() < 2) {
            visible.addAll(shown, 0, n);
            return new Update(removed[0], from, reordered);
        }
        return mergeIn(n == shown.length ? shown : Arrays.copyOf(shown, n), removed[0], reordered);
    }

    /** Applies a new filter ({@link LogFilter#ALL} or null: none): the visible list is rebuilt from the rings. */
    public void setFilter(Predicate<LogLine> filter) {
        this.filter = filter == LogFilter.ALL ? null : filter;
        if (!paused) {
            rebuild();
        }
    }

    public void pause() {
        paused = true;
    }

    /** Shows everything the rings hold again, including what came while paused. */
    public void resume() {
        paused = false;
        newWhilePaused = 0;
        rebuild();
    }

    public boolean paused() {
        return paused;
    }

    public long newWhilePaused() {
        return newWhilePaused;
    }

    /** Lines held over all rings. */
    public int held() {
        int n = 0;
        for (LogRing r : rings) {
            n += r.size();
        }
        return n;
    }

    /** Lines pushed out of the rings so far. */
    public long dropped() {
        long n = 0;
        for (LogRing r : rings) {
            n += r.dropped();
        }
        return n;
    }

    public int capacity() {
        return capacity;
    }

    public Set<String> sources() {
        return ringIndex.keySet();
    }

    /** The ids of the visible lines, in order. Live: changed by every append. */
    public LineIds visible() {
        return visible;
    }

    /** The visible lines, each made when read (for tests and small views). */
    public List<LogLine> lines() {
        return new AbstractList<>() {
            @Override
            public LogLine get(int index) {
                return line(visible.get(index));
            }

            @Override
            public int size() {
                return visible.size();
            }
        };
    }

    /** The line with this id; null when its ring no longer holds it. */
    public LogLine line(long id) {
        int r = ringOf(id) - ringBase;
        return r >= 0 && r < rings.size() ? rings.get(r).line(positionOf(id)) : null;
    }

    /** A frozen copy of the lines with these ids that are still held, in this order. */
    public LogSnapshot snapshot(long[] ids) {
        int[] counts = new int[rings.size()];
        for (long id : ids) {
            int r = ringOf(id) - ringBase;
            if (r >= 0 && r < rings.size() && rings.get(r).holds(positionOf(id))) {
                counts[r]++;
            }
        }
        LogRing[] copies = new LogRing[rings.size()];
        long[] out = new long[ids.length];
        int n = 0;
        for (long id : ids) {
            int r = ringOf(id) - ringBase;
            if (r < 0 || r >= rings.size() || !rings.get(r).holds(positionOf(id))) {
                continue;
            }
            if (copies[r] == null) {
                copies[r] = new LogRing(counts[r]);
            }
            out[n++] = id(r, copies[r].appended());
            copies[r].appendCopy(rings.get(r), positionOf(id));
        }
        return new LogSnapshot(copies, n == out.length ? out : Arrays.copyOf(out, n));
    }

    /** Heap held by the rings and the visible list, for figures. */
    public long heapBytes() {
        long n = visible.heapBytes();
        for (LogRing r : rings) {
            n += r.heapBytes();
        }
        return n;
    }

    /** Forgets everything (the source is opened again with other options). */
    public void clear() {
        ringBase += rings.size();
        rings.clear();
        ringIndex.clear();
        lastRing = -1;
        lastSource = null;
        newWhilePaused = 0;
        visible.clear();
    }

    private int ring(String source) {
        if (source != lastSource || lastRing < 0) {
            lastSource = source;
            Integer r = ringIndex.get(source);
            if (r == null) {
                r = rings.size();
                rings.add(new LogRing(capacity));
                ringIndex.put(source, r);
            }
            lastRing = r;
        }
        return lastRing;
    }

    private LogRing ringOfId(long id) {
        return rings.get(ringOf(id) - ringBase);
    }

    private boolean held(long id) {
        return ringOfId(id).holds(positionOf(id));
    }

    private boolean hasTime(long id) {
        return ringOfId(id).hasTimeAt(positionOf(id));
    }

    private int compareTime(long a, long b) {
        return ringOfId(a).compareTime(positionOf(a), ringOfId(b), positionOf(b));
    }

    /** Removes the lines the rings no longer hold; returns {count, 1 if not a plain prefix}. */
    private int[] trimFront() {
        if (rings.size() == 1) {
            int k = 0;
            LogRing ring = rings.getFirst();
            long oldest = ring.oldestPosition();
            while (k < visible.size() && positionOf(visible.get(k)) < oldest) {
                k++;
            }
            visible.removeFront(k);
            return new int[] {k, 0};
        }
        // Each source's dropped lines are a prefix of its lines; stop once every source has shown a held line.
        boolean[] met = new boolean[rings.size()];
        int metCount = 0;
        LineIds kept = new LineIds();
        int end = 0;
        int removed = 0;
        boolean contiguous = true;
        for (; end < visible.size() && metCount < rings.size(); end++) {
            long id = visible.get(end);
            if (held(id)) {
                int r = ringOf(id) - ringBase;
                if (!met[r]) {
                    met[r] = true;
                    metCount++;
                }
                kept.add(id);
            } else {
                if (!kept.isEmpty()) {
                    contiguous = false;
                }
                removed++;
            }
        }
        if (removed == 0) {
            return new int[] {0, 0};
        }
        if (contiguous) {
            visible.removeFront(removed);
            return new int[] {removed, 0};
        }
        long[] rest = visible.copy(end, visible.size());
        visible.clear();
        visible.addAll(kept.copy(0, kept.size()));
        visible.addAll(rest);
        return new int[] {0, 1};
    }

    private Update mergeIn(long[] shown, int removedFront, boolean reordered) {
        sortByTime(shown);
        long first = shown[0];
        int at = visible.size();
        if (hasTime(first)) {
            int stop = Math.max(0, at - MAX_MERGE_DISTANCE);
            while (at > stop && hasTime(visible.get(at - 1)) && compareTime(visible.get(at - 1), first) > 0) {
                at--;
            }
        }
        if (at == visible.size()) {
            int from = reordered ? 0 : visible.size();
            visible.addAll(shown);
            return new Update(removedFront, from, reordered);
        }
        long[] tail = visible.copy(at, visible.size());
        long[] merged = new long[tail.length + shown.length];
        int a = 0;
        int b = 0;
        for (int k = 0; k < merged.length; k++) {
            boolean takeShown = a == tail.length || (b < shown.length && compareTime(shown[b], tail[a]) < 0);
            merged[k] = takeShown ? shown[b++] : tail[a++];
        }
        visible.replaceTail(at, merged);
        return new Update(removedFront, reordered ? 0 : at, true);
    }

    /** Stable sort by time; a batch is nearly always in order already. */
    private void sortByTime(long[] ids) {
        boolean sorted = true;
        for (int i = 1; i < ids.length && sorted; i++) {
            sorted = compareTime(ids[i - 1], ids[i]) <= 0;
        }
        if (sorted) {
            return;
        }
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        Arrays.sort(boxed, this::compareTime);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = boxed[i];
        }
    }

    private void rebuild() {
        visible.clear();
        if (!merge || rings.size() < 2) {
            for (int r = 0; r < rings.size(); r++) {
                LogRing ring = rings.get(r);
                for (long p = ring.oldestPosition(); p < ring.appended(); p++) {
                    if (filter == null || filter.test(ring.line(p))) {
                        visible.add(id(ringBase + r, p));
                    }
                }
            }
        } else {
            mergeRings();
        }
    }

    /** k-way merge of the rings by time; a line without a time keeps the time of the line before it in its ring. */
    private void mergeRings() {
        int k = rings.size();
        long[] cursor = new long[k];
        long[] carriedSeconds = new long[k];
        int[] carriedNanos = new int[k];
        for (int r = 0; r < k; r++) {
            cursor[r] = rings.get(r).oldestPosition();
            carriedSeconds[r] = Long.MIN_VALUE + 1; // before every real time; Long.MIN_VALUE means "no time"
        }
        while (true) {
            int best = -1;
            long bestSeconds = 0;
            int bestNanos = 0;
            for (int r = 0; r < k; r++) {
                LogRing ring = rings.get(r);
                if (cursor[r] >= ring.appended()) {
                    continue;
                }
                long s = ring.hasTimeAt(cursor[r]) ? ring.secondsAt(cursor[r]) : carriedSeconds[r];
                int n = ring.hasTimeAt(cursor[r]) ? ring.nanosAt(cursor[r]) : carriedNanos[r];
                if (best < 0 || LogRing.compare(s, n, bestSeconds, bestNanos) < 0) {
                    best = r;
                    bestSeconds = s;
                    bestNanos = n;
                }
            }
            if (best < 0) {
                return;
            }
            long p = cursor[best]++;
            carriedSeconds[best] = bestSeconds;
            carriedNanos[best] = bestNanos;
            if (filter == null || filter.test(rings.get(best).line(p))) {
                visible.add(id(ringBase + best, p));
            }
        }
    }
}
