package dev.ponte.ui.connection;

import atlantafx.base.theme.Styles;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.StepEvent;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The connection panel: state badge, what Connect will create, the actions, the running
 * operation's step list with progress and Cancel, and the tunnel's health with a sparkline.
 */
public final class ConnectionView extends VBox {
    private final ConnectionViewModel vm;

    public ConnectionView(ConnectionViewModel vm) {
        this.vm = vm;
        setId("connectionView");
        getStyleClass().add("side-section");
        setSpacing(8);
        setPadding(new Insets(8));
        setMinWidth(260);

        Label header = new Label("CONNECTION");
        header.getStyleClass().addAll("section-header", Styles.TEXT_MUTED);
        Label badge = new Label();
        badge.setId("connectionBadge");
        badge.getStyleClass().add("state-badge");
        vm.phaseProperty().addListener((o, a, b) -> updateBadge(badge));
        vm.healthProperty().addListener((o, a, b) -> updateBadge(badge));
        updateBadge(badge);
        HBox top = new HBox(8, header, grow(), badge);
        top.setAlignment(Pos.CENTER_LEFT);

        Label plan = new Label();
        plan.setId("connectionPlan");
        plan.setWrapText(true);
        plan.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        plan.textProperty().bind(vm.planProperty());
        plan.visibleProperty().bind(vm.phaseProperty().isEqualTo(ConnectionViewModel.Phase.NOT_CONNECTED));
        plan.managedProperty().bind(plan.visibleProperty());

        getChildren().addAll(top, plan, engine(), actions(), progress(), steps(), result(), health());
        vm.refreshEngines();
        vm.problemProperty().addListener((o, a, p) -> {
            if (p != null && p.kind() != Problem.Kind.CANCELLED) {
                showProblem(p);
            }
        });
    }

    private VBox engine() {
        Label title = new Label("Container engine");
        title.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        javafx.scene.control.ComboBox<EngineOption> pick = new javafx.scene.control.ComboBox<>(vm.engines());
        pick.setId("enginePicker");
        pick.setMaxWidth(Double.MAX_VALUE);
        pick.promptTextProperty().bind(Bindings.createStringBinding(() -> vm.engineSummaryProperty().get().isEmpty()
                ? "Looking for engines…" : vm.engines().isEmpty() ? "No engine found" : "Pick an engine",
                vm.engineSummaryProperty(), vm.engines()));
        pick.setTooltip(new javafx.scene.control.Tooltip("Which Docker-API engine runs Cargo and your containers"));
        vm.engines().addListener((ListChangeListener<EngineOption>) c ->
                vm.engines().stream().filter(EngineOption::inUse).findFirst().ifPresent(pick::setValue));
        pick.setOnAction(e -> vm.useEngine(pick.getValue()));
        pick.disableProperty().bind(vm.busyProperty());
        Label summary = new Label();
        summary.setId("engineSummary");
        summary.setWrapText(true);
        summary.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        summary.textProperty().bind(vm.engineSummaryProperty());
        return new VBox(2, title, pick, summary);
    }

    /** The actions wrap onto a second line in a narrow panel instead of being cut ("Discon…"). */
    private javafx.scene.layout.FlowPane actions() {
        Button connect = new Button("Connect");
        connect.setId("connectButton");
        connect.getStyleClass().add(Styles.ACCENT);
        connect.setTooltip(new javafx.scene.control.Tooltip("Gefyra's up: install if needed, register, start Cargo"));
        connect.setOnAction(e -> vm.connect());
        connect.visibleProperty().bind(vm.connectionProperty().isNull());
        connect.managedProperty().bind(connect.visibleProperty());
        connect.disableProperty().bind(vm.busyProperty().or(vm.phaseProperty().isEqualTo(ConnectionViewModel.Phase.UNKNOWN)));

        Button disconnect = new Button("Disconnect");
        disconnect.setId("disconnectButton");
        disconnect.setTooltip(new javafx.scene.control.Tooltip("Gefyra's down: remove Cargo, the network, this machine's client and files"));
        disconnect.setOnAction(e -> vm.disconnect(false));
        Button uninstall = new Button("Disconnect and uninstall");
        uninstall.setId("uninstallButton");
        uninstall.getStyleClass().add(Styles.DANGER);
        uninstall.setTooltip(new javafx.scene.control.Tooltip("Also remove Gefyra (operator, Stowaway, CRDs, RBAC) from the cluster"));
        uninstall.setOnAction(e -> vm.disconnect(true));
        for (Button b : new Button[] {disconnect, uninstall}) {
            b.visibleProperty().bind(vm.connectionProperty().isNotNull());
            b.managedProperty().bind(b.visibleProperty());
            b.disableProperty().bind(vm.busyProperty());
        }
        Button cancel = new Button("Cancel");
        cancel.setId("cancelButton");
        cancel.setOnAction(e -> vm.cancel());
        cancel.visibleProperty().bind(vm.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        javafx.scene.layout.FlowPane box = new javafx.scene.layout.FlowPane(6, 6, connect, disconnect, uninstall, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        for (Button b : new Button[] {connect, disconnect, uninstall, cancel}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        return box;
    }

    private ProgressBar progress() {
        ProgressBar bar = new ProgressBar(0);
        bar.setId("connectionProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.visibleProperty().bind(vm.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        vm.steps().addListener((ListChangeListener<StepItem>) c -> bar.setProgress(vm.progress()));
        vm.steps().addListener((ListChangeListener<StepItem>) c -> {
            while (c.next()) {
                c.getAddedSubList().stream().filter(java.util.Objects::nonNull)
                        .forEach(i -> i.eventProperty().addListener((o, a, b) -> bar.setProgress(vm.progress())));
            }
        });
        return bar;
    }

    private ListView<StepItem> steps() {
        ListView<StepItem> list = new ListView<>(vm.steps());
        list.setId("stepList");
        list.setFocusTraversable(false);
        list.setCellFactory(l -> new StepCell());
        list.setPrefHeight(250);
        list.visibleProperty().bind(Bindings.isNotEmpty(vm.steps()));
        list.managedProperty().bind(list.visibleProperty());
        VBox.setVgrow(list, Priority.SOMETIMES);
        return list;
    }

    private Label result() {
        Label l = new Label();
        l.setId("connectionResult");
        l.setWrapText(true);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.SUCCESS);
        l.textProperty().bind(vm.resultProperty());
        l.visibleProperty().bind(vm.resultProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private VBox health() {
        Label reason = new Label();
        reason.setId("healthReason");
        reason.setWrapText(true);
        Label numbers = new Label();
        numbers.setId("healthNumbers");
        numbers.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Sparkline spark = new Sparkline(vm.traffic());
        vm.healthProperty().addListener((o, a, h) -> {
            reason.setText(h == null ? "" : h.reason());
            numbers.setText(h == null ? "" : HealthText.numbers(h));
        });
        VBox box = new VBox(4, reason, numbers, spark);
        box.setId("healthBox");
        box.visibleProperty().bind(vm.healthProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private void updateBadge(Label badge) {
        TunnelHealth h = vm.healthProperty().get();
        ConnectionViewModel.Phase p = vm.phaseProperty().get();
        String text;
        String tone;
        if (p == ConnectionViewModel.Phase.CONNECTED && h != null) {
            text = HealthText.word(h.state());
            tone = switch (h.state()) {
                case CONNECTED -> "tone-success";
                case DEGRADED -> "tone-warning";
                case DOWN -> "tone-danger";
            };
        } else {
            text = switch (p) {
                case UNKNOWN -> "…";
                case NOT_CONNECTED -> "Not connected";
                case CONNECTING -> "Connecting…";
                case CONNECTED -> "Connected";
                case DISCONNECTING -> "Disconnecting…";
                case FAILED -> "Failed";
            };
            tone = p == ConnectionViewModel.Phase.FAILED ? "tone-danger"
                    : p == ConnectionViewModel.Phase.CONNECTED ? "tone-success" : "tone-muted";
        }
        badge.setText(text);
        badge.getStyleClass().setAll("label", "state-badge", tone);
    }

    private void showProblem(Problem p) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle("Ponte");
        alert.setHeaderText(p.title());
        alert.setContentText(p.detail() + "\n\n" + p.advice());
        TextArea details = new TextArea(vm.diagnostics());
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(14);
        alert.getDialogPane().setExpandableContent(details);
        ButtonType copy = new ButtonType("Copy diagnostics", ButtonBar.ButtonData.LEFT);
        alert.getButtonTypes().setAll(copy, ButtonType.CLOSE);
        Button copyButton = (Button) alert.getDialogPane().lookupButton(copy);
        copyButton.addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.diagnostics());
            Clipboard.getSystemClipboard().setContent(content);
            ev.consume(); // keep the dialog open
        });
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.show();
    }

    private static Region grow() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /** A step row: state icon, name, detail and elapsed time; shared by every step list. */
    public static final class StepCell extends ListCell<StepItem> {
        private final Label icon = new Label();
        private final Label name = new Label();
        private final Label time = new Label();
        private final Label detail = new Label();
        private final VBox text = new VBox(name, detail);
        private final HBox box = new HBox(6, icon, text, grow(), time);
        private final javafx.beans.value.ChangeListener<StepEvent> listener = (o, a, e) -> render(e);
        private StepItem bound;

        public StepCell() {
            detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            detail.setWrapText(true);
            time.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            icon.setMinWidth(16);
            time.setMinWidth(Region.USE_PREF_SIZE);
            name.setMinWidth(0);
            text.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(text, Priority.ALWAYS);
            box.setAlignment(Pos.TOP_LEFT);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(StepItem item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                bound.eventProperty().removeListener(listener);
                bound = null;
            }
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            bound = item;
            item.eventProperty().addListener(listener);
            render(item.get());
            setGraphic(box);
        }

        private void render(StepEvent e) {
            icon.setText(switch (e.state()) {
                case PENDING -> "○";
                case RUNNING -> "⟳";
                case DONE -> "✓";
                case SKIPPED -> "–";
                case WARNING -> "!";
                case FAILED -> "✗";
                case CANCELLED -> "⊘";
                case ROLLED_BACK -> "↶";
            });
            icon.getStyleClass().setAll("label", switch (e.state()) {
                case DONE -> "tone-success";
                case WARNING -> "tone-warning";
                case FAILED, CANCELLED -> "tone-danger";
                default -> "tone-muted";
            });
            name.setText(e.name());
            detail.setText(e.detail());
            detail.setManaged(!e.detail().isEmpty());
            time.setText(e.state() == StepEvent.State.PENDING || e.state() == StepEvent.State.SKIPPED ? ""
                    : String.format("%.1f s", e.elapsed().toMillis() / 1000.0));
        }
    }
}
