package dev.ponte.core.logs;

import java.util.List;
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
     * @param reset the whole list was replaced (filter, resume, clear): indices kept elsewhere are stale
     */
    public record Delta(int removeFront, int keep, long[] add, boolean reset) {
        public boolean isEmpty() {
            return removeFront == 0 && add.length == 0 && !reset && keep == Integer.MAX_VALUE;
        }
    }

    private static final long[] NONE = new long[0];

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
    public synchronized void append(List<LogLine> batch, long epoch) {
        if (epoch != this.epoch || batch.isEmpty()) {
            return;
        }
        LogTimeline.Update u = timeline.append(batch);
        if (u.removedFront() > 0) {
            int r = Math.min(u.removedFront(), uiValid);
            uiRemoveFront += r;
            uiValid -= r;
        }
        uiValid = Math.min(uiValid, u.appendedFrom());
    }

    /** What the UI list must do to equal the visible list now; called on the UI thread. */
    public synchronized Delta take() {
        int removeFront = uiRemoveFront;
        int keep = uiValid == uiSize - removeFront ? Integer.MAX_VALUE : uiValid;
        long[] add = uiValid == visible.size() ? NONE : visible.copy(uiValid, visible.size());
        Delta d = new Delta(reset ? 0 : removeFront, reset ? 0 : keep, add, reset || !taken);
        uiRemoveFront = 0;
        uiValid = visible.size();
        uiSize = visible.size();
        reset = false;
        taken = true;
        return d;
    }

    /** The line behind an id the UI holds; null once the rings have pushed it out (any thread). */
    @Override
    public synchronized LogLine line(long id) {
        return timeline.line(id);
    }

    /** Reads a range of the UI's ids under one lock (search, copy): {@code out[i]} = the line of {@code ids[i]}. */
    public synchronized LogLine[] lines(long[] ids) {
        LogLine[] out = new LogLine[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = timeline.line(ids[i]);
        }
        return out;
    }

    /** A frozen copy of the lines behind these ids (a paused view, an export). */
    public synchronized LogSnapshot snapshot(long[] ids) {
        return timeline.snapshot(ids);
    }

    public synchronized void setFilter(Predicate<LogLine> filter) {
        timeline.setFilter(filter);
        if (!timeline.paused()) {
            replaced();
        }
    }

    public synchronized void pause() {
        timeline.pause();
    }

    public synchronized void resume() {
        timeline.resume();
        replaced();
    }

    /** Forgets every line (the streams are opened again); returns the epoch the new streams append with. */
    public synchronized long clear() {
        timeline.clear();
        replaced();
        return ++epoch;
    }

    public synchronized long epoch() {
        return epoch;
    }

    private void replaced() {
        reset = true;
        uiRemoveFront = 0;
        uiValid = 0;
    }

    public synchronized boolean paused() {
        return timeline.paused();
    }

    public synchronized long newWhilePaused() {
        return timeline.newWhilePaused();
    }

    public synchronized int held() {
        return timeline.held();
    }

    public synchronized long dropped() {
        return timeline.dropped();
    }

    /** Heap the rings and the visible ids hold, for figures. */
    public synchronized long heapBytes() {
        return timeline.heapBytes();
    }

    public int capacity() {
        return timeline.capacity();
    }
}
