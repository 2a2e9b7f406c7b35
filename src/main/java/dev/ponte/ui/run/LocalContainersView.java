package dev.ponte.ui.run;

import dev.ponte.core.run.BridgeState;
import atlantafx.base.theme.Styles;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.port.ContainerEngine.PortBinding;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.task.Problem;
import dev.ponte.ui.common.Format;
import dev.ponte.ui.common.Tips;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The connection's local containers (right side of the main window): state, image, IP, ports,
 * uptime and the bridges that point at each, with Logs / Stop / Restart / Remove.
 */
public final class LocalContainersView extends VBox {
    private final LocalContainersViewModel vm;
    private final Clock clock;
    private final ListView<LocalContainerItem> list = new dev.ponte.ui.common.LazyListView<>();
    private Consumer<LocalContainerItem> onLogs = item -> { };
    private Runnable onRun = () -> { };
    private Consumer<LocalContainerItem> onSaveSetup = null;

    public LocalContainersView(LocalContainersViewModel vm, Clock clock) {
        this.vm = vm;
        this.clock = clock;
        setId("localContainersView");
        getStyleClass().add("side-section");
        setSpacing(6);
        setPadding(new Insets(8));

        Label header = new Label("LOCAL CONTAINERS");
        header.getStyleClass().addAll("section-header", Styles.TEXT_MUTED);
        Button run = new Button("Run locally…");
        run.setId("runLocallyButton");
        run.getStyleClass().add(Styles.SMALL);
        Tips.set(run, "Start a container inside the cluster network (gefyra run) — Ctrl+R");
        run.setOnAction(e -> onRun.run());
        run.disableProperty().bind(vm.connectionProperty().isNull());
        Button refresh = new Button("↻");
        refresh.setId("refreshLocalButton");
        refresh.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        Tips.set(refresh, "Read the list again");
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.connectionProperty().isNull());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        header.setMinWidth(Region.USE_PREF_SIZE);
        run.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setAccessibleText("Refresh the local containers");
        HBox top = new HBox(6, header, spacer, refresh, run);
        top.setAlignment(Pos.CENTER_LEFT);

        Label problem = new Label();
        problem.setId("localProblem");
        problem.setWrapText(true);
        problem.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        vm.problemProperty().addListener((o, a, p) -> showProblem(problem, p));
        showProblem(problem, vm.problemProperty().get());
        Label message = new Label();
        message.setId("localMessage");
        message.setWrapText(true);
        message.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        list.setId("localContainers");
        list.setItems(vm.items());
        list.setCellFactory(v -> new Cell());
        list.getStyleClass().add(Styles.DENSE);
        list.setOnKeyPressed(e -> {
            LocalContainerItem item = list.getSelectionModel().getSelectedItem();
            if (item != null && e.getCode() == KeyCode.DELETE) {
                confirmRemove(item);
            } else if (item != null && e.getCode() == KeyCode.L && e.isShortcutDown()) {
                onLogs.accept(item);
            }
        });
        Label empty = new Label();
        empty.setId("localEmpty");
        empty.setWrapText(true);
        empty.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        empty.textProperty().bind(javafx.beans.binding.Bindings.when(vm.connectionProperty().isNull())
                .then("Connect to run containers inside the cluster network.")
                .otherwise("No local containers yet. Run locally… starts one that reaches cluster Services by name."));
        list.setPlaceholder(empty);
        StackPane body = new StackPane(list);
        VBox.setVgrow(body, Priority.ALWAYS);
        Label stale = new Label();
        stale.setId("localStale");
        stale.setWrapText(true);
        stale.setMinHeight(Region.USE_PREF_SIZE); // wraps whole, never elided
        stale.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        stale.textProperty().bind(vm.staleProperty());
        stale.visibleProperty().bind(vm.staleProperty().isNotEmpty());
        stale.managedProperty().bind(stale.visibleProperty());
        getChildren().addAll(top, problem, stale, message, body);
    }

    /** Removing a running container, or one that bridges point at, is confirmed first; a stopped one goes at once. */
    private void confirmRemove(LocalContainerItem item) {
        if (!item.container().running() && item.bridges().isEmpty()) {
            vm.remove(item);
            return;
        }
        javafx.scene.control.ButtonType remove = new javafx.scene.control.ButtonType("Remove",
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "", remove, javafx.scene.control.ButtonType.CANCEL);
        alert.initOwner(getScene() == null ? null : getScene().getWindow());
        alert.setTitle("Remove " + item.name());
        alert.setHeaderText("Remove " + item.name() + (item.container().running() ? " (running)?" : "?"));
        alert.setContentText(item.bridges().isEmpty() ? "The container stops and is removed, like docker rm -f."
                : "Its bridges go first (" + item.bridges().stream().map(BridgeState::workload).distinct()
                        .collect(Collectors.joining(", ")) + "): their requests go back to the cluster. Then the container"
                        + " stops and is removed, like gefyra rm.");
        alert.getDialogPane().setId("removePrompt");
        alert.showAndWait().filter(b -> b == remove).ifPresent(b -> vm.remove(item));
    }

    /** "Send test request" on a bridge (issue 14). */
    public void setOnTestRequest(Consumer<BridgeState> onTestRequest) {
        this.onTestRequest = onTestRequest;
    }

    /** "Diagnose" on a bridge: the checklist with the bridge's line open (issue 14). */
    public void setOnDiagnoseBridge(Consumer<BridgeState> onDiagnoseBridge) {
        this.onDiagnoseBridge = onDiagnoseBridge;
    }

    private Consumer<BridgeState> onTestRequest = s -> { };
    private Consumer<BridgeState> onDiagnoseBridge = s -> { };

    public void setOnLogs(Consumer<LocalContainerItem> onLogs) {
        this.onLogs = onLogs;
    }

    /** Where "Save as setup…" on a container goes; without it the menu has no such item. */
    public void setOnSaveSetup(Consumer<LocalContainerItem> action) {
        this.onSaveSetup = action;
    }

    public void setOnRun(Runnable onRun) {
        this.onRun = onRun;
    }

    public ListView<LocalContainerItem> list() {
        return list;
    }

    private static void showProblem(Label label, Problem p) {
        label.setText(p == null ? "" : p.title() + ": " + p.detail() + " " + p.advice());
        label.setVisible(p != null);
        label.setManaged(p != null);
    }

    /** {@code 8000 ← :80}-style text for the published ports. */
    static String ports(List<PortBinding> ports) {
        return ports.stream()
                .map(p -> (p.hostIp() == null || p.hostIp().isEmpty() || "0.0.0.0".equals(p.hostIp()) ? "" : p.hostIp() + ":")
                        + p.hostPort() + "→" + p.containerPort() + ("tcp".equals(p.protocol()) ? "" : "/" + p.protocol()))
                .distinct()
                .collect(Collectors.joining(", "));
    }

    /** One line per bridge: workload, ports and rules in short. */
    static String bridgeLine(BridgeState s) {
        String rules = s.bridge().rules() == null ? "" : s.bridge().rules().sets().stream()
                .map(set -> set.matches().stream().map(LocalContainersView::match).collect(Collectors.joining(" & ")))
                .collect(Collectors.joining(" | "));
        return "⇄ " + s.workload() + (rules.isEmpty() ? "" : " · " + rules);
    }

    private static String match(MatchRules.Match m) {
        String op = switch (m.type()) {
            case EXACT -> ": ";
            case PREFIX -> " starts ";
            case REGEX -> " ~ ";
        };
        return switch (m) {
            case MatchRules.Header h -> h.name() + op + h.value();
            case MatchRules.Path p -> "path" + op + p.path();
        };
    }

    private final class Cell extends ListCell<LocalContainerItem> {
        private final Label name = new Label();
        private final Label state = new Label();
        private final Label detail = new Label();
        private final VBox bridges = new VBox(2);
        private final VBox box;

        Cell() {
            name.getStyleClass().add(Styles.TEXT_BOLD);
            detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            detail.setWrapText(true);
            detail.setMinHeight(Region.USE_PREF_SIZE);
            name.setWrapText(true);
            name.setMinHeight(Region.USE_PREF_SIZE);
            state.setMinWidth(Region.USE_PREF_SIZE);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(6, name, spacer, state);
            top.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(2, top, detail, bridges);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(LocalContainerItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setContextMenu(null);
                Tips.set(this, null);
                return;
            }
            LocalContainer c = item.container();
            name.setText(Format.breakable(c.name()));
            state.setText((item.problem() ? "⚠ " : "") + c.state());
            state.getStyleClass().setAll("label", "state-badge",
                    c.running() ? "tone-success" : item.problem() ? "tone-danger" : "tone-muted");
            StringBuilder d = new StringBuilder(c.image());
            if (c.ip() != null) {
                d.append(" · ").append(c.ip());
            }
            String ports = ports(c.ports());
            if (!ports.isEmpty()) {
                d.append(" · ").append(ports);
            }
            if (c.running() && c.startedAt() != null) {
                d.append(" · up ").append(Format.age(c.startedAt(), clock.instant()));
            }
            detail.setText(d.toString());
            bridges.getChildren().setAll(item.bridges().stream().map(s -> {
                Label l = new Label((s.flagged() ? "⚠ " : "") + bridgeLine(s));
                l.getStyleClass().addAll(Styles.TEXT_SMALL, s.flagged() ? Styles.DANGER : Styles.ACCENT);
                l.setWrapText(true);
                l.setMinHeight(Region.USE_PREF_SIZE);
                Tips.set(l, s.flagged() ? "Not carrying traffic: " + s.flag() : "Bridge " + s.bridge().name()
                        + " — " + s.bridge().state());
                return l;
            }).toList());
            setGraphic(box);
            setContextMenu(menu(item));
        }

        private ContextMenu menu(LocalContainerItem item) {
            MenuItem logs = new MenuItem("Logs");
            logs.setOnAction(e -> onLogs.accept(item));
            MenuItem stop = new MenuItem("Stop");
            stop.setDisable(!item.container().running());
            stop.setOnAction(e -> vm.stop(item));
            MenuItem restart = new MenuItem("Restart");
            restart.setOnAction(e -> vm.restart(item));
            MenuItem remove = new MenuItem(item.bridges().isEmpty() ? "Remove" : "Remove (and its bridges)");
            remove.setOnAction(e -> confirmRemove(item));
            ContextMenu menu = new ContextMenu(logs, new SeparatorMenuItem(), stop, restart, remove);
            if (onSaveSetup != null) {
                // The container with its bridges, to re-create later in one click.
                MenuItem save = new MenuItem("Save as setup…");
                save.setId("menuSaveSetup");
                save.setDisable(!item.container().running());
                save.setOnAction(e -> onSaveSetup.accept(item));
                menu.getItems().addAll(new SeparatorMenuItem(), save);
            }
            if (!item.bridges().isEmpty()) {
                menu.getItems().add(new SeparatorMenuItem());
                for (BridgeState s : item.bridges()) {
                    MenuItem unbridge = new MenuItem("Unbridge " + s.workload());
                    unbridge.setOnAction(e -> UnbridgePrompt.unbridge(getScene().getWindow(), vm, s));
                    MenuItem test = new MenuItem("Send test request to " + s.workload());
                    test.setOnAction(e -> onTestRequest.accept(s));
                    MenuItem diagnose = new MenuItem((s.flagged() ? "⚠ " : "") + "Diagnose the bridge of " + s.workload());
                    diagnose.setOnAction(e -> onDiagnoseBridge.accept(s));
                    menu.getItems().addAll(unbridge, test, diagnose);
                }
            }
            return menu;
        }
    }
}
