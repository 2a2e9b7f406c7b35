package dev.ponte.core.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link LogTimeline} that stream threads append to directly, and that the UI thread copies from at most
 * once per frame. The rings, the filter and the merge all run on the appending thread (under this object's
 * lock), so a flood costs the UI thread only the copy of what changed since its last look — one front
 * removal and one append, however many batches arrived — and nothing is dropped except what the rings
 * themselves push out. Before, every batch was posted to the UI thread and applied there; when the UI
 * thread fell behind, whole batches were thrown away unseen.
 * <p>
 * The UI's list follows the timeline's through {@link #take()}: the timeline keeps a private copy of the
 * visible lines and remembers how much of the UI's copy is still a valid prefix of it.
 */
public final class LogFeed {
    /**
     * How to bring the UI's list up to date: remove {@code removeFront} lines from its front, then keep only
     * its first {@code keep} lines, then append {@code add}.
     *
     * @param reset the whole list was replaced (filter, resume, clear): indices kept elsewhere are stale
     */
    public record Delta(int removeFront, int keep, List<LogLine> add, boolean reset) {
        public boolean isEmpty() {
            return removeFront == 0 && add.isEmpty() && !reset && keep == Integer.MAX_VALUE;
        }
    }

    private final List<LogLine> visible = new ArrayList<>();
    private final LogTimeline timeline;
    /** Lines at the UI list's front that have left the timeline's list since the last take. */
    private int uiRemoveFront;
    /** visible[0, uiValid) equals the UI list's lines after its first {@link #uiRemoveFront}. */
    private int uiValid;
    private int uiSize;
    private boolean reset;
    private boolean taken;
    private long epoch;

    public LogFeed(int capacity, boolean merge) {
        this.timeline = new LogTimeline(capacity, merge, visible);
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
        List<LogLine> add = uiValid == visible.size() ? List.of() : new ArrayList<>(visible.subList(uiValid, visible.size()));
        Delta d = new Delta(reset ? 0 : removeFront, reset ? 0 : keep, add, reset || !taken);
        uiRemoveFront = 0;
        uiValid = visible.size();
        uiSize = visible.size();
        reset = false;
        taken = true;
        return d;
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

    public int capacity() {
        return timeline.capacity();
    }
}
