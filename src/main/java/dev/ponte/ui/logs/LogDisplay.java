package dev.ponte.ui.logs;

import dev.ponte.core.logs.JsonText;
import dev.ponte.core.logs.LogExport;
import dev.ponte.core.logs.LogLine;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * How one log tab shows its lines: the display toggles (timestamps, wrap, pretty JSON and the lines flipped by a
 * double-click), the source chips' colours, and the text of a line as the row and the clipboard show it. Part of a
 * {@link LogViewModel}; UI thread only.
 */
public final class LogDisplay {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Map<String, Integer> chipColors = new HashMap<>();
    private final BooleanProperty showTimestamps = new SimpleBooleanProperty(true);
    private final BooleanProperty wrap = new SimpleBooleanProperty();
    private final BooleanProperty prettyJson = new SimpleBooleanProperty();
    private final ObservableSet<Long> expanded = FXCollections.observableSet();
    private final ReadOnlyBooleanWrapper multiSource = new ReadOnlyBooleanWrapper();
    private ZoneId zone = ZoneId.systemDefault();

    /** The time column: local wall-clock time with milliseconds; blank when the source gave none. */
    public String timeText(LogLine line) {
        return line.time() == null ? "" : TIME.format(line.time().atZone(zone));
    }

    void setZone(ZoneId zone) {
        this.zone = zone;
    }

    /** The line's text, pretty-printed when it is JSON and pretty-printing is on for it. */
    public String displayText(LogLine line) {
        return isPretty(line) ? JsonText.pretty(line.text()) : line.text();
    }

    public boolean isPretty(LogLine line) {
        return line.json() && (prettyJson.get() != expanded.contains(line.seq()));
    }

    /** Double-click on a JSON line: pretty-print it, or back. */
    public void toggleExpanded(LogLine line) {
        if (line.json() && !expanded.remove(line.seq())) {
            expanded.add(line.seq());
        }
    }

    /** Chip colour 1–8 for a source, in order of first appearance (stable until the streams open again). */
    public int chipColor(String source) {
        return chipColors.computeIfAbsent(source == null ? "" : source, s -> chipColors.size() % 8 + 1);
    }

    /** The streams opened again: colours are handed out afresh. */
    void forgetChips() {
        chipColors.clear();
    }

    /** The lines as text for the clipboard, as they are shown (timestamps and sources when shown). */
    public String copyText(List<LogLine> selected) {
        return selected.stream().filter(Objects::nonNull)
                .map(l -> LogExport.format(l, showTimestamps.get(), multiSource.get()))
                .collect(Collectors.joining("\n"));
    }

    void setMultiSource(boolean several) {
        multiSource.set(several);
    }

    public BooleanProperty showTimestampsProperty() {
        return showTimestamps;
    }

    public BooleanProperty wrapProperty() {
        return wrap;
    }

    /** Pretty-print every JSON line (a line double-clicked flips its own state). */
    public BooleanProperty prettyJsonProperty() {
        return prettyJson;
    }

    public ObservableSet<Long> expanded() {
        return expanded;
    }

    /** More than one stream: lines carry a source chip. */
    public ReadOnlyBooleanProperty multiSourceProperty() {
        return multiSource.getReadOnlyProperty();
    }
}
