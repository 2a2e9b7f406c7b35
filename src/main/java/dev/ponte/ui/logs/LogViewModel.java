package dev.ponte.ui.logs;

import dev.ponte.core.logs.LineBatch;
import dev.ponte.core.logs.LogExport;
import dev.ponte.core.logs.LogFeed;
import dev.ponte.core.logs.LogFilter;
import dev.ponte.core.logs.LogFollower;
import dev.ponte.core.logs.LogLine;
import dev.ponte.core.logs.LogLineParser;
import dev.ponte.core.logs.LogSnapshot;
import dev.ponte.core.logs.LogStatusText;
import dev.ponte.core.logs.ParseWorker;
import dev.ponte.core.port.LogRequest;
import dev.ponte.core.port.LogSource;
import dev.ponte.core.task.ErrorAdvice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * One log tab: follows every part of its sources (each through a {@link LogFollower} that reconnects), keeps their
 * lines in rings, and exposes the filtered lines, follow and pause state and the status line as properties; its
 * search ({@link LogHits}), display toggles ({@link LogDisplay}) and source options ({@link LogSourceOptions}) are
 * parts of it. The streams' threads append to a {@link LogFeed} (rings, filter and merge run there); the UI thread
 * copies what changed at most once per frame when a view drives it ({@link #driveByFrames}), else once per posted
 * task (one pending at a time). Touch on the UI thread only, except where a method says otherwise.
 */
public final class LogViewModel {
    /** How long parsing pauses while the UI draws a large copy of new lines (a layout and its frame). */
    private static final long STEP_ASIDE_NANOS = 20_000_000;
    private static final int STEP_ASIDE_LINES = 200;

    private final List<LogSource> sources;
    private final LogContext context;
    private final LogFeed feed;
    private final LogLineList lines;
    private final AtomicBoolean publishPending = new AtomicBoolean();
    private volatile Runnable frameRequest;
    private final LogLineParser parser = new LogLineParser(new AtomicLong());
    /** Parses and stores the lines of this tab's streams beside the threads that read them. */
    private final ParseWorker worker;
    private final List<LogFollower> followers = new ArrayList<>();
    private final Map<String, LogFollower.State> states = new LinkedHashMap<>();
    private final LogHits hits;
    private final LogDisplay display = new LogDisplay();
    private final LogSourceOptions options = new LogSourceOptions(this::reopenIfStarted);
    private long epoch = -1;
    /** Lines the rings had pushed out at the last copy (the status line; read without waiting for the feed). */
    private long dropped;
    private boolean closed;
    private boolean started;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Opening…");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final StringProperty filterText = new SimpleStringProperty("");
    private final BooleanProperty filterRegex = new SimpleBooleanProperty();
    private final BooleanProperty filterCaseSensitive = new SimpleBooleanProperty();
    private final BooleanProperty filterInverse = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper();
    private final BooleanProperty following = new SimpleBooleanProperty(true);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper newWhilePaused = new ReadOnlyLongWrapper();

    public LogViewModel(LogSource source, LogContext context) {
        this(source.title(), List.of(source), context);
    }

    /** Several sources on one timeline (a bridged workload and its local container, merged). */
    public LogViewModel(String title, List<LogSource> sources, LogContext context) {
        this.sources = List.copyOf(sources);
        this.context = context;
        this.title.set(title);
        this.feed = new LogFeed(context.ringCapacity(), true);
        this.lines = new LogLineList(feed);
        this.hits = new LogHits(lines);
        this.worker = new ParseWorker("log-parse " + title);
        filterText.addListener((o, a, b) -> applyFilter());
        filterRegex.addListener((o, a, b) -> applyFilter());
        filterCaseSensitive.addListener((o, a, b) -> applyFilter());
        filterInverse.addListener((o, a, b) -> applyFilter());
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
        options.offer(resolved.containers());
        int total = resolved.parts().values().stream().mapToInt(List::size).sum();
        display.setMultiSource(total > 1);
        if (total == 0) {
            status.set("Nothing to show: no pods match this workload now. Open the logs again once a pod runs.");
            return;
        }
        long mine = feed.clear();
        epoch = mine;
        LogRequest request = options.request();
        resolved.parts().forEach((source, parts) -> parts.forEach(part -> {
            LogFollower f = new LogFollower(source, part, request, parser, context.scheduler(), context.backoff(),
                    context.clock(), new LogFollower.Sink() {
                @Override
                public void lines(List<LogLine> list) {
                    feed.append(list, mine);
                    requestPublish();
                }

                @Override
                public void batch(LineBatch batch) {
                    feed.append(batch, mine);
                    requestPublish();
                }

                @Override
                public void state(LogFollower.State state) {
                    context.fxThread().execute(() -> onState(mine, state));
                }
            }, worker);
            followers.add(f);
        }));
        followers.forEach(LogFollower::start);
    }

    /** Opens the streams again with the current source options (container, previous, since, tail). */
    public void reopen() {
        stopStreams();
        feed.clear();
        publishNow();
        hits.searchAll();
        display.forgetChips();
        states.clear();
        newWhilePaused.set(0);
        start();
    }

    public void close() {
        closed = true;
        stopStreams();
        worker.close();
    }

    private void stopStreams() {
        epoch = -1;
        followers.forEach(LogFollower::close);
        followers.clear();
    }

    /** From a stream's thread: asks for one copy to the UI list, unless one is pending. */
    private void requestPublish() {
        if (publishPending.compareAndSet(false, true)) {
            Runnable frame = frameRequest;
            if (frame != null) {
                frame.run();
            } else {
                context.fxThread().execute(this::publish);
            }
        }
    }

    /**
     * Lets a view copy new lines once per frame (it calls {@link #publish()} before each layout) instead of once
     * per posted task; {@code requestFrame} asks for a frame and may be called from any thread. Null: back to
     * posting tasks.
     */
    public void driveByFrames(Runnable requestFrame) {
        frameRequest = requestFrame;
        if (publishPending.get()) {
            context.fxThread().execute(this::publish);
        }
    }

    /**
     * Brings {@link #lines()} up to date with the feed in one list change, and the search hits and status with
     * it. Cheap when nothing changed. Returns how many lines it added.
     */
    public int publish() {
        if (!publishPending.getAndSet(false) || closed) {
            return 0;
        }
        LogFeed.Delta d = feed.tryTake(LogLineList.PREFETCH);
        if (d == null) {
            requestPublish(); // a stream is storing lines this moment: next frame, not a wait on the UI thread
            return 0;
        }
        if (d.add().length > STEP_ASIDE_LINES) {
            worker.stepAside(STEP_ASIDE_NANOS); // a flood: let the UI thread have a core while it draws this
        }
        if (d.paused()) {
            newWhilePaused.set(d.newWhilePaused());
        }
        dropped = d.dropped();
        if (d.isEmpty()) {
            return 0;
        }
        lines.apply(d, feed);
        hits.copied(d);
        updateStatus();
        return d.add().length;
    }

    /** Whether new lines wait for {@link #publish()} (any thread). */
    public boolean publishPending() {
        return publishPending.get();
    }

    /** Applies a change the UI thread made to the feed (filter, pause, resume, clear) at once. */
    private void publishNow() {
        LogFeed.Delta d = feed.take(LogLineList.PREFETCH);
        publishPending.set(false);
        if (d.paused()) {
            newWhilePaused.set(d.newWhilePaused());
        }
        dropped = d.dropped();
        if (!d.isEmpty() && !closed) {
            lines.apply(d, feed);
            updateStatus();
        }
    }

    private void onState(long owner, LogFollower.State state) {
        if (owner != epoch || closed) {
            return;
        }
        states.put(state.part(), state);
        updateStatus();
    }

    private void updateStatus() {
        status.set(LogStatusText.of(lines.size(), dropped, feed.capacity(), states.values()));
    }

    private void applyFilter() {
        LogFilter.Compiled f = new LogFilter(filterText.get(), filterRegex.get(), filterCaseSensitive.get(),
                filterInverse.get()).compile();
        if (!f.valid()) {
            filterError.set(f.error());
            return;
        }
        filterError.set(null);
        feed.setFilter(f.matches());
        publishNow();
        hits.searchAll();
        updateStatus();
    }

    /** Moves to the next hit after {@code fromLine} (the view's selected or first visible line); stops following. */
    public void nextHit(int fromLine) {
        if (hits.next(fromLine)) {
            following.set(false);
        }
    }

    public void previousHit(int fromLine) {
        if (hits.previous(fromLine)) {
            following.set(false);
        }
    }

    // ---- follow and pause

    public void pause() {
        publishNow(); // what arrived before the click is shown; what comes after is counted
        feed.pause();
        // The rings go on (and push out old lines); the paused view keeps a copy of what it shows.
        LogSnapshot frozen = feed.snapshot(lines.ids());
        lines.rebind(frozen, frozen.ids());
        if (hits.active()) {
            hits.searchAll();
        }
        paused.set(true);
    }

    public void resume() {
        paused.set(false); // first: the view sees the rebuilt list as a live one and scrolls to its end
        newWhilePaused.set(0);
        feed.resume();
        publishNow();
        hits.searchAll();
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

    /** Writes the lines shown now (the filtered view) to {@code file}, off the UI thread. */
    public void export(Path file) {
        List<LogLine> snapshot = lines.frozen(feed);
        boolean several = display.multiSourceProperty().get();
        message.set("Exporting " + String.format("%,d", snapshot.size()) + " lines…");
        context.tasks().run("Export log to " + file.getFileName(),
                (progress, cancel) -> LogExport.write(file, snapshot, true, several),
                n -> message.set(String.format("Exported %,d lines to %s", n, file)),
                e -> {
                    var p = ErrorAdvice.explain(e, file.toString());
                    message.set("Export failed: " + p.detail() + " Choose another folder, or check it is writable.");
                });
    }

    // ---- parts and properties

    /** The search text and its hits. */
    public LogHits hits() {
        return hits;
    }

    /** Timestamps, wrap, pretty JSON, source chips, and a line's text as shown. */
    public LogDisplay display() {
        return display;
    }

    /** Container, previous instance, since and tail: what the streams ask for. */
    public LogSourceOptions options() {
        return options;
    }

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

    /** Lines that have reached the rings so far, kept or since pushed out (for the benchmark). */
    public long ingestedLines() {
        return feed.held() + feed.dropped();
    }

    /** Lines the rings pushed out so far (any thread). */
    public long droppedLines() {
        return feed.dropped();
    }

    /** Heap the rings and the line ids hold (for the benchmark). */
    public long heldBytes() {
        return feed.heapBytes() + 8L * lines.size();
    }

    /** Lines held in the rings (for tests and the benchmark). */
    public int heldLines() {
        return feed.held();
    }
}
