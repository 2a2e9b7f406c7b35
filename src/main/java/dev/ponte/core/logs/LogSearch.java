package dev.ponte.core.logs;

import java.util.List;

/**
 * The lines of a view that contain the search text: their indices in the view, kept up to date as lines
 * arrive at the end or leave at the front, and a current hit that next/previous move through (wrapping).
 * Confined to the UI thread.
 */
public final class LogSearch {
    private int[] hits = new int[16];
    private int count;
    private int current = -1;
    private LogFilter.Finder finder;

    /** Starts a new search over {@code lines}; null or an empty finder clears it. */
    public void search(LogFilter.Finder finder, List<LogLine> lines) {
        this.finder = finder;
        count = 0;
        current = -1;
        if (finder != null) {
            scan(lines, 0);
        }
    }

    /** Lines were appended from {@code from} on. */
    public void appended(List<LogLine> lines, int from) {
        if (finder != null) {
            scan(lines, from);
        }
    }

    /** {@code n} lines left the front of the view: indices shift down; hits on them disappear. */
    public void removedFront(int n) {
        if (n <= 0 || count == 0) {
            return;
        }
        int gone = 0;
        while (gone < count && hits[gone] < n) {
            gone++;
        }
        for (int i = gone; i < count; i++) {
            hits[i - gone] = hits[i] - n;
        }
        count -= gone;
        current = current < 0 ? -1 : (current - gone < 0 ? (count > 0 ? 0 : -1) : current - gone);
    }

    public int count() {
        return count;
    }

    /** 0-based position of the current hit among the hits, or -1. */
    public int current() {
        return current;
    }

    /** View index of the current hit, or -1. */
    public int currentLine() {
        return current < 0 ? -1 : hits[current];
    }

    public boolean isHit(int lineIndex) {
        return java.util.Arrays.binarySearch(hits, 0, count, lineIndex) >= 0;
    }

    /** Moves to the first hit after {@code fromLine} (or the first when none yet); wraps. Returns the view index or -1. */
    public int next(int fromLine) {
        if (count == 0) {
            return -1;
        }
        if (current >= 0) {
            current = (current + 1) % count;
        } else {
            int i = java.util.Arrays.binarySearch(hits, 0, count, fromLine + 1);
            current = (i >= 0 ? i : -i - 1) % count;
        }
        return hits[current];
    }

    /** Moves to the previous hit (or the last before {@code fromLine} when none yet); wraps. */
    public int previous(int fromLine) {
        if (count == 0) {
            return -1;
        }
        if (current >= 0) {
            current = (current - 1 + count) % count;
        } else {
            int i = java.util.Arrays.binarySearch(hits, 0, count, fromLine);
            int before = (i >= 0 ? i : -i - 1) - 1;
            current = before < 0 ? count - 1 : before;
        }
        return hits[current];
    }

    public LogFilter.Finder finder() {
        return finder;
    }

    private void scan(List<LogLine> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            LogLine line = lines.get(i);
            if (line != null && !line.isNotice() && finder.occursIn(line.text())) {
                if (count == hits.length) {
                    hits = java.util.Arrays.copyOf(hits, count * 2);
                }
                hits[count++] = i;
            }
        }
    }
}
