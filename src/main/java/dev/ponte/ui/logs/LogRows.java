package dev.ponte.ui.logs;

import dev.ponte.core.logs.LogLine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * The log's lines as a virtual list: only the rows on screen exist (a pool of {@link LogRow}s, reused), and every
 * operation costs in proportion to them, never to the number of lines. JavaFX's {@code ListView} walks every row's
 * size in its layout and on each scroll, even with a fixed cell size (about 100,000 steps a frame for a full ring:
 * LogBench found most of the UI thread's time in {@code VirtualFlow.getCellSize}), and re-runs CSS as rows change
 * their odd/even and selection states while a log streams.
 * <p>
 * Where it is: the index of the line at the top and how many pixels of it are scrolled away. Rows are one text line
 * high (fixed, computed without measuring) unless wrapping or pretty-printed JSON makes them taller; then the rows on
 * screen are measured. The vertical scroll bar counts lines, not pixels. Lines that leave the top of the list (a full
 * ring) move the top index with them, so the lines being read stay where they are. Mouse: click, Ctrl+click,
 * Shift+click, double-click, wheel; keys: arrows, Page Up/Down, Home, Ctrl+A (End and Ctrl+C belong to the view).
 */
final class LogRows extends Region {
    private final ObservableList<LogLine> items;
    private final RowFactory rows;
    private final ScrollBar vbar = new ScrollBar();
    private final ScrollBar hbar = new ScrollBar();
    private final Pane sheet = new Pane();
    private final Rectangle clip = new Rectangle();
    private final List<LogRow> pool = new ArrayList<>();
    /** For measuring rows that are not on screen (variable heights only). */
    private LogRow measure;
    private final RowSelection selection = new RowSelection(this::selectionChanged);
    private final double lineHeight;
    private boolean variableHeights;
    private boolean wrap;
    private int top;
    private double topOffset;
    private boolean updatingBar;
    /** Rows laid out in the last pass: first index and how many; the last one may be cut by the bottom edge. */
    private int shownFrom;
    private int shownCount;
    private boolean lastFullyShown;
    private Consumer<LogLine> onDoubleClick = line -> { };

    /** Makes the rows; the list's rows come from here so the view decides how a line is drawn. */
    interface RowFactory {
        LogRow create();
    }

    LogRows(ObservableList<LogLine> items, double lineHeight, RowFactory rows) {
        this.items = items;
        this.rows = rows;
        this.lineHeight = lineHeight;
        getStyleClass().add("log-rows");
        setFocusTraversable(true);
        sheet.getStyleClass().add("log-sheet");
        sheet.setManaged(false);
        sheet.setClip(clip);
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.setOrientation(Orientation.HORIZONTAL);
        vbar.setMin(0);
        hbar.setMin(0);
        getChildren().addAll(sheet, vbar, hbar);
        vbar.valueProperty().addListener((o, a, b) -> {
            if (!updatingBar) {
                top = clamp((int) Math.round(b.doubleValue()));
                topOffset = 0;
                requestLayout();
            }
        });
        hbar.valueProperty().addListener((o, a, b) -> requestLayout());
        items.addListener(this::itemsChanged);
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        sheet.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        sheet.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        setAccessibleText("Log lines");
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    ObservableList<LogLine> items() {
        return items;
    }

    RowSelection selection() {
        return selection;
    }

    void setOnDoubleClick(Consumer<LogLine> action) {
        this.onDoubleClick = action;
    }

    /**
     * @param wrap     long lines wrap at the window's width (else they run on and a horizontal bar scrolls them)
     * @param variable rows may be taller than one text line (wrapping, pretty-printed JSON): measured, not computed
     */
    void setLayoutMode(boolean wrap, boolean variable) {
        if (variable != variableHeights || wrap != this.wrap) {
            variableHeights = variable;
            this.wrap = wrap;
            topOffset = 0;
            requestLayout();
        }
    }

    /** The width a row is laid out at: the viewport's when wrapping, else its own (at least the viewport's). */
    private double rowWidth(LogRow row, double viewW) {
        return wrap ? viewW : Math.max(viewW, row.prefWidth(-1));
    }

    /** Draws every row on screen again in place (search hits, toggles, theme). */
    void redrawRows() {
        for (LogRow r : pool) {
            if (r.isVisible() && !r.isEmpty()) {
                r.redraw();
            }
        }
        requestLayout();
    }

    /** The rows on screen (for the view's redraws and tests). */
    List<LogRow> rows() {
        return pool.stream().filter(Region::isVisible).toList();
    }

    /** Puts line {@code index} at the top (as far as the end allows). */
    void scrollTo(int index) {
        top = clamp(index);
        topOffset = 0;
        requestLayout();
    }

    /** Shows the last line at the bottom. */
    void scrollToEnd() {
        int n = items.size();
        if (n == 0) {
            top = 0;
            topOffset = 0;
            requestLayout();
            return;
        }
        double viewport = viewportHeight();
        if (!variableHeights) {
            int fit = Math.max(1, (int) Math.floor(viewport / lineHeight));
            top = Math.max(0, n - fit);
            topOffset = 0;
        } else {
            double sum = 0;
            int i = n - 1;
            for (; i >= 0; i--) {
                sum += heightOf(i);
                if (sum >= viewport) {
                    break;
                }
            }
            top = Math.max(0, i);
            topOffset = i < 0 ? 0 : Math.max(0, sum - viewport);
        }
        requestLayout();
    }

    /** Whether the last line is on screen in full (after the last layout). */
    boolean atEnd() {
        return items.isEmpty() || (shownCount > 0 && shownFrom + shownCount == items.size() && lastFullyShown);
    }

    /** Index of the first line on screen, or -1. */
    int firstVisibleIndex() {
        return shownCount == 0 ? -1 : shownFrom;
    }

    /** Index of the last line on screen (also when the bottom edge cuts it), or -1. */
    int lastVisibleIndex() {
        return shownCount == 0 ? -1 : shownFrom + shownCount - 1;
    }

    /** Moves the top so that line {@code index} is on screen, changing nothing if it is. */
    void reveal(int index) {
        if (index < 0 || index >= items.size()) {
            return;
        }
        if (index < shownFrom || (index == shownFrom && topOffset > 0)) {
            scrollTo(index);
        } else if (index >= shownFrom + shownCount - (lastFullyShown ? 0 : 1)) {
            int fit = Math.max(1, (int) Math.floor(viewportHeight() / lineHeight));
            scrollTo(variableHeights ? index : Math.max(0, index - fit + 1));
        }
    }

    // ---- layout

    private double viewportHeight() {
        return Math.max(0, getHeight() - (hbar.isVisible() ? hbar.prefHeight(-1) : 0));
    }

    private double viewportWidth() {
        return Math.max(0, getWidth() - vbar.prefWidth(-1));
    }

    private int clamp(int index) {
        return Math.max(0, Math.min(index, Math.max(0, items.size() - 1)));
    }

    /** Height of line {@code index}: one text line, or measured (variable heights). */
    private double heightOf(int index) {
        if (!variableHeights) {
            return lineHeight;
        }
        for (LogRow r : pool) {
            if (r.isVisible() && r.getIndex() == index && !r.isEmpty()) {
                return Math.max(lineHeight, r.prefHeight(rowWidth(r, viewportWidth())));
            }
        }
        if (measure == null) {
            measure = rows.create();
            measure.setManaged(false);
            measure.setVisible(false);
            sheet.getChildren().add(measure);
        }
        measure.show(index, items.get(index), false);
        measure.applyCss();
        return Math.max(lineHeight, measure.prefHeight(rowWidth(measure, viewportWidth())));
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double height = getHeight();
        double barWidth = vbar.prefWidth(-1);
        double barHeight = hbar.prefHeight(-1);
        boolean hbarShown = hbar.isVisible();
        double viewW = Math.max(0, width - barWidth);
        double viewH = Math.max(0, height - (hbarShown ? barHeight : 0));
        int n = items.size();
        top = n == 0 ? 0 : clamp(top);
        if (top == 0 && topOffset < 0) {
            topOffset = 0;
        }
        // Rows from the top down until the viewport is full.
        double y = -topOffset;
        int used = 0;
        double widest = 0;
        double x = hbarShown ? -hbar.getValue() : 0;
        int i = top;
        for (; i < n && y < viewH; i++) {
            LogRow row = row(used++);
            row.show(i, items.get(i), selection.isSelected(i));
            double w = rowWidth(row, viewW);
            double h = variableHeights ? Math.max(lineHeight, row.prefHeight(w)) : lineHeight;
            widest = Math.max(widest, w);
            row.resizeRelocate(x, y, w, h);
            y += h;
        }
        for (int k = used; k < pool.size(); k++) {
            LogRow r = pool.get(k);
            if (r.isVisible()) {
                r.setVisible(false);
                r.show(-1, null, false);
            }
        }
        shownFrom = top;
        shownCount = used;
        lastFullyShown = y <= viewH + 0.5;
        // Below the last line there is room although lines above are hidden: pull them in (a shrunk list).
        if (i == n && y < viewH - 0.5 && (top > 0 || topOffset > 0) && n > 0) {
            scrollToEnd();
            layoutAgain();
            return;
        }
        sheet.resizeRelocate(0, 0, viewW, viewH);
        clip.setWidth(viewW);
        clip.setHeight(viewH);

        boolean needH = !wrap && widest > viewW + 0.5;
        if (needH != hbarShown) {
            hbar.setVisible(needH);
            if (!needH) {
                hbar.setValue(0);
            }
            layoutAgain();
            return;
        }
        updatingBar = true;
        try {
            int fit = Math.max(1, (int) Math.floor(viewH / lineHeight));
            vbar.setMax(Math.max(0, n - fit));
            vbar.setVisibleAmount(Math.max(1, Math.min(fit, n)));
            vbar.setUnitIncrement(1);
            vbar.setBlockIncrement(Math.max(1, fit - 1));
            vbar.setValue(Math.min(vbar.getMax(), top));
            vbar.setDisable(n <= fit && top == 0);
        } finally {
            updatingBar = false;
        }
        vbar.resizeRelocate(viewW, 0, barWidth, viewH);
        if (needH) {
            hbar.setMax(Math.max(0, widest - viewW));
            hbar.setVisibleAmount(viewW);
            hbar.resizeRelocate(0, viewH, viewW, barHeight);
        }
    }

    private boolean relayingOut;

    private void layoutAgain() {
        if (!relayingOut) {
            relayingOut = true;
            try {
                layoutChildren();
            } finally {
                relayingOut = false;
            }
        }
    }

    private LogRow row(int k) {
        while (pool.size() <= k) {
            LogRow r = rows.create();
            r.setManaged(false);
            pool.add(r);
            sheet.getChildren().add(r);
            r.applyCss(); // its padding, before it is first measured
        }
        LogRow r = pool.get(k);
        if (!r.isVisible()) {
            r.setVisible(true);
        }
        return r;
    }

    // ---- changes of the list

    private void itemsChanged(ListChangeListener.Change<? extends LogLine> c) {
        int size = items.size();
        while (c.next()) {
            int from = c.getFrom();
            if (c.wasRemoved()) {
                int r = c.getRemovedSize();
                if (from + r <= top) {
                    top -= r;
                } else if (from < top) {
                    top = from;
                    topOffset = 0;
                }
                selection.removed(from, r);
            }
            if (c.wasAdded()) {
                int a = c.getAddedSize();
                if (from < top || (from == top && top > 0 && from < size - a)) {
                    top += a;
                }
                selection.inserted(from, a);
            }
        }
        if (size == 0) {
            top = 0;
            topOffset = 0;
            selection.clear();
        }
        requestLayout();
    }

    private void selectionChanged() {
        for (LogRow r : pool) {
            if (r.isVisible() && !r.isEmpty()) {
                r.updateSelected(selection.isSelected(r.getIndex()));
            }
        }
    }

    // ---- input

    private void onScroll(ScrollEvent e) {
        double dy = e.getDeltaY();
        if (dy == 0) {
            return;
        }
        scrollPixels(-dy);
        e.consume();
    }

    /** Scrolls by pixels: positive shows later lines. */
    void scrollPixels(double pixels) {
        int n = items.size();
        if (n == 0) {
            return;
        }
        if (!variableHeights) {
            int lines = (int) Math.round(pixels / lineHeight);
            if (lines == 0) {
                lines = pixels > 0 ? 1 : -1;
            }
            top = clamp(top + lines);
            int fit = Math.max(1, (int) Math.floor(viewportHeight() / lineHeight));
            top = Math.min(top, Math.max(0, n - fit));
            topOffset = 0;
        } else {
            topOffset += pixels;
            while (topOffset < 0 && top > 0) {
                top--;
                topOffset += heightOf(top);
            }
            topOffset = Math.max(0, topOffset);
            while (top < n - 1 && topOffset >= heightOf(top)) {
                topOffset -= heightOf(top);
                top++;
            }
        }
        requestLayout();
    }

    private void onPress(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        requestFocus();
        LogRow hit = null;
        for (LogRow r : pool) {
            if (r.isVisible() && !r.isEmpty() && e.getY() >= r.getLayoutY() && e.getY() < r.getLayoutY() + r.getHeight()) {
                hit = r;
                break;
            }
        }
        if (hit == null) {
            return;
        }
        int index = hit.getIndex();
        if (e.getClickCount() == 2) {
            onDoubleClick.accept(hit.getItem());
        } else if (e.isShiftDown()) {
            selection.extendTo(index);
        } else if (e.isShortcutDown()) {
            selection.toggle(index);
        } else {
            selection.clearAndSelect(index);
        }
        e.consume();
    }

    /** Dragging with the button down selects from where the press was to the row under the mouse. */
    private void onDrag(MouseEvent e) {
        if (!e.isPrimaryButtonDown() || selection.selectedIndex() < 0) {
            return;
        }
        for (LogRow r : pool) {
            if (r.isVisible() && !r.isEmpty() && e.getY() >= r.getLayoutY() && e.getY() < r.getLayoutY() + r.getHeight()) {
                if (r.getIndex() != selection.selectedIndex()) {
                    selection.extendTo(r.getIndex());
                }
                break;
            }
        }
        e.consume();
    }

    private void onKey(KeyEvent e) {
        int n = items.size();
        if (n == 0) {
            return;
        }
        int lead = selection.selectedIndex();
        int fit = Math.max(1, (int) Math.floor(viewportHeight() / lineHeight));
        int to;
        switch (e.getCode()) {
            case UP -> to = lead < 0 ? Math.max(0, shownFrom) : Math.max(0, lead - 1);
            case DOWN -> to = lead < 0 ? Math.max(0, shownFrom) : Math.min(n - 1, lead + 1);
            case PAGE_UP -> to = Math.max(0, (lead < 0 ? shownFrom : lead) - fit);
            case PAGE_DOWN -> to = Math.min(n - 1, (lead < 0 ? shownFrom : lead) + fit);
            case HOME -> to = 0;
            case A -> {
                if (e.isShortcutDown()) {
                    selection.selectAll(n);
                    e.consume();
                }
                return;
            }
            default -> {
                return;
            }
        }
        if (e.isShiftDown()) {
            selection.extendTo(to);
        } else {
            selection.clearAndSelect(to);
        }
        reveal(to);
        e.consume();
    }
}
