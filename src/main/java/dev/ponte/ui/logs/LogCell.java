package dev.ponte.ui.logs;

import dev.ponte.core.logs.LogFilter;
import dev.ponte.core.logs.LogLine;
import dev.ponte.core.logs.Segment;
import dev.ponte.core.logs.Severity;
import dev.ponte.core.logs.TextStyle;
import java.util.ArrayList;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Draws one log line: time, source chip, then the text as one {@link Text} per styled run (ANSI colours;
 * the sixteen basic colours and the severity colours come from the theme through CSS classes, 256-palette
 * and true colours are the log's own). Search matches are cut out as their own runs and marked.
 */
final class LogCell extends ListCell<LogLine> {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("sev-error");
    private static final PseudoClass WARN = PseudoClass.getPseudoClass("sev-warn");
    private static final PseudoClass DEBUG = PseudoClass.getPseudoClass("sev-debug");
    private static final PseudoClass NOTICE = PseudoClass.getPseudoClass("notice");
    private static final PseudoClass HIT = PseudoClass.getPseudoClass("hit");
    private static final PseudoClass CURRENT_HIT = PseudoClass.getPseudoClass("current-hit");

    private final LogViewModel vm;
    private final TextFlow flow = new TextFlow();

    LogCell(LogViewModel vm) {
        this.vm = vm;
        getStyleClass().add("log-cell");
        flow.getStyleClass().add("log-flow");
        setText(null);
    }

    TextFlow flow() {
        return flow;
    }

    @Override
    protected void updateItem(LogLine line, boolean empty) {
        super.updateItem(line, empty);
        Severity sev = line == null || empty ? Severity.NONE : line.severity();
        pseudoClassStateChanged(ERROR, sev == Severity.ERROR);
        pseudoClassStateChanged(WARN, sev == Severity.WARN);
        pseudoClassStateChanged(DEBUG, sev == Severity.DEBUG || sev == Severity.TRACE);
        pseudoClassStateChanged(NOTICE, line != null && !empty && line.isNotice());
        boolean hit = line != null && !empty && vm.isHit(getIndex());
        pseudoClassStateChanged(HIT, hit);
        pseudoClassStateChanged(CURRENT_HIT, hit && vm.currentHitLineProperty().get() == getIndex());
        if (line == null || empty) {
            setGraphic(null);
            return;
        }
        List<Node> nodes = new ArrayList<>(6);
        if (vm.showTimestampsProperty().get()) {
            Text time = new Text(pad(vm.timeText(line)));
            time.getStyleClass().add("log-time");
            time.setFont(LogFonts.REGULAR);
            nodes.add(time);
        }
        if (vm.multiSourceProperty().get() && line.source() != null) {
            Label chip = new Label(line.source());
            chip.getStyleClass().addAll("log-chip", "chip-" + vm.chipColor(line.source()));
            chip.setFont(LogFonts.CHIP);
            nodes.add(chip);
            nodes.add(text(" ", null));
        }
        boolean pretty = vm.isPretty(line);
        String text = vm.displayText(line);
        if (pretty && !nodes.isEmpty() && nodes.getFirst() instanceof Text time) {
            // continuation lines start under the text, not under the time column
            text = text.replace("\n", "\n" + " ".repeat(time.getText().length()));
        }
        List<Segment> runs = pretty || line.segments().isEmpty()
                ? List.of(new Segment(0, text.length(), TextStyle.DEFAULT)) : line.segments();
        LogFilter.Finder finder = hit ? vm.searchFinder() : null;
        int firstRun = nodes.size();
        for (Segment s : runs) {
            addRun(nodes, text, s, finder);
        }
        if (line.isNotice()) {
            for (int i = firstRun; i < nodes.size(); i++) {
                ((Text) nodes.get(i)).setFont(LogFonts.ITALIC);
            }
        }
        flow.getChildren().setAll(nodes);
        setGraphic(flow);
    }

    private static String pad(String time) {
        return time.isEmpty() ? "" : time + "  ";
    }

    /** One run, split where search matches start and end. */
    private static void addRun(List<Node> nodes, String text, Segment s, LogFilter.Finder finder) {
        int at = s.start();
        if (finder != null) {
            for (int[] m = finder.find(text, at); m != null && m[0] < s.end(); m = finder.find(text, Math.max(m[1], m[0] + 1))) {
                int from = Math.max(m[0], at);
                int to = Math.min(m[1], s.end());
                if (from > at) {
                    nodes.add(text(text.substring(at, from), s.style()));
                }
                if (to > from) {
                    Text match = text(text.substring(from, to), s.style());
                    match.getStyleClass().add("log-match");
                    match.setFont(LogFonts.BOLD);
                    match.setUnderline(true);
                    nodes.add(match);
                }
                at = Math.max(at, to);
                if (m[1] >= s.end()) {
                    break;
                }
            }
        }
        if (at < s.end()) {
            nodes.add(text(text.substring(at, s.end()), s.style()));
        }
    }

    private static Text text(String s, TextStyle style) {
        Text t = new Text(s);
        t.getStyleClass().add("log-text");
        if (style == null || style.isDefault()) {
            t.getStyleClass().add("plain");
            t.setFont(LogFonts.REGULAR);
            return t;
        }
        t.setFont(LogFonts.of(style.bold(), style.italic()));
        if (style.fg() >= 0 && style.fg() < 16) {
            t.getStyleClass().add("ansi-" + style.fg());
        } else if (style.fg() >= 16) {
            int rgb = TextStyle.toRgb(style.fg());
            t.setFill(Color.rgb(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF)); // the log's own colour, not the theme's
        } else {
            t.getStyleClass().add("plain");
        }
        if (style.bold()) {
            t.getStyleClass().add("ansi-bold");
        }
        if (style.italic()) {
            t.getStyleClass().add("ansi-italic");
        }
        t.setUnderline(style.underline());
        return t;
    }
}
