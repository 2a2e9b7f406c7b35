package dev.ponte.core.logs;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A {@link LogTimeline} that stream threads append to directly, and that the UI thread copies from at most
 * once per frame. The rings, the filter and the merge all run on the appending thread (under this object's
 * lock), so a flood costs the UI thread only the copy of what changed since its last look — one front
 * removal and one append of line ids, however many batches arrived — and nothing is dropped except what the rings
 * themselves push out.
 * <p>
 * The UI's list follows the timeline's through {@link #take()}: the timeline keeps the ids of the visible lines and
 * this object remembers how much of the UI's copy is still a valid prefix of them. The UI reads the lines behind its
 * ids through {@link #line(long)} (under the same lock), so a line is an object only while a row shows it.
 */
public final class LogFeed implements LineStore {
    /**
     * How to bring the UI's list up to date: remove {@code removeFront} ids from its front, then keep only
     * its first {@code keep} ids, then append {@code add}.
     *
     * @param reset          the whole list was replaced (filter, resume, clear): indices kept elsewhere are stale
     * @param dropped        lines the rings have pushed out so far
     * @param paused         the feed is paused
     * @param newWhilePaused lines that came while paused
     * @param tailIds        the last ids of the list once brought up to date, and {@code tailLines} their lines: read
     *                       under the same lock, so the rows a following view draws next need no lock of their own
     */
    public record Delta(int removeFront, int keep, long[] add, boolean reset, long dropped, boolean paused,
                        long newWhilePaused, long[] tailIds, LogLine[] tailLines) {
        public boolean isEmpty() {
            return removeFront == 0 && add.length == 0 && !reset && keep == Integer.MAX_VALUE;
        }
    }

    private static final long[] NONE = new long[0];

    /** Not {@code synchronized}: the UI thread only tries it ({@link #tryTake}) and never waits for a stream. */
    private final ReentrantLock lock = new ReentrantLock();
    private final LogTimeline timeline;
    private final LineIds visible;
    /** Lines at the UI list's front that have left the timeline's list since the last take. */
    private int uiRemoveFront;
    /** visible[0, uiValid) equals the UI list's ids after its first {@link #uiRemoveFront}. */
    private int uiValid;
    private int uiSize;
    private boolean reset;
    private boolean taken;
    private long epoch;

    public LogFeed(int capacity, boolean merge) {
        this.timeline = new LogTimeline(capacity, merge);
        this.visible = timeline.visible();
    }

    /**
     * From any thread: stores a batch in the rings and, unless paused, in the visible list. Ignored when
     * {@code epoch} is not the current one: a stream closed by {@link #clear()} may still deliver a last batch.
     */
    public void append(List<LogLine> batch, long epoch) {
        lock.lock();
        try {
            if (epoch != this.epoch || batch.isEmpty()) {
                return;
            }
            updated(timeline.append(batch));
        } finally {
            lock.unlock();
        }
    }

    /** {@link #append(List, long)} for a parsed batch (one source's lines as columns). */
    public void append(LineBatch batch, long epoch) {
        lock.lock();
        try {
            if (epoch != this.epoch || batch.isEmpty()) {
                return;
            }
            updated(timeline.append(batch));
        } finally {
            lock.unlock();
        }
    }

    private void updated(LogTimeline.Update u) {
        if (u.removedFront() > 0) {
            int r = Math.min(u.removedFront(), uiValid);
            uiRemoveFront += r;
            uiValid -= r;
        }
        uiValid = Math.min(uiValid, u.appendedFrom());
    }

    /**
     * {@link #take()} unless a stream is storing lines right now: then null, and the UI looks again next frame
     * rather than wait for a thread that may have been put aside by the OS while holding the lock.
     */
    public Delta tryTake(int tail) {
        if (!lock.tryLock()) {
            return null;
        }
        try {
            return take(tail);
        } finally {
            lock.unlock();
        }
    }

    /** What the UI list must do to equal the visible list now; called on the UI thread. */
    public Delta take() {
        return take(0);
    }

    /** {@link #take()}, with the lines of the last {@code tail} ids. */
    public Delta take(int tail) {
        lock.lock();
        try {
            int removeFront = uiRemoveFront;
            int keep = uiValid == uiSize - removeFront ? Integer.MAX_VALUE : uiValid;
            long[] add = uiValid == visible.size() ? NONE : visible.copy(uiValid, visible.size());
            int from = Math.max(0, visible.size() - tail);
            long[] tailIds = visible.copy(from, visible.size());
            LogLine[] tailLines = new LogLine[tailIds.length];
            for (int i = 0; i < tailIds.length; i++) {
                tailLines[i] = timeline.line(tailIds[i]);
            }
            Delta d = new Delta(reset ? 0 : removeFront, reset ? 0 : keep, add, reset || !taken, timeline.dropped(),
                    timeline.paused(), timeline.newWhilePaused(), tailIds, tailLines);
            uiRemoveFront = 0;
            uiValid = visible.size();
            uiSize = visible.size();
            reset = false;
            taken = true;
            return d;
        } finally {
            lock.unlock();
        }
    }

    /** The line behind an id the UI holds; null once the rings have pushed it out (any thread). */
    @Override
    public LogLine line(long id) {
        lock.lock();
        try {
            return timeline.line(id);
        } finally {
            lock.unlock();
        }
    }

    /** Reads a range of the UI's ids under one lock (search, copy): {@code out[i]} = the line of {@code ids[i]}. */
    public LogLine[] lines(long[] ids) {
        lock.lock();
        try {
            LogLine[] out = new LogLine[ids.length];
            for (int i = 0; i < ids.length; i++) {
                out[i] = timeline.line(ids[i]);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** A frozen copy of the lines behind these ids (a paused view, an export). */
    public LogSnapshot snapshot(long[] ids) {
        lock.lock();
        try {
            return timeline.snapshot(ids);
        } finally {
            lock.unlock();
        }
    }

    public void setFilter(Predicate<LogLine> filter) {
        lock.lock();
        try {
            timeline.setFilter(filter);
            if (!timeline.paused()) {
                replaced();
            }
        } finally {
            lock.unlock();
        }
    }

    public void pause() {
        lock.lock();
        try {
            timeline.pause();
        } finally {
            lock.unlock();
        }
    }

    public void resume() {
        lock.lock();
        try {
            timeline.resume();
            replaced();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets every line (the streams are opened again); returns the epoch the new streams append with. */
    public long clear() {
        lock.lock();
        try {
            timeline.clear();
            replaced();
            return ++epoch;
        } finally {
            lock.unlock();
        }
    }

    public long epoch() {
        lock.lock();
        try {
            return epoch;
        } finally {
            lock.unlock();
        }
    }

    private void replaced() {
        reset = true;
        uiRemoveFront = 0;
        uiValid = 0;
    }

    public boolean paused() {
        lock.lock();
        try {
            return timeline.paused();
        } finally {
            lock.unlock();
        }
    }

    public long newWhilePaused() {
        lock.lock();
        try {
            return timeline.newWhilePaused();
        } finally {
            lock.unlock();
        }
    }

    public int held() {
        lock.lock();
        try {
            return timeline.held();
        } finally {
            lock.unlock();
        }
    }

    public long dropped() {
        lock.lock();
        try {
            return timeline.dropped();
        } finally {
            lock.unlock();
        }
    }

    /** Heap the rings and the visible ids hold, for figures. */
    public long heapBytes() {
        lock.lock();
        try {
            return timeline.heapBytes();
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return timeline.capacity();
    }
}
