package dev.ponte.ui.logs;

import atlantafx.base.theme.Styles;
import dev.ponte.core.logs.LogLine;
import dev.ponte.ui.common.Tips;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * A log tab: source options, filter, toggles, a virtual list of lines ({@link LogRows}, whose rows draw styled runs;
 * only the lines on screen have nodes), the search bar and a status line. Keyboard:
 * Ctrl+F search, F3 / Shift+F3 next/previous, Esc closes the search, End jumps to the end and follows,
 * Ctrl+C copies the selected lines.
 */
public final class LogView extends BorderPane {
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination PREVIOUS = new KeyCodeCombination(KeyCode.F3, KeyCombination.SHIFT_DOWN);
    /**
     * New lines are laid out at most this often (about 30 times a second). A flood then costs the UI thread one
     * list layout per two frames instead of one per frame, so input and other work get their turn; a line
     * shows at most this much later.
     */
    private static final long PUBLISH_INTERVAL_NANOS = 30_000_000;
    /**
     * While a log floods (the last copy brought more lines than a tall window shows), new lines are laid out only
     * about ten times a second: nobody reads a log scrolling that fast, and every layout redraws every row, so this
     * leaves the UI thread most of its time for input while the stream keeps a core busy.
     */
    private static final long FLOOD_INTERVAL_NANOS = 100_000_000;
    private static final int FLOOD_LINES = 200;

    private final LogViewModel vm;
    private final LogRows list;
    private final HBox searchBar;
    private final TextField searchField = new TextField();
    private final double lineHeight;
    private final LogPalette palette = new LogPalette(this::paletteChanged);
    private boolean paletteChanged;
    private boolean scrollPending;
    private long lastPublish;
    private long publishInterval = PUBLISH_INTERVAL_NANOS;
    /** Asks where to export; tests replace it (a FileChooser cannot be driven headless). */
    Function<Window, Path> exportTarget = this::chooseExportFile;

    public LogView(LogViewModel vm) {
        this.vm = vm;
        getStyleClass().add("log-view");
        getStylesheets().add(LogView.class.getResource("logs.css").toExternalForm());
        Text probe = new Text("Xg");
        probe.setFont(LogFonts.REGULAR);
        lineHeight = Math.ceil(probe.getLayoutBounds().getHeight()) + 4;
        list = new LogRows(vm.lines(), lineHeight, () -> new LogRow(vm, palette));
        searchBar = createSearchBar();
        setTop(new VBox(createToolbar(), createFilterError(), searchBar));
        setCenter(createList());
        setBottom(createStatus());
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    }

    private VBox createToolbar() {
        HBox bar = new HBox(6);
        bar.getStyleClass().add("log-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));

        ComboBox<String> container = new ComboBox<>(vm.options().containers());
        container.setId("containerChoice");
        container.valueProperty().bindBidirectional(vm.options().containerProperty());
        Tips.set(container, "Container of the pod");
        container.visibleProperty().bind(Bindings.size(vm.options().containers()).greaterThan(1));
        container.managedProperty().bind(container.visibleProperty());
        CheckBox previous = new CheckBox("Previous");
        previous.setId("previousToggle");
        Tips.set(previous, "The log of the container's previous instance, before its last restart (kubectl logs -p)");
        previous.selectedProperty().bindBidirectional(vm.options().previousProperty());
        previous.visibleProperty().bind(Bindings.isEmpty(vm.options().containers()).not());
        previous.managedProperty().bind(previous.visibleProperty());
        ComboBox<Duration> since = choice("sinceChoice", "Only lines newer than this",
                List.of(Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(24)),
                d -> d == null || d.isZero() ? "All time" : "Last " + (d.toHours() > 0 ? d.toHours() + " h" : d.toMinutes() + " min"));
        since.valueProperty().bindBidirectional(vm.options().sinceProperty());
        ComboBox<Integer> tail = choice("tailChoice", "How many existing lines to load first",
                List.of(100, 1000, 10_000, LogSourceOptions.ALL_LINES), n -> n == null || n < 0 ? "All lines" : String.format("Last %,d", n));
        tail.valueProperty().bindBidirectional(vm.options().tailLinesProperty());

        TextField filter = new TextField();
        filter.setId("filterField");
        filter.setPromptText("Filter lines…");
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        filter.setMinWidth(120);
        ToggleButton regex = toggle("regexToggle", ".*", "Regular expression", vm.filterRegexProperty());
        ToggleButton matchCase = toggle("caseToggle", "Aa", "Match case", vm.filterCaseSensitiveProperty());
        ToggleButton inverse = toggle("inverseToggle", "≠", "Invert: show the lines that do NOT match", vm.filterInverseProperty());
        HBox filterGroup = new HBox(filter, regex, matchCase, inverse);
        filterGroup.getStyleClass().add("log-filter-group");
        HBox.setHgrow(filterGroup, Priority.ALWAYS);

        ToggleButton times = toggle("timestampsToggle", "Time", "Show timestamps", vm.display().showTimestampsProperty());
        ToggleButton wrap = toggle("wrapToggle", "Wrap", "Wrap long lines", vm.display().wrapProperty());
        ToggleButton json = toggle("jsonToggle", "{ }", "Pretty-print JSON lines (double-click one line to flip just it)", vm.display().prettyJsonProperty());
        Button pause = new Button();
        pause.setId("pauseButton");
        pause.textProperty().bind(Bindings.when(vm.pausedProperty()).then("Resume").otherwise("Pause"));
        Tips.set(pause, "Pause the view; new lines are kept and counted");
        pause.setOnAction(e -> vm.togglePause());
        Button end = new Button("End ↓");
        end.setId("jumpToEndButton");
        Tips.set(end, "Jump to the end and follow new lines (End)");
        end.setOnAction(e -> vm.jumpToEnd());
        Button export = new Button("Export…");
        export.setId("exportButton");
        Tips.set(export, "Save the lines shown (after the filter) to a file");
        export.setOnAction(e -> {
            Path target = exportTarget.apply(getScene() == null ? null : getScene().getWindow());
            if (target != null) {
                vm.export(target);
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        bar.getChildren().addAll(container, previous, since, tail, spacer, pause, end, export);
        HBox second = new HBox(6, filterGroup, new Separator(Orientation.VERTICAL), times, wrap, json);
        second.setAlignment(Pos.CENTER_LEFT);
        second.setPadding(new Insets(0, 8, 6, 8));
        second.getStyleClass().add("log-toolbar-row");
        List.of(container, previous, since, tail, pause, end, export, regex, matchCase, inverse, times, wrap, json)
                .forEach(n -> n.setMinWidth(Region.USE_PREF_SIZE));
        VBox rows = new VBox(bar, second);
        rows.getStyleClass().add("log-toolbar");
        bar.getStyleClass().remove("log-toolbar");
        return rows;
    }

    private Label createFilterError() {
        Label error = new Label();
        error.setId("filterError");
        error.getStyleClass().addAll("log-filter-error", Styles.DANGER);
        error.textProperty().bind(vm.filterErrorProperty());
        error.visibleProperty().bind(vm.filterErrorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        error.setPadding(new Insets(0, 8, 4, 8));
        return error;
    }

    private HBox createSearchBar() {
        searchField.setId("searchField");
        searchField.setPromptText("Find in log (Enter: next, Shift+Enter: previous)");
        searchField.textProperty().bindBidirectional(vm.hits().searchTextProperty());
        HBox.setHgrow(searchField, Priority.ALWAYS);
        searchField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                step(!e.isShiftDown());
                e.consume();
            }
        });
        Label hits = new Label();
        hits.setId("hitCount");
        hits.getStyleClass().add(Styles.TEXT_MUTED);
        hits.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.hits().hitCountProperty().get();
            int at = vm.hits().hitPositionProperty().get();
            if (vm.hits().searchTextProperty().get() == null || vm.hits().searchTextProperty().get().isEmpty()) {
                return "";
            }
            return n == 0 ? "No matches" : at > 0 ? at + " of " + n : n + (n == 1 ? " match" : " matches");
        }, vm.hits().hitCountProperty(), vm.hits().hitPositionProperty(), vm.hits().searchTextProperty()));
        Button prev = new Button("↑");
        prev.setId("previousHitButton");
        Tips.set(prev, "Previous match (Shift+F3)");
        prev.setOnAction(e -> step(false));
        Button next = new Button("↓");
        next.setId("nextHitButton");
        Tips.set(next, "Next match (F3)");
        next.setOnAction(e -> step(true));
        Button close = new Button("✕");
        close.setId("closeSearchButton");
        close.getStyleClass().add(Styles.FLAT);
        close.setOnAction(e -> closeSearch());
        HBox bar = new HBox(6, searchField, hits, prev, next, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 8, 6, 8));
        bar.getStyleClass().add("log-search-bar");
        bar.setVisible(false);
        bar.setManaged(false);
        return bar;
    }

    private StackPane createList() {
        list.setId("logList");
        list.getStyleClass().add("log-list");
        list.setOnDoubleClick(line -> {
            if (line != null) {
                vm.display().toggleExpanded(line);
            }
        });
        updateCellSize();
        vm.display().wrapProperty().addListener((o, a, b) -> redraw());
        vm.display().prettyJsonProperty().addListener((o, a, b) -> redraw());
        vm.display().showTimestampsProperty().addListener((o, a, b) -> redrawCells());
        vm.display().multiSourceProperty().addListener((o, a, b) -> redrawCells());
        vm.display().expanded().addListener((javafx.collections.SetChangeListener<Long>) c -> redraw());
        vm.hits().searchVersionProperty().addListener((o, a, b) -> redrawCells());
        vm.hits().currentHitLineProperty().addListener((o, a, b) -> {
            int i = b.intValue();
            if (i >= 0) {
                list.selection().clearAndSelect(i);
                list.scrollTo(Math.max(0, i - 3));
            }
        });
        vm.lines().addListener(this::onLinesChanged);
        Runnable pulse = this::beforeLayout;
        sceneProperty().addListener((o, a, b) -> {
            if (a != null) {
                a.removePreLayoutPulseListener(pulse);
            }
            if (b != null) {
                b.addPreLayoutPulseListener(pulse);
            }
            // Shown: new lines are copied in once per frame, right before layout; hidden: as tasks.
            vm.driveByFrames(b != null ? javafx.application.Platform::requestNextPulse : null);
        });
        vm.followingProperty().addListener((o, a, b) -> {
            if (b) {
                scrollToEnd();
            }
        });
        // The user scrolling up stops following; scrolling back to the very end resumes it.
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) {
                // Judged after the list has scrolled: the wheel's sign differs between platforms.
                javafx.application.Platform.runLater(() -> {
                    list.layout();
                    vm.followingProperty().set(list.atEnd());
                });
            }
        });
        list.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (isOnScrollBar(e)) {
                vm.followingProperty().set(false);
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case UP, PAGE_UP, HOME -> vm.followingProperty().set(false);
                default -> {
                }
            }
        });

        Button newLines = new Button();
        newLines.setId("newLinesButton");
        newLines.getStyleClass().addAll("log-new-lines", Styles.ACCENT, Styles.ROUNDED);
        newLines.textProperty().bind(Bindings.createStringBinding(() -> vm.pausedProperty().get()
                ? String.format("Paused · %,d new lines ↓", vm.newWhilePausedProperty().get()) : "Follow new lines ↓",
                vm.pausedProperty(), vm.newWhilePausedProperty()));
        newLines.visibleProperty().bind(vm.pausedProperty().or(vm.followingProperty().not()));
        newLines.setOnAction(e -> vm.jumpToEnd());
        StackPane.setAlignment(newLines, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(newLines, new Insets(0, 24, 16, 0));
        return new StackPane(list, newLines, palette.node());
    }

    private HBox createStatus() {
        Label status = new Label();
        status.setId("logStatus");
        status.textProperty().bind(vm.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Label message = new Label();
        message.setId("logMessage");
        message.getStyleClass().add(Styles.TEXT_MUTED);
        message.textProperty().bind(vm.messageProperty());
        HBox bar = new HBox(12, status, message);
        bar.getStyleClass().add("log-status");
        bar.setPadding(new Insets(3, 8, 3, 8));
        return bar;
    }

    private void onLinesChanged(ListChangeListener.Change<? extends LogLine> c) {
        if (!scrollPending) {
            scrollPending = true;
            javafx.application.Platform.requestNextPulse();
        }
    }

    /**
     * Once per frame, before layout: copy new lines in (at most every {@link #PUBLISH_INTERVAL_NANOS}), and follow
     * the end. Lines that left the top keep the rows being read in place by themselves ({@link LogRows}).
     */
    private void beforeLayout() {
        if (vm.publishPending()) {
            long now = System.nanoTime();
            if (now - lastPublish >= publishInterval) {
                lastPublish = now;
                int added = vm.publish();
                publishInterval = added > FLOOD_LINES ? FLOOD_INTERVAL_NANOS : PUBLISH_INTERVAL_NANOS;
            } else {
                javafx.application.Platform.requestNextPulse(); // not yet: look again next frame
            }
        }
        if (!scrollPending) {
            return;
        }
        scrollPending = false;
        if (vm.followingProperty().get() && !vm.pausedProperty().get()) {
            scrollToEnd();
        }
    }

    private void scrollToEnd() {
        list.scrollToEnd();
    }

    private boolean isOnScrollBar(MouseEvent e) {
        for (javafx.scene.Node n = e.getPickResult().getIntersectedNode(); n != null && n != list; n = n.getParent()) {
            if (n instanceof ScrollBar sb && sb.getOrientation() == Orientation.VERTICAL) {
                return true;
            }
        }
        return false;
    }

    /** One-line rows (computed, not measured) unless rows may be taller: wrapping or pretty-printed JSON. */
    private void updateCellSize() {
        boolean variable = vm.display().wrapProperty().get() || vm.display().prettyJsonProperty().get() || !vm.display().expanded().isEmpty();
        list.setLayoutMode(vm.display().wrapProperty().get(), variable);
    }

    private void redraw() {
        updateCellSize();
        redrawCells();
    }

    /** Draws the rows' lines again in place (hits, toggles or theme changed); no new rows or nodes. */
    private void redrawCells() {
        list.redrawRows();
    }

    /**
     * The theme changed (seen during a CSS pass): redraw once, in the layout pass that follows it, however many
     * colours changed — also within a snapshot, which runs both passes at once.
     */
    private void paletteChanged() {
        if (!paletteChanged) {
            paletteChanged = true;
            requestLayout();
        }
    }

    @Override
    protected void layoutChildren() {
        if (paletteChanged) {
            paletteChanged = false;
            redrawCells();
        }
        super.layoutChildren();
    }

    private void onKey(KeyEvent e) {
        boolean inText = e.getTarget() instanceof TextInputControl;
        if (FIND.match(e)) {
            openSearch();
        } else if (PREVIOUS.match(e)) {
            step(false);
        } else if (e.getCode() == KeyCode.F3) {
            step(true);
        } else if (e.getCode() == KeyCode.ESCAPE && searchBar.isVisible()) {
            closeSearch();
        } else if (e.getCode() == KeyCode.END && !inText) {
            vm.jumpToEnd();
        } else if (COPY.match(e) && !inText) {
            copySelection();
        } else {
            return;
        }
        e.consume();
    }

    /** Shows the search bar and puts the cursor in it (Ctrl+F). */
    public void openSearch() {
        searchBar.setVisible(true);
        searchBar.setManaged(true);
        searchField.requestFocus();
        searchField.selectAll();
    }

    private void closeSearch() {
        searchBar.setVisible(false);
        searchBar.setManaged(false);
        vm.hits().searchTextProperty().set("");
        list.requestFocus();
    }

    private void step(boolean forward) {
        if (!searchBar.isVisible()) {
            openSearch();
        }
        int from = list.selection().selectedIndex();
        if (from < 0) {
            from = list.firstVisibleIndex() - 1;
        }
        if (forward) {
            vm.nextHit(from);
        } else {
            vm.previousHit(from);
        }
    }

    private void copySelection() {
        List<LogLine> selected = java.util.Arrays.stream(list.selection().selectedIndices())
                .filter(i -> i < vm.lines().size()).mapToObj(i -> vm.lines().get(i)).filter(java.util.Objects::nonNull).toList();
        if (selected.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(vm.display().copyText(selected));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private Path chooseExportFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export log");
        chooser.setInitialFileName(vm.titleProperty().get().replaceAll("[^A-Za-z0-9._-]+", "-") + ".log");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Log files", "*.log", "*.txt"));
        File file = chooser.showSaveDialog(owner);
        return file == null ? null : file.toPath();
    }

    LogRows list() {
        return list;
    }

    private static ToggleButton toggle(String id, String text, String tip, javafx.beans.property.BooleanProperty state) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        Tips.set(b, tip);
        b.selectedProperty().bindBidirectional(state);
        return b;
    }

    private static <T> ComboBox<T> choice(String id, String tip, List<T> values, Function<T, String> label) {
        ComboBox<T> box = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(values));
        box.setId(id);
        Tips.set(box, tip);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return label.apply(value);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        return box;
    }
}
