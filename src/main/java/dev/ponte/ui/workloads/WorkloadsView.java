package dev.ponte.ui.workloads;

import atlantafx.base.theme.Styles;
import dev.ponte.core.model.PodSummary;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.task.Problem;
import dev.ponte.ui.common.EmptyState;
import dev.ponte.ui.common.ListState;
import dev.ponte.ui.common.ResourceTable;
import dev.ponte.ui.common.Tips;
import java.time.Clock;
import java.time.Duration;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The workload table of one namespace (kind toggles, filter) and the selected workload's pods. */
public final class WorkloadsView extends VBox {
    private final TableView<WorkloadItem> table;
    private final TableView<PodSummary> podTable;
    private final TextField filter = new TextField();
    private final SplitPane split = new SplitPane();
    /** The table's placeholders, built when first needed (see {@link #placeholder}). */
    private VBox loading;
    private EmptyState error;
    private EmptyState empty;

    public WorkloadsView(WorkloadsViewModel vm, Clock clock) {
        setId("workloadsView");
        Label header = new Label("WORKLOADS");
        header.getStyleClass().addAll("section-header", Styles.TEXT_MUTED);
        Label ns = new Label();
        ns.setId("workloadNamespace");
        ns.getStyleClass().add(Styles.TEXT_BOLD);
        ns.textProperty().bind(vm.namespaceProperty());

        HBox kinds = new HBox();
        kinds.getStyleClass().add("kind-toggles");
        for (WorkloadKind k : WorkloadKind.values()) {
            ToggleButton t = new ToggleButton(k.shortName());
            t.setId("kind-" + k.name().toLowerCase(java.util.Locale.ROOT));
            t.setFocusTraversable(true);
            t.selectedProperty().bindBidirectional(vm.kindShownProperty(k));
            t.getStyleClass().add(Styles.SMALL);
            t.setMinWidth(Region.USE_PREF_SIZE);
            kinds.getChildren().add(t);
        }
        filter.setId("workloadFilter");
        filter.setPromptText("Filter by name or image (Ctrl+F)");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setPrefColumnCount(18);
        filter.setMinWidth(120);
        header.setMinWidth(Region.USE_PREF_SIZE);
        ns.setMinWidth(Region.USE_PREF_SIZE);
        Label summary = new Label();
        summary.setId("workloadSummary");
        summary.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        summary.textProperty().bind(vm.summaryProperty());
        summary.setMinWidth(Region.USE_PREF_SIZE);
        // Title, kinds, filter and summary flow onto a second line in a narrow window instead of being cut.
        HBox title = new HBox(10, header, ns);
        title.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(10, 6, title, kinds, filter, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 8, 6, 8));
        bar.prefWrapLengthProperty().bind(widthProperty().subtract(16));

        table = ResourceTable.create("workloadTable", vm.visibleItems(), WorkloadColumns.workloads(clock),
                WorkloadItem::get, WorkloadItem::workloadProperty);
        table.getColumns().add(bridgeColumn(vm));
        vm.bridges().addListener((javafx.collections.MapChangeListener<String, java.util.List<dev.ponte.core.run.BridgeState>>) c -> table.refresh());
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> vm.selectedProperty().set(n));
        vm.selectedProperty().addListener((obs, o, n) -> {
            if (n != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(n);
            }
        });
        vm.stateProperty().addListener((obs, o, n) -> table.setPlaceholder(placeholder(vm)));
        vm.problemProperty().addListener((obs, o, n) -> table.setPlaceholder(placeholder(vm)));
        table.setPlaceholder(placeholder(vm));

        podTable = ResourceTable.create("podTable", vm.podsOfSelected(), WorkloadColumns.pods(clock), p -> p, null);
        Label podsHeader = new Label();
        podsHeader.getStyleClass().addAll("section-header", Styles.TEXT_MUTED);
        podsHeader.textProperty().bind(vm.selectedProperty().map(i -> "PODS OF " + i.get().name().toUpperCase(java.util.Locale.ROOT))
                .orElse("PODS"));
        podTable.setPlaceholder(new Label("Select a workload to see its pods"));
        VBox pods = new VBox(4, podsHeader, podTable);
        pods.setPadding(new Insets(6, 0, 0, 0));
        VBox.setVgrow(podTable, Priority.ALWAYS);

        split.setId("workloadSplit");
        split.setOrientation(Orientation.VERTICAL);
        split.getItems().addAll(table, pods);
        split.setDividerPositions(0.68);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(bar, staleBanner(vm), split);

        // Ages move on: re-render every 30 s (no I/O, only text).
        Timeline ages = new Timeline(new KeyFrame(javafx.util.Duration.millis(Duration.ofSeconds(30).toMillis()), e -> {
            table.refresh();
            podTable.refresh();
        }));
        ages.setCycleCount(Timeline.INDEFINITE);
        ages.play();
    }

    /** "Workloads may be out of date since …" with Refresh, while the watch cannot be trusted. */
    private static Node staleBanner(WorkloadsViewModel vm) {
        Label text = new Label();
        text.setId("workloadsStale");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE); // wraps whole, never elided
        text.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        text.textProperty().bind(vm.staleProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.control.Button refresh = new javafx.scene.control.Button("Refresh");
        refresh.setId("workloadsRefresh");
        refresh.getStyleClass().add(Styles.SMALL);
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> vm.refresh());
        HBox banner = new HBox(8, text, refresh);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(0, 8, 6, 8));
        banner.visibleProperty().bind(vm.staleProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /** The BRIDGE column: ⇄ and the local container per bridge, ⚠ when one cannot carry traffic; details in the tooltip. */
    private static javafx.scene.control.TableColumn<WorkloadItem, WorkloadItem> bridgeColumn(WorkloadsViewModel vm) {
        var col = new javafx.scene.control.TableColumn<WorkloadItem, WorkloadItem>("Bridge");
        col.setId("bridge");
        col.setMinWidth(Math.ceil(ResourceTable.textWidth("Bridge") + 34));
        col.setPrefWidth(90);
        col.setSortable(false);
        col.setCellValueFactory(f -> new javafx.beans.property.ReadOnlyObjectWrapper<>(f.getValue()));
        col.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            {
                setWrapText(true); // "⇄ api-local, worker-local" on two lines rather than "⇄ api-…"
            }

            @Override
            protected void updateItem(WorkloadItem item, boolean empty) {
                super.updateItem(item, empty);
                var states = empty || item == null ? java.util.List.<dev.ponte.core.run.BridgeState>of() : vm.bridgesOf(item.get());
                if (states.isEmpty()) {
                    getStyleClass().removeAll("tone-danger", "tone-accent", "tone-muted");
                    String original = empty || item == null ? null : WorkloadsViewModel.shadowOf(item.get());
                    if (original != null && !vm.bridgesOf(new dev.ponte.core.model.Workload(item.get().kind(),
                            item.get().namespace(), original, 0, 0, java.util.List.of(), null, java.util.Map.of())).isEmpty()) {
                        setText("shadow of " + original);
                        getStyleClass().add("tone-muted");
                        Tips.set(this, "Gefyra's copy of " + original
                                + ": it serves every request your bridge rules do not match.");
                        return;
                    }
                    setText(null);
                    Tips.set(this, null);
                    return;
                }
                boolean flagged = states.stream().anyMatch(dev.ponte.core.run.BridgeState::flagged);
                setText((flagged ? "⚠ " : "⇄ ") + states.stream().map(s -> s.bridge().clientContainer()).distinct()
                        .collect(java.util.stream.Collectors.joining(", ")));
                getStyleClass().removeAll("tone-danger", "tone-accent", "tone-muted");
                getStyleClass().add(flagged ? "tone-danger" : "tone-accent");
                Tips.set(this, states.stream().map(WorkloadsView::describeBridge)
                        .collect(java.util.stream.Collectors.joining("\n\n")));
            }
        });
        return col;
    }

    static String describeBridge(dev.ponte.core.run.BridgeState s) {
        var b = s.bridge();
        String rules = b.rules() == null ? "all requests" : b.rules().sets().stream()
                .map(set -> set.matches().stream().map(m -> switch (m) {
                    case dev.ponte.core.gefyra.MatchRules.Header h -> "header " + h.name() + " " + h.type().name().toLowerCase(java.util.Locale.ROOT) + " " + h.value();
                    case dev.ponte.core.gefyra.MatchRules.Path p -> "path " + p.type().name().toLowerCase(java.util.Locale.ROOT) + " " + p.path();
                }).collect(java.util.stream.Collectors.joining(" and ")))
                .collect(java.util.stream.Collectors.joining("; or "));
        return "Bridge " + b.name() + " → " + b.clientContainer() + " (" + b.destinationIp() + ")"
                + "\nports " + String.join(", ", b.portMappings()) + " (local:cluster)"
                + "\nrules: " + rules
                + (b.created() == null ? "" : "\nsince " + b.created())
                + "\nstate: " + (s.flagged() ? "⚠ " + s.flag() : b.state());
    }

    /**
     * The table's placeholder for the list's state. Each is built once and then only re-worded: a switch passes
     * through LOADING and DATA, and new nodes would cost the next pulse their CSS.
     */
    private Node placeholder(WorkloadsViewModel vm) {
        ListState s = vm.stateProperty().get();
        return switch (s) {
            case LOADING -> {
                if (loading == null) {
                    ProgressIndicator pi = new ProgressIndicator();
                    pi.setPrefSize(28, 28);
                    Label l = new Label("Loading workloads…");
                    loading = new VBox(8, pi, l);
                    loading.setAlignment(Pos.CENTER);
                    loading.setId("workloadsLoading");
                }
                yield loading;
            }
            case ERROR -> {
                Problem p = vm.problemProperty().get();
                if (error == null) {
                    error = new EmptyState("workloadsError");
                }
                error.title().setText(p == null ? "Could not list workloads" : p.title());
                error.body().setText(p == null ? "" : p.detail() + "\n\n" + p.advice());
                yield error;
            }
            case EMPTY, DATA -> {
                if (empty == null) {
                    empty = new EmptyState("workloadsEmpty");
                    empty.title().setText("No workloads here");
                }
                empty.body().setText(vm.namespaceProperty().get().isEmpty() ? "Pick a namespace on the left."
                        : "Namespace " + vm.namespaceProperty().get() + " has no Deployments, StatefulSets or DaemonSets"
                        + " (or the filter hides them).");
                yield empty;
            }
        };
    }

    public javafx.scene.control.TableView<dev.ponte.core.model.PodSummary> podTable() {
        return podTable;
    }

    public TextField filterField() {
        return filter;
    }

    public TableView<WorkloadItem> table() {
        return table;
    }

    public SplitPane split() {
        return split;
    }
}
