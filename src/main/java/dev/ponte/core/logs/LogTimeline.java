package dev.ponte.core.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The lines a log view shows, kept from one {@link LogRing} per source: every line goes into its source's
 * ring; the lines that pass the filter go into the visible list (the UI's list, mutated only here, in a few
 * bulk changes per batch). With several sources the visible list is merged on one timeline by timestamp.
 * Lines the rings push out leave the visible list too, so memory is bounded by the rings. While paused the
 * visible list stands still and new lines are only counted; resuming rebuilds it from the rings.
 * Confined to the UI thread.
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

    private final int capacity;
    private final boolean merge;
    private final List<LogLine> visible;
    private final Map<String, LogRing> rings = new LinkedHashMap<>();
    private Predicate<LogLine> filter = line -> true;
    private boolean paused;
    private long newWhilePaused;
    private String lastSource;
    private LogRing lastRing;

    /**
     * @param capacity lines kept per source
     * @param merge    order lines of different sources by their timestamps (a merged view)
     * @param visible  the list to keep up to date (the view's items)
     */
    public LogTimeline(int capacity, boolean merge, List<LogLine> visible) {
        this.capacity = capacity;
        this.merge = merge;
        this.visible = visible;
    }

    public Update append(List<LogLine> batch) {
        int dropped = 0;
        List<LogLine> shown = new ArrayList<>(paused ? 0 : batch.size());
        for (LogLine line : batch) {
            if (ring(line.source()).append(line) != null) {
                dropped++;
            }
            if (paused) {
                newWhilePaused++;
            } else if (filter.test(line)) {
                shown.add(line);
            }
        }
        if (paused) {
            return new Update(0, visible.size(), false);
        }
        if (dropped > 0 && batch.size() > capacity) {
            shown.removeIf(line -> !ring(line.source()).holds(line)); // pushed out again within this batch
        }
        int[] removed = dropped > 0 ? trimFront() : new int[] {0, 0};
        boolean reordered = removed[1] != 0;
        int from = reordered ? 0 : visible.size();
        if (shown.isEmpty()) {
            return new Update(removed[0], from, reordered);
        }
        if (!merge || rings.size() < 2) {
            visible.addAll(shown);
            return new Update(removed[0], from, reordered);
        }
        return mergeIn(shown, removed[0], reordered);
    }

    /** Applies a new filter: the visible list is rebuilt from the rings. */
    public void setFilter(Predicate<LogLine> filter) {
        this.filter = filter;
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
        return rings.values().stream().mapToInt(LogRing::size).sum();
    }

    /** Lines pushed out of the rings so far. */
    public long dropped() {
        return rings.values().stream().mapToLong(LogRing::dropped).sum();
    }

    public int capacity() {
        return capacity;
    }

    public Set<String> sources() {
        return rings.keySet();
    }

    /** Forgets everything (the source is opened again with other options). */
    public void clear() {
        rings.clear();
        lastRing = null;
        lastSource = null;
        newWhilePaused = 0;
        visible.clear();
    }

    private LogRing ring(String source) {
        if (source != lastSource || lastRing == null) {
            lastSource = source;
            lastRing = rings.computeIfAbsent(source, s -> new LogRing(capacity));
        }
        return lastRing;
    }

    /** Removes the lines the rings no longer hold; returns {count, 1 if not a plain prefix}. */
    private int[] trimFront() {
        if (rings.size() == 1) {
            int k = 0;
            while (k < visible.size() && !ring(visible.get(k).source()).holds(visible.get(k))) {
                k++;
            }
            if (k > 0) {
                visible.subList(0, k).clear();
            }
            return new int[] {k, 0};
        }
        // Each source's dropped lines are a prefix of its lines; stop once every source has shown a held line.
        Set<String> met = new HashSet<>();
        List<LogLine> kept = new ArrayList<>();
        int end = 0;
        int removed = 0;
        boolean contiguous = true;
        for (; end < visible.size() && met.size() < rings.size(); end++) {
            LogLine line = visible.get(end);
            if (ring(line.source()).holds(line)) {
                met.add(line.source());
                kept.add(line);
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
            visible.subList(0, removed).clear();
            return new int[] {removed, 0};
        }
        visible.subList(0, end).clear();
        visible.addAll(0, kept);
        return new int[] {0, 1};
    }

    private Update mergeIn(List<LogLine> shown, int removedFront, boolean reordered) {
        shown.sort(LogLine::compareTime);
        LogLine first = shown.getFirst();
        int at = visible.size();
        if (first.hasTime()) {
            int stop = Math.max(0, at - MAX_MERGE_DISTANCE);
            while (at > stop && visible.get(at - 1).hasTime() && visible.get(at - 1).compareTime(first) > 0) {
                at--;
            }
        }
        if (at == visible.size()) {
            int from = reordered ? 0 : visible.size();
            visible.addAll(shown);
            return new Update(removedFront, from, reordered);
        }
        List<LogLine> tail = new ArrayList<>(visible.subList(at, visible.size()));
        List<LogLine> merged = new ArrayList<>(tail.size() + shown.size());
        int a = 0;
        int b = 0;
        while (a < tail.size() || b < shown.size()) {
            boolean takeShown = a == tail.size()
                    || (b < shown.size() && shown.get(b).compareTime(tail.get(a)) < 0);
            merged.add(takeShown ? shown.get(b++) : tail.get(a++));
        }
        visible.subList(at, visible.size()).clear();
        visible.addAll(merged);
        return new Update(removedFront, reordered ? 0 : at, true);
    }

    private void rebuild() {
        List<LogLine> all = new ArrayList<>();
        if (!merge || rings.size() < 2) {
            for (LogRing ring : rings.values()) {
                ring.forEach(line -> {
                    if (filter.test(line)) {
                        all.add(line);
                    }
                });
            }
        } else {
            mergeRings(all);
        }
        visible.clear();
        visible.addAll(all);
    }

    /** k-way merge of the rings by time; a line without a time keeps the time of the line before it in its ring. */
    private void mergeRings(List<LogLine> out) {
        List<LogRing> list = new ArrayList<>(rings.values());
        int[] cursor = new int[list.size()];
        Instant[] carried = new Instant[list.size()];
        java.util.Arrays.fill(carried, Instant.MIN);
        while (true) {
            int best = -1;
            Instant bestTime = null;
            for (int r = 0; r < list.size(); r++) {
                if (cursor[r] >= list.get(r).size()) {
                    continue;
                }
                LogLine line = list.get(r).get(cursor[r]);
                Instant t = line.time() != null ? line.time() : carried[r];
                if (best < 0 || t.isBefore(bestTime)) {
                    best = r;
                    bestTime = t;
                }
            }
            if (best < 0) {
                return;
            }
            LogLine line = list.get(best).get(cursor[best]++);
            carried[best] = bestTime;
            if (filter.test(line)) {
                out.add(line);
            }
        }
    }
}
