package dev.ponte.core.logs;

import java.util.AbstractList;
import java.util.List;

/**
 * A frozen copy of the lines a view shows (bytes copied as stored, nothing decoded): what a paused view keeps showing
 * while the rings move on, and what an export writes while the streams go on. Immutable once made, so any thread may
 * read it.
 */
public final class LogSnapshot implements LineStore {
    private final LogRing[] rings;
    private final long[] ids;

    LogSnapshot(LogRing[] rings, long[] ids) {
        this.rings = rings;
        this.ids = ids;
    }

    /** The ids of the copied lines in the view's order (ids of this snapshot, not of the feed). */
    public long[] ids() {
        return ids.clone();
    }

    public int size() {
        return ids.length;
    }

    @Override
    public LogLine line(long id) {
        int r = LogTimeline.ringOf(id);
        return r < rings.length ? rings[r].line(LogTimeline.positionOf(id)) : null;
    }

    /** The lines in order, each made when read. */
    public List<LogLine> lines() {
        return new AbstractList<>() {
            @Override
            public LogLine get(int index) {
                return line(ids[index]);
            }

            @Override
            public int size() {
                return ids.length;
            }
        };
    }
}
