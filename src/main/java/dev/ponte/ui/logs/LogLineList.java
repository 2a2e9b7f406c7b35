package dev.ponte.ui.logs;

import dev.ponte.core.logs.LineIds;
import dev.ponte.core.logs.LineStore;
import dev.ponte.core.logs.LogFeed;
import dev.ponte.core.logs.LogLine;
import dev.ponte.core.logs.LogSnapshot;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The view's lines as an observable list that holds only their ids (8 bytes a line) and makes a {@link LogLine}
 * when one is read — by the rows on screen, mostly. The lines themselves stay in the feed's columns (or in a frozen
 * snapshot while paused), so the list adds nothing for the garbage collector to copy. Bulk changes are one array
 * copy and one change event. A line the rings pushed out after the last {@link #apply} reads as null until the next
 * one removes it (a row shows blank for at most a frame). Read-only for everyone else.
 */
final class LogLineList extends ObservableListBase<LogLine> {
    /** Lines made since the last change, by id: a row reads its line several times per layout, the lock once. */
    private static final int CACHE_LIMIT = 640;
    /** How many lines at the end the feed reads along with a change (more than a tall window's rows). */
    static final int PREFETCH = 160;

    private final LineIds ids = new LineIds();
    private final HashMap<Long, LogLine> cache = new HashMap<>();
    private LineStore store;

    LogLineList(LineStore store) {
        this.store = store;
    }

    @Override
    public LogLine get(int index) {
        long id = ids.get(index);
        LogLine line = cache.get(id);
        if (line == null) {
            line = store.line(id);
            if (line != null) {
                if (cache.size() >= CACHE_LIMIT) {
                    cache.clear();
                }
                cache.put(id, line);
            }
        }
        return line;
    }

    /** Keeps the lines the feed read along with a change (the rows a following view draws next). */
    private void keepTail(LogFeed.Delta d) {
        long[] tail = d.tailIds();
        if (tail == null || tail.length == 0) {
            return;
        }
        if (cache.size() + tail.length > CACHE_LIMIT) {
            cache.clear();
        }
        for (int i = 0; i < tail.length; i++) {
            if (d.tailLines()[i] != null) {
                cache.put(tail[i], d.tailLines()[i]);
            }
        }
    }

    @Override
    public int size() {
        return ids.size();
    }

    /**
     * The lines from {@code from} on, read in one go (one lock of the feed, not one per line): for a search over
     * the list. Indexed like this list; lines before {@code from} read as null.
     */
    List<LogLine> readFrom(int from) {
        int n = ids.size();
        long[] want = ids.copy(Math.min(from, n), n);
        LogLine[] got = store instanceof LogFeed feed ? feed.lines(want) : null;
        if (got == null) {
            got = new LogLine[want.length];
            for (int i = 0; i < want.length; i++) {
                got[i] = store.line(want[i]);
            }
        }
        LogLine[] lines = got;
        int offset = Math.min(from, n);
        return new java.util.AbstractList<>() {
            @Override
            public LogLine get(int index) {
                return index < offset ? null : lines[index - offset];
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    /** The ids shown, in order (a copy). */
    long[] ids() {
        return ids.copy(0, ids.size());
    }

    /**
     * Reads the same lines from another store under new ids (a paused view's frozen copy): no change event when every
     * line made it into the copy; else (the rings pushed some out meanwhile) one change that replaces them all.
     */
    void rebind(LineStore store, long[] newIds) {
        this.store = store;
        cache.clear();
        if (newIds.length == ids.size()) {
            ids.clear();
            ids.addAll(newIds);
            return;
        }
        beginChange();
        try {
            int n = ids.size();
            ids.clear();
            nextRemove(0, Collections.nCopies(n, null));
            ids.addAll(newIds);
            nextAdd(0, ids.size());
        } finally {
            endChange();
        }
    }

    /** The lines shown now, frozen (for an export that runs while the streams go on); any thread may read it. */
    List<LogLine> frozen(LogFeed feed) {
        LogSnapshot s = store instanceof LogSnapshot snapshot ? snapshot : feed.snapshot(ids());
        return s.lines();
    }

    /**
     * Brings the list up to date with a {@link LogFeed.Delta} as one change (one event for the list view,
     * however many batches it covers): lines off the front, a rewritten tail, new lines at the end. The event is made
     * here ({@link IdsChange}), not through {@code nextRemove}: JavaFX's change builder records a removal of n items as
     * n single removals, and in a flood a frame's copy pushes up to a whole ring (100,000 lines) off the front — about
     * 5 ms of the UI thread's frame with C1, growing with the ingest rate.
     */
    void apply(LogFeed.Delta d, LineStore live) {
        if (d.isEmpty()) {
            return;
        }
        if (store != live || d.reset()) {
            cache.clear();
        }
        store = live;
        IdsChange change = new IdsChange(this);
        int front = Math.min(d.removeFront(), ids.size());
        if (front > 0) {
            ids.removeFront(front);
            change.removed(0, front);
        }
        int keep = Math.min(d.keep(), ids.size());
        if (keep < ids.size()) {
            int n = ids.size() - keep;
            ids.truncate(keep);
            change.removed(keep, n);
        }
        if (d.add().length > 0) {
            int from = ids.size();
            ids.addAll(d.add());
            change.added(from, ids.size());
        }
        keepTail(d); // before the listeners hear of the change: the rows they lay out find their lines
        if (!change.isEmpty()) {
            fireChange(change);
        }
    }

    /**
     * At most three steps — a removal at the front, one at the tail, an addition at the end — in the form JavaFX's
     * builder gives them: in order of index, and a removal and an addition at the same index as one replacement. The
     * removed lines are not kept (they read as nulls, as before): only the counts are, so a removal costs nothing per
     * line.
     */
    static final class IdsChange extends javafx.collections.ListChangeListener.Change<LogLine> {
        private final int[] from = new int[3];
        private final int[] to = new int[3];
        private final int[] removed = new int[3];
        private int count;
        private int cursor = -1;

        IdsChange(javafx.collections.ObservableList<LogLine> list) {
            super(list);
        }

        /** {@code n} items removed at {@code at} (after the steps before). */
        void removed(int at, int n) {
            if (count > 0 && from[count - 1] == at && to[count - 1] == at) {
                removed[count - 1] += n; // a second removal at the same place: one removal
                return;
            }
            from[count] = at;
            to[count] = at;
            removed[count] = n;
            count++;
        }

        /** Items {@code [at, end)} added. */
        void added(int at, int end) {
            if (count > 0 && from[count - 1] == at && to[count - 1] == at) {
                to[count - 1] = end; // removed and added at one place: a replacement
                return;
            }
            from[count] = at;
            to[count] = end;
            removed[count] = 0;
            count++;
        }

        boolean isEmpty() {
            return count == 0;
        }

        @Override
        public boolean next() {
            if (cursor + 1 < count) {
                cursor++;
                return true;
            }
            return false;
        }

        @Override
        public void reset() {
            cursor = -1;
        }

        @Override
        public int getFrom() {
            check();
            return from[cursor];
        }

        @Override
        public int getTo() {
            check();
            return to[cursor];
        }

        @Override
        public List<LogLine> getRemoved() {
            check();
            return Collections.nCopies(removed[cursor], null);
        }

        @Override
        public int getRemovedSize() {
            check();
            return removed[cursor];
        }

        @Override
        protected int[] getPermutation() {
            check();
            return new int[0];
        }

        private void check() {
            if (cursor < 0 || cursor >= count) {
                throw new IllegalStateException("call next() first");
            }
        }
    }
}
