package dev.ponte.ui.logs;

import dev.ponte.core.logs.JsonText;
import dev.ponte.core.logs.LogBatcher;
import dev.ponte.core.logs.LogExport;
import dev.ponte.core.logs.LogFilter;
import dev.ponte.core.logs.LogFollower;
import dev.ponte.core.logs.LogLine;
import dev.ponte.core.logs.LogLineParser;
import dev.ponte.core.logs.LogSearch;
import dev.ponte.core.logs.LogTimeline;
import dev.ponte.core.port.LogRequest;
import dev.ponte.core.port.LogSource;
import dev.ponte.core.task.ErrorAdvice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * One log tab: follows every part of its sources (each through a {@link LogFollower} that reconnects),
 * keeps their lines in rings ({@link LogTimeline}), and exposes the filtered lines, search hits, follow and
 * pause state and the display toggles as properties. Lines reach the UI thread in batches
 * ({@link LogBatcher}, one pending drain). Touch on the UI thread only.
 */
public final class LogViewModel {
    /** {@link #tailLinesProperty()} value for "load everything". */
    public static final int ALL_LINES = -1;
    /** Lines taken per UI-thread task: bounds each task's time, so frames and input get their turn. */
    static final int DRAIN_LIMIT = 5_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final List<LogSource> sources;
    private final LogContext context;
    private final ObservableList<LogLine> lines = new LogLineList();
    private final LogTimeline timeline;
    private final LogSearch search = new LogSearch();
    private final LogLineParser parser = new LogLineParser(new AtomicLong());
    private final List<LogFollower> followers = new ArrayList<>();
    private final Map<String, Integer> chipColors = new HashMap<>();
    private final Map<String, LogFollower.State> states = new LinkedHashMap<>();
    private LogBatcher batcher;
    private boolean closed;
    private boolean started;
    private long droppedByViewer;
    private LogLine lastLine;
    private ZoneId zone = ZoneId.systemDefault();

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Opening…");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final StringProperty filterText = new SimpleStringProperty("");
    private final BooleanProperty filterRegex = new SimpleBooleanProperty();
    private final BooleanProperty filterCaseSensitive = new SimpleBooleanProperty();
    private final BooleanProperty filterInverse = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper();
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ReadOnlyIntegerWrapper hitCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper hitPosition = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper currentHitLine = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper searchVersion = new ReadOnlyIntegerWrapper();
    private final BooleanProperty following = new SimpleBooleanProperty(true);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper newWhilePaused = new ReadOnlyLongWrapper();
    private final BooleanProperty showTimestamps = new SimpleBooleanProperty(true);
    private final BooleanProperty wrap = new SimpleBooleanProperty();
    private final BooleanProperty prettyJson = new SimpleBooleanProperty();
    private final ObservableSet<Long> expanded = FXCollections.observableSet();
    private final ReadOnlyBooleanWrapper multiSource = new ReadOnlyBooleanWrapper();
    private final ObservableList<String> containers = FXCollections.observableArrayList();
    private final ObjectProperty<String> container = new SimpleObjectProperty<>();
    private final BooleanProperty previous = new SimpleBooleanProperty();
    private final ObjectProperty<Duration> since = new SimpleObjectProperty<>(Duration.ZERO);
    private final ObjectProperty<Integer> tailLines = new SimpleObjectProperty<>(1000);

    public LogViewModel(LogSource source, LogContext context) {
        this(source.title(), List.of(source), context);
    }

    /** Several sources on one timeline (a bridged workload and its local container, merged). */
    public LogViewModel(String title, List<LogSource> sources, LogContext context) {
        this.sources = List.copyOf(sources);
        this.context = context;
        this.title.set(title);
        this.timeline = new LogTimeline(context.ringCapacity(), true, lines);
        filterText.addListener((o, a, b) -> applyFilter());
        filterRegex.addListener((o, a, b) -> applyFilter());
        filterCaseSensitive.addListener((o, a, b) -> applyFilter());
        filterInverse.addListener((o, a, b) -> applyFilter());
        searchText.addListener((o, a, b) -> research());
        // Other source options open the streams again; choosing the first container does not.
        container.addListener((o, a, b) -> {
            if (a != null && started) {
                reopen();
            }
        });
        previous.addListener((o, a, b) -> reopenIfStarted());
        since.addListener((o, a, b) -> reopenIfStarted());
        tailLines.addListener((o, a, b) -> reopenIfStarted());
    }

    private void reopenIfStarted() {
        if (started) {
            reopen();
        }
    }

    /** Finds the parts (pods) and containers off the UI thread, then opens a stream per part. */
    public void start() {
        started = true;
        status.set("Opening " + title.get() + "…");
        context.tasks().runQuietly("Open logs of " + title.get(), (progress, cancel) -> {
            Map<LogSource, List<String>> parts = new LinkedHashMap<>();
            for (LogSource s : sources) {
                parts.put(s, s.parts());
            }
            List<String> choices = sources.size() == 1 ? sources.getFirst().containers() : List.of();
            return new Resolved(parts, choices);
        }, this::open, error -> {
            var problem = ErrorAdvice.explain(error, "the cluster");
            status.set(problem.title() + ": " + problem.detail() + " " + problem.advice());
        });
    }

    private record Resolved(Map<LogSource, List<String>> parts, List<String> containers) {
    }

    private void open(Resolved resolved) {
        if (closed) {
            return;
        }
        if (!containers.equals(resolved.containers())) {
            containers.setAll(resolved.containers());
        }
        if (container.get() == null && !containers.isEmpty()) {
            container.set(containers.getFirst());
        }
        int total = resolved.parts().values().stream().mapToInt(List::size).sum();
        multiSource.set(total > 1);
        if (total == 0) {
            status.set("Nothing to show: no pods match this workload now. Open the logs again once a pod runs.");
            return;
        }
        LogBatcher[] self = new LogBatcher[1];
        self[0] = new LogBatcher(context.fxThread(), Math.max(context.ringCapacity(), 10_000), DRAIN_LIMIT, batch -> {
            if (self[0] == batcher) {
                onBatch(batch);
            }
        });
        batcher = self[0];
        LogRequest request = request();
        resolved.parts().forEach((source, parts) -> parts.forEach(part -> {
            LogFollower f = new LogFollower(source, part, request, parser, context.scheduler(), context.backoff(),
                    context.clock(), new LogFollower.Sink() {
                @Override
                public void lines(List<LogLine> list) {
                    self[0].add(list);
                }

                @Override
                public void state(LogFollower.State state) {
                    context.fxThread().execute(() -> onState(self[0], state));
                }
            });
            followers.add(f);
        }));
        followers.forEach(LogFollower::start);
    }

    /** The request the source options describe. A previous instance has ended, so it is read, not followed. */
    LogRequest request() {
        Integer tail = tailLines.get() == null || tailLines.get() < 0 ? null : tailLines.get();
        Duration age = since.get() == null || since.get().isZero() ? null : since.get();
        return new LogRequest(container.get(), previous.get(), !previous.get(), tail, age, null);
    }

    /** Opens the streams again with the current source options (container, previous, since, tail). */
    public void reopen() {
        stopStreams();
        timeline.clear();
        search.search(search.finder(), lines);
        publishSearch();
        chipColors.clear();
        states.clear();
        newWhilePaused.set(0);
        start();
    }

    public void close() {
        closed = true;
        stopStreams();
    }

    private void stopStreams() {
        batcher = null;
        followers.forEach(LogFollower::close);
        followers.clear();
    }

    private void onBatch(LogBatcher.Batch batch) {
        if (closed) {
            return;
        }
        List<LogLine> add = batch.lines();
        droppedByViewer += batch.dropped();
        if (batch.dropped() > 0) {
            LogLine first = add.isEmpty() ? lastLine : add.getFirst();
            add = new ArrayList<>(add);
            // Tagged like the line after the gap, so it sorts there and does not count as a source of its own.
            // Its sequence number is the next line's (or the last one's): a ring's numbers must not go down.
            add.addFirst(LogLine.notice(first == null ? 0 : first.seq(), first == null ? null : first.source(),
                    first == null ? null : first.time(), LogLine.Kind.NOTICE, "— " + String.format("%,d", batch.dropped())
                    + " lines dropped: they came faster than the viewer could take them —"));
        }
        if (!add.isEmpty()) {
            lastLine = add.getLast();
        }
        LogTimeline.Update u = timeline.append(add);
        if (timeline.paused()) {
            newWhilePaused.set(timeline.newWhilePaused());
        } else if (u.reordered()) {
            search.search(search.finder(), lines);
            publishSearch();
        } else if (search.finder() != null) {
            search.removedFront(u.removedFront());
            search.appended(lines, u.appendedFrom());
            publishSearch();
        }
        updateStatus();
    }

    private void onState(LogBatcher owner, LogFollower.State state) {
        if (owner != batcher || closed) {
            return;
        }
        states.put(state.part(), state);
        updateStatus();
    }

    private void updateStatus() {
        StringBuilder sb = new StringBuilder(String.format("%,d lines", lines.size()));
        if (timeline.dropped() > 0) {
            sb.append(String.format(" (%,d older dropped; keeping %,d per source)", timeline.dropped(), timeline.capacity()));
        }
        Map<LogFollower.Status, Long> counts = states.values().stream()
                .collect(Collectors.groupingBy(LogFollower.State::status, LinkedHashMap::new, Collectors.counting()));
        if (states.size() > 1) {
            sb.append(" · ").append(states.size()).append(" streams");
        }
        counts.forEach((st, n) -> {
            if (st != LogFollower.Status.STREAMING || states.size() > 1) {
                sb.append(" · ").append(states.size() > 1 ? n + " " : "").append(word(st));
            }
        });
        states.values().stream().filter(s -> s.status() == LogFollower.Status.RECONNECTING).findFirst().ifPresent(s ->
                sb.append(" · ").append(s.part()).append(": retrying in ").append(s.retryIn().toSeconds()).append(" s")
                        .append(s.problem() != null ? " (" + s.problem().title() + ")" : " (stream ended)"));
        states.values().stream().filter(s -> s.problem() != null && s.status() == LogFollower.Status.FAILED).findFirst()
                .ifPresent(s -> sb.append(" · ").append(s.problem().title()).append(" — ").append(s.problem().advice()));
        status.set(sb.toString());
    }

    private static String word(LogFollower.Status s) {
        return switch (s) {
            case CONNECTING -> "connecting";
            case STREAMING -> "streaming";
            case RECONNECTING -> "reconnecting";
            case ENDED -> "ended";
            case FAILED -> "failed";
            case CLOSED -> "closed";
        };
    }

    // ---- filter and search

    private void applyFilter() {
        LogFilter.Compiled f = new LogFilter(filterText.get(), filterRegex.get(), filterCaseSensitive.get(),
                filterInverse.get()).compile();
        if (!f.valid()) {
            filterError.set(f.error());
            return;
        }
        filterError.set(null);
        timeline.setFilter(f.matches());
        search.search(search.finder(), lines);
        publishSearch();
        updateStatus();
    }

    private void research() {
        String q = searchText.get();
        search.search(q == null || q.isEmpty() ? null : new LogFilter(q, false, false, false).compile().finder(), lines);
        publishSearch();
    }

    private void publishSearch() {
        hitCount.set(search.count());
        hitPosition.set(search.current() + 1);
        currentHitLine.set(search.currentLine());
        searchVersion.set(searchVersion.get() + 1);
    }

    /** Moves to the next hit after {@code fromLine} (the view's selected or first visible line); stops following. */
    public void nextHit(int fromLine) {
        if (search.next(fromLine) >= 0) {
            following.set(false);
        }
        publishSearch();
    }

    public void previousHit(int fromLine) {
        if (search.previous(fromLine) >= 0) {
            following.set(false);
        }
        publishSearch();
    }

    public boolean isHit(int index) {
        return search.isHit(index);
    }

    /** Finds the search text in a line, for highlighting; null when there is no search. */
    public LogFilter.Finder searchFinder() {
        return search.finder();
    }

    // ---- follow and pause

    public void pause() {
        timeline.pause();
        paused.set(true);
    }

    public void resume() {
        paused.set(false); // first: the view sees the rebuilt list as a live one and scrolls to its end
        newWhilePaused.set(0);
        timeline.resume();
        search.search(search.finder(), lines);
        publishSearch();
        following.set(true);
        updateStatus();
    }

    public void togglePause() {
        if (paused.get()) {
            resume();
        } else {
            pause();
        }
    }

    /** "Jump to end" / End: shows everything (resuming when paused) and follows again. */
    public void jumpToEnd() {
        if (paused.get()) {
            resume();
        }
        following.set(true);
    }

    // ---- display

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

    /** Chip colour 1–8 for a source, in order of first appearance (stable for the tab's life). */
    public int chipColor(String source) {
        return chipColors.computeIfAbsent(source == null ? "" : source, s -> chipColors.size() % 8 + 1);
    }

    /** The lines as text for the clipboard, as they are shown (timestamps and sources when shown). */
    public String copyText(List<LogLine> selected) {
        return selected.stream().map(l -> LogExport.format(l, showTimestamps.get(), multiSource.get()))
                .collect(Collectors.joining("\n"));
    }

    /** Writes the lines shown now (the filtered view) to {@code file}, off the UI thread. */
    public void export(Path file) {
        List<LogLine> snapshot = new ArrayList<>(lines);
        boolean sources = multiSource.get();
        message.set("Exporting " + String.format("%,d", snapshot.size()) + " lines…");
        context.tasks().run("Export log to " + file.getFileName(),
                (progress, cancel) -> LogExport.write(file, snapshot, true, sources),
                n -> message.set(String.format("Exported %,d lines to %s", n, file)),
                e -> {
                    var p = ErrorAdvice.explain(e, file.toString());
                    message.set("Export failed: " + p.detail() + " Choose another folder, or check it is writable.");
                });
    }

    // ---- properties

    public ObservableList<LogLine> lines() {
        return lines;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Results of export and copy, for the status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public BooleanProperty filterRegexProperty() {
        return filterRegex;
    }

    public BooleanProperty filterCaseSensitiveProperty() {
        return filterCaseSensitive;
    }

    public BooleanProperty filterInverseProperty() {
        return filterInverse;
    }

    /** Why the filter is not applied (an invalid regular expression); null when it is. */
    public ReadOnlyStringProperty filterErrorProperty() {
        return filterError.getReadOnlyProperty();
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ReadOnlyIntegerProperty hitCountProperty() {
        return hitCount.getReadOnlyProperty();
    }

    /** 1-based position of the current hit; 0 before next/previous was used. */
    public ReadOnlyIntegerProperty hitPositionProperty() {
        return hitPosition.getReadOnlyProperty();
    }

    /** Index in {@link #lines()} of the current hit, or -1. */
    public ReadOnlyIntegerProperty currentHitLineProperty() {
        return currentHitLine.getReadOnlyProperty();
    }

    /** Changes whenever the hits may have changed (the view redraws highlights). */
    public ReadOnlyIntegerProperty searchVersionProperty() {
        return searchVersion.getReadOnlyProperty();
    }

    /** Auto-scroll to new lines; the view clears it when the user scrolls up. */
    public BooleanProperty followingProperty() {
        return following;
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty newWhilePausedProperty() {
        return newWhilePaused.getReadOnlyProperty();
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

    public ObservableList<String> containers() {
        return containers;
    }

    public ObjectProperty<String> containerProperty() {
        return container;
    }

    public BooleanProperty previousProperty() {
        return previous;
    }

    /** Only lines newer than this age ({@link Duration#ZERO}: all). */
    public ObjectProperty<Duration> sinceProperty() {
        return since;
    }

    /** Only the last n lines of what exists when opening ({@link #ALL_LINES}: all). */
    public ObjectProperty<Integer> tailLinesProperty() {
        return tailLines;
    }

    /** Lines that have reached the rings so far, kept or since pushed out (for the benchmark). */
    public long ingestedLines() {
        return timeline.held() + timeline.dropped();
    }

    /** Lines dropped before they reached the rings because the UI thread fell behind. */
    public long droppedByViewer() {
        return droppedByViewer;
    }

    /** Lines held in the rings (for tests and the benchmark). */
    public int heldLines() {
        return timeline.held();
    }
}
