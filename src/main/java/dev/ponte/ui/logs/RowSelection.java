package dev.ponte.ui.logs;

import java.util.BitSet;

/**
 * Which rows of a {@link LogRows} are selected: any set of indices (a bit set, 12 KB for 100,000 rows), the last
 * one clicked or moved to (the lead, shown and stepped from) and where a Shift+click range starts (the anchor).
 * Follows the list's changes through {@link #removed} and {@link #inserted}, so a selection stays on its lines
 * while lines leave the top.
 */
final class RowSelection {
    private BitSet selected = new BitSet();
    private int lead = -1;
    private int anchor = -1;
    private final Runnable changed;

    RowSelection(Runnable changed) {
        this.changed = changed;
    }

    boolean isSelected(int index) {
        return index >= 0 && selected.get(index);
    }

    /** The lead row: the last one clicked or moved to, -1 when nothing is selected. */
    int selectedIndex() {
        return lead;
    }

    /** The selected indices, ascending. */
    int[] selectedIndices() {
        return selected.stream().toArray();
    }

    boolean isEmpty() {
        return selected.isEmpty();
    }

    void clearAndSelect(int index) {
        selected.clear();
        selected.set(index);
        anchor = index;
        lead = index;
        changed.run();
    }

    /** Adds a row to the selection (Ctrl+click on an unselected row); it becomes the lead. */
    void select(int index) {
        selected.set(index);
        anchor = index;
        lead = index;
        changed.run();
    }

    /** Ctrl+click: flips one row. */
    void toggle(int index) {
        selected.flip(index);
        anchor = index;
        lead = selected.get(index) ? index : selected.isEmpty() ? -1 : index;
        changed.run();
    }

    /** Shift+click or Shift+arrow: the rows from the anchor to {@code index}. */
    void extendTo(int index) {
        int from = anchor < 0 ? index : anchor;
        selected.clear();
        selected.set(Math.min(from, index), Math.max(from, index) + 1);
        anchor = from;
        lead = index;
        changed.run();
    }

    void selectAll(int count) {
        selected.clear();
        if (count > 0) {
            selected.set(0, count);
        }
        anchor = 0;
        lead = count - 1;
        changed.run();
    }

    void clear() {
        if (!selected.isEmpty() || lead >= 0) {
            selected.clear();
            anchor = -1;
            lead = -1;
            changed.run();
        }
    }

    /** Rows {@code [from, from + n)} were removed from the list. */
    void removed(int from, int n) {
        if (selected.isEmpty() && lead < 0) {
            return;
        }
        BitSet after = selected.get(from + n, Math.max(from + n, selected.length()));
        selected.clear(from, Math.max(from, selected.length()));
        after.stream().forEach(i -> selected.set(from + i));
        anchor = shift(anchor, from, n);
        lead = shift(lead, from, n);
    }

    /** {@code n} rows were inserted at {@code from}. */
    void inserted(int from, int n) {
        if (selected.isEmpty() && lead < 0) {
            return;
        }
        BitSet after = selected.get(from, Math.max(from, selected.length()));
        selected.clear(from, Math.max(from, selected.length()));
        after.stream().forEach(i -> selected.set(from + n + i));
        anchor = anchor >= from ? anchor + n : anchor;
        lead = lead >= from ? lead + n : lead;
    }

    private static int shift(int index, int from, int n) {
        if (index < from) {
            return index;
        }
        return index >= from + n ? index - n : -1;
    }
}
