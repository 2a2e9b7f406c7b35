package dev.ponte.ui.logs;

import dev.ponte.core.logs.LogFeed;
import dev.ponte.core.logs.LogLine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javafx.collections.ModifiableObservableListBase;

/**
 * The view's lines as an observable list whose bulk changes cost one array copy: JavaFX's own list removes a
 * range (lines leaving the top when the ring is full) and inserts a collection one element at a time, each an
 * array shift, which made trimming 100,000 lines quadratic.
 */
final class LogLineList extends ModifiableObservableListBase<LogLine> {
    private final ArrayList<LogLine> lines = new ArrayList<>();

    @Override
    public LogLine get(int index) {
        return lines.get(index);
    }

    @Override
    public int size() {
        return lines.size();
    }

    @Override
    protected void doAdd(int index, LogLine element) {
        lines.add(index, element);
    }

    @Override
    protected LogLine doSet(int index, LogLine element) {
        return lines.set(index, element);
    }

    @Override
    protected LogLine doRemove(int index) {
        return lines.remove(index);
    }

    @Override
    public boolean addAll(Collection<? extends LogLine> c) {
        return addAll(lines.size(), c);
    }

    @Override
    public boolean addAll(int index, Collection<? extends LogLine> c) {
        if (c.isEmpty()) {
            return false;
        }
        beginChange();
        try {
            lines.addAll(index, c);
            nextAdd(index, index + c.size());
        } finally {
            endChange();
        }
        return true;
    }

    @Override
    protected void removeRange(int from, int to) {
        if (from >= to) {
            return;
        }
        beginChange();
        try {
            List<LogLine> sub = lines.subList(from, to);
            nextRemove(from, new ArrayList<>(sub));
            sub.clear();
        } finally {
            endChange();
        }
    }

    /**
     * Brings the list up to date with a {@link LogFeed.Delta} as one change (one event for the list view,
     * however many batches it covers): lines off the front, a rewritten tail, new lines at the end.
     */
    void apply(LogFeed.Delta d) {
        if (d.isEmpty()) {
            return;
        }
        beginChange();
        try {
            int front = Math.min(d.removeFront(), lines.size());
            if (front > 0) {
                List<LogLine> sub = lines.subList(0, front);
                nextRemove(0, new ArrayList<>(sub));
                sub.clear();
            }
            int keep = (int) Math.min(d.keep(), lines.size());
            if (keep < lines.size()) {
                List<LogLine> sub = lines.subList(keep, lines.size());
                nextRemove(keep, new ArrayList<>(sub));
                sub.clear();
            }
            if (!d.add().isEmpty()) {
                int from = lines.size();
                lines.addAll(d.add());
                nextAdd(from, lines.size());
            }
        } finally {
            endChange();
        }
    }

    @Override
    public void clear() {
        removeRange(0, lines.size());
    }
}
