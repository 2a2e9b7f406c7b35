package dev.ponte.ui.logs;

import dev.ponte.core.logs.LogFilter;
import dev.ponte.core.logs.LogLine;
import dev.ponte.core.logs.Segment;
import dev.ponte.core.logs.Severity;
import dev.ponte.core.logs.TextStyle;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.Border;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Path;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One row of {@link LogRows}: draws one log line: time, source chip, then the text as one {@link Text} per styled run (ANSI colours and
 * backgrounds; the sixteen basic colours and the severity colours come from the theme through
 * {@link LogPalette}, 256-palette and true colours are the log's own). Search matches are cut out as their
 * own runs and marked.
 * <p>
 * Built for a log that scrolls every frame: the row keeps its nodes and only updates them. Run texts come
 * from a pool that stays in the flow (unused ones empty), fills, fonts, the row's background and its severity
 * stripe are set directly, and style classes change only when a run turns into a match or back — so no node
 * enters the scene, no pseudo-class changes and no CSS is matched while lines stream by.
 */
final class LogRow extends Region {
    private static final String MATCH = "log-match";

    private final LogViewModel vm;
    private final LogPalette palette;
    private final RunFlow flow = new RunFlow();
    private final Text time = new Text();
    private final Label chip = new Label();
    private final Text chipGap = new Text(" ");
    private final List<Text> runs = new ArrayList<>();
    private int used;
    private int chipColor;

    private LogLine item;
    private int index = -1;
    private boolean selected;

    LogRow(LogViewModel vm, LogPalette palette) {
        this.vm = vm;
        this.palette = palette;
        getStyleClass().add("log-cell");
        getChildren().add(flow);
        flow.getStyleClass().add("log-flow");
        time.getStyleClass().add("log-time");
        time.setFont(LogFonts.REGULAR);
        chip.getStyleClass().add("log-chip");
        chip.setFont(LogFonts.CHIP);
        chipGap.setFont(LogFonts.REGULAR);
        flow.getChildren().add(time);
    }

    LogLine getItem() {
        return item;
    }

    int getIndex() {
        return index;
    }

    boolean isEmpty() {
        return item == null;
    }

    boolean isSelected() {
        return selected;
    }

    /** Shows the line at {@code index} (null: an empty row); redraws only when something changed. */
    void show(int index, LogLine line, boolean selected) {
        boolean changed = index != this.index || !java.util.Objects.equals(line, item);
        this.index = index;
        if (changed) {
            this.selected = selected;
            updateItem(line, line == null);
        } else if (selected != this.selected) {
            updateSelected(selected);
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + flow.prefWidth(-1) + in.getRight();
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        double w = width < 0 ? -1 : width - in.getLeft() - in.getRight();
        return in.getTop() + flow.prefHeight(w) + in.getBottom();
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        flow.resizeRelocate(in.getLeft(), in.getTop(), getWidth() - in.getLeft() - in.getRight(),
                getHeight() - in.getTop() - in.getBottom());
    }

    TextFlow flow() {
        return flow;
    }

    /** Draws the same line again (search hits, toggles or the theme changed). */
    void redraw() {
        updateItem(item, isEmpty());
    }

    void updateSelected(boolean selected) {
        this.selected = selected;
        paintRow(item, isEmpty());
    }

    private void updateItem(LogLine line, boolean empty) {
        item = line;
        paintRow(line, empty);
        flow.setVisible(!empty);
        if (line == null || empty) {
            return;
        }
        flow.clearBackgrounds();
        int offset = 0; // character offset in the flow, for backgrounds
        String timeText = vm.display().showTimestampsProperty().get() ? pad(vm.display().timeText(line)) : "";
        show(time, !timeText.isEmpty());
        if (!timeText.isEmpty()) {
            time.setText(timeText);
            time.setFill(palette.time());
            offset += timeText.length();
        }
        boolean withChip = vm.display().multiSourceProperty().get() && line.source() != null;
        if (withChip && chip.getParent() == null) {
            flow.getChildren().add(flow.getChildren().indexOf(time) + 1, chip);
            flow.getChildren().add(flow.getChildren().indexOf(chip) + 1, chipGap);
        }
        show(chip, withChip);
        show(chipGap, withChip);
        if (withChip) {
            chip.setText(line.source());
            int color = vm.display().chipColor(line.source());
            if (color != chipColor) {
                chip.getStyleClass().remove("chip-" + chipColor);
                chip.getStyleClass().add("chip-" + color);
                chipColor = color;
            }
            offset += 2; // the chip is one embedded object, then a space
        }
        boolean pretty = vm.display().isPretty(line);
        String text = vm.display().displayText(line);
        if (pretty && !timeText.isEmpty()) {
            // continuation lines start under the text, not under the time column
            text = text.replace("\n", "\n" + " ".repeat(timeText.length()));
        }
        Paint plain = palette.text(line.severity(), line.isNotice());
        List<Segment> segments = pretty || !line.isStyled()
                ? List.of(new Segment(0, text.length(), TextStyle.DEFAULT)) : line.segments();
        LogFilter.Finder finder = hit(line) ? vm.hits().finder() : null;
        used = 0;
        for (Segment s : segments) {
            offset = addRun(text, s, finder, plain, line.isNotice(), offset);
        }
        // Spare runs stay in the flow, empty: taking nodes out and putting them back costs a CSS pass each time.
        for (int i = used; i < runs.size(); i++) {
            Text t = runs.get(i);
            if (!t.getText().isEmpty()) {
                t.setText("");
            }
        }
    }

    private boolean hit(LogLine line) {
        return line != null && !isEmpty() && vm.hits().isHit(getIndex());
    }

    /**
     * The row's background and the stripe at its left, set in code from the theme's colours (not pseudo-classes: a
     * pseudo-class change re-runs CSS on the row, and while a log streams every row changes every frame). Order of
     * precedence as the colours read: selected, current search hit, hit, viewer notice, error; the stripe marks the
     * current hit, errors and warnings.
     */
    private void paintRow(LogLine line, boolean empty) {
        LogPalette.Row look = LogPalette.Row.PLAIN;
        LogPalette.Row stripe = LogPalette.Row.PLAIN;
        if (line != null && !empty) {
            Severity sev = line.severity();
            boolean hit = vm.hits().isHit(getIndex());
            boolean current = hit && vm.hits().currentHitLineProperty().get() == getIndex();
            look = isSelected() ? LogPalette.Row.SELECTED : current ? LogPalette.Row.CURRENT_HIT
                    : hit ? LogPalette.Row.HIT : line.isNotice() ? LogPalette.Row.NOTICE
                    : sev == Severity.ERROR ? LogPalette.Row.ERROR : LogPalette.Row.PLAIN;
            stripe = current ? LogPalette.Row.CURRENT_HIT : sev == Severity.ERROR ? LogPalette.Row.ERROR
                    : sev == Severity.WARN ? LogPalette.Row.WARN : LogPalette.Row.PLAIN;
        }
        Background bg = palette.rowBackground(look);
        if (getBackground() != bg) {
            setBackground(bg);
        }
        Border border = palette.rowStripe(stripe);
        if (getBorder() != border) {
            setBorder(border);
        }
    }

    private static void show(javafx.scene.Node n, boolean shown) {
        if (n.isManaged() != shown) {
            n.setManaged(shown);
            n.setVisible(shown);
        }
    }

    private static String pad(String time) {
        return time.isEmpty() ? "" : time + "  ";
    }

    /** One run, split where search matches start and end; returns the offset after it. */
    private int addRun(String text, Segment s, LogFilter.Finder finder, Paint plain, boolean notice, int offset) {
        int at = s.start();
        if (finder != null) {
            for (int[] m = finder.find(text, at); m != null && m[0] < s.end(); m = finder.find(text, Math.max(m[1], m[0] + 1))) {
                int from = Math.max(m[0], at);
                int to = Math.min(m[1], s.end());
                if (from > at) {
                    offset = run(text, at, from, s.style(), false, plain, notice, offset);
                }
                if (to > from) {
                    offset = run(text, from, to, s.style(), true, plain, notice, offset);
                }
                at = Math.max(at, to);
                if (m[1] >= s.end()) {
                    break;
                }
            }
        }
        if (at < s.end()) {
            offset = run(text, at, s.end(), s.style(), false, plain, notice, offset);
        }
        return offset;
    }

    private int run(String text, int from, int to, TextStyle style, boolean match, Paint plain, boolean notice, int offset) {
        Text t = nextRun();
        t.setText(from == 0 && to == text.length() ? text : text.substring(from, to));
        boolean bold = style.bold() || match;
        Font font = notice ? LogFonts.ITALIC : LogFonts.of(bold, style.italic());
        if (t.getFont() != font) {
            t.setFont(font);
        }
        int fg = style.fg();
        t.setFill(fg < 0 ? plain : fg < 16 ? palette.ansi(fg) : LogPalette.fixed(TextStyle.toRgb(fg)));
        t.setUnderline(style.underline() || match);
        boolean wasMatch = t.getStyleClass().size() > 1;
        if (match != wasMatch) {
            if (match) {
                t.getStyleClass().add(MATCH);
            } else {
                t.getStyleClass().remove(MATCH);
            }
        }
        int bg = style.bg();
        if (bg >= 0) {
            flow.background(offset, offset + (to - from), bg < 16 ? palette.ansi(bg) : LogPalette.fixed(TextStyle.toRgb(bg)));
        }
        return offset + (to - from);
    }

    private Text nextRun() {
        if (used == runs.size()) {
            Text t = new Text();
            t.getStyleClass().add("log-text");
            t.setFont(LogFonts.REGULAR);
            runs.add(t);
        }
        Text t = runs.get(used++);
        if (t.getParent() == null) {
            flow.getChildren().add(t);
        }
        return t;
    }

    /**
     * A text flow that can paint backgrounds behind character ranges (ANSI background colours): one path per
     * range, laid out from the flow's own text geometry, so it follows wrapping. Lines without backgrounds
     * (nearly all) cost nothing.
     */
    static final class RunFlow extends TextFlow {
        private final List<Path> paths = new ArrayList<>();
        private final List<int[]> ranges = new ArrayList<>();
        private final List<Paint> colors = new ArrayList<>();

        void clearBackgrounds() {
            if (!ranges.isEmpty()) {
                ranges.clear();
                colors.clear();
                requestLayout();
            }
        }

        void background(int from, int to, Paint color) {
            ranges.add(new int[] {from, to});
            colors.add(color);
            requestLayout();
        }

        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            while (paths.size() < ranges.size()) {
                Path p = new Path();
                p.setManaged(false);
                p.setStroke(null);
                p.getStyleClass().add("log-background");
                paths.add(p);
                getChildren().addFirst(p); // behind the text
            }
            for (int i = 0; i < paths.size(); i++) {
                Path p = paths.get(i);
                boolean shown = i < ranges.size();
                if (shown) {
                    int[] r = ranges.get(i);
                    p.getElements().setAll(getRangeShape(r[0], r[1], false));
                    p.setFill(colors.get(i));
                } else if (!p.getElements().isEmpty()) {
                    p.getElements().clear();
                }
                p.setVisible(shown);
            }
        }
    }
}
