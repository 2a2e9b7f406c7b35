package dev.ponte.ui.connection;

import atlantafx.base.theme.Styles;
import dev.ponte.core.connections.ConnectionSnapshot.Action;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.port.Engines.EngineOption;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.StepEvent;
import dev.ponte.ui.common.Tips;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;
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
 *
 * <p>The parts that only show in some states (the CLI mark, the headline, the leftovers, every action but the one the
 * state allows, the progress bar, the steps, the result, the health) are built the first time they are to show and
 * then stay, shown and hidden as before: at start, not connected, about 45 nodes that would be built and styled on the
 * way to the first frame without showing. Each takes its place among the parts built so far, so the order (and the
 * keyboard's) is as if all were there.
 */
public final class ConnectionView extends VBox {
    private final ConnectionViewModel vm;
    private RepairActions repair = RepairActions.NONE;
    /**
     * The conditions still waiting to build their part: a binding made here is held only weakly by what it observes,
     * so something must hold it until its part, whose visibility is then bound to it, exists.
     */
    private final java.util.Set<ObservableValue<Boolean>> waiting = new java.util.HashSet<>();

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
        vm.stateProperty().addListener((o, a, b) -> updateBadge(badge));
        updateBadge(badge);
        header.setMinWidth(Region.USE_PREF_SIZE);
        badge.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.FlowPane top = new javafx.scene.layout.FlowPane(8, 4);
        place(top, 0, header);
        place(top, 1, badge);
        top.setAlignment(Pos.CENTER_LEFT);
        later(top, 2, vm.byGefyraCliProperty(), this::cliMark);

        Label plan = new Label();
        plan.setId("connectionPlan");
        plan.setWrapText(true);
        plan.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        plan.textProperty().bind(vm.planProperty());
        plan.visibleProperty().bind(vm.stateProperty().isEqualTo(ConnectionState.NOT_CONNECTED));
        plan.managedProperty().bind(plan.visibleProperty());

        place(this, 0, top);
        place(this, 1, plan);
        javafx.beans.binding.BooleanBinding troubled = Bindings.createBooleanBinding(() -> {
            ConnectionState st = vm.stateProperty().get();
            return st == ConnectionState.CANCELLING || st == ConnectionState.FAILED || st == ConnectionState.INTERRUPTED
                    || st == ConnectionState.DEGRADED || st == ConnectionState.DOWN;
        }, vm.stateProperty());
        later(this, 2, troubled, () -> headline(troubled));
        StringBinding left = leftoversText();
        later(this, 3, left.isNotEmpty(), () -> leftovers(left));
        place(this, 4, engine());
        place(this, 5, actions());
        later(this, 6, vm.contextProperty().isNotNull(), this::repairLinks);
        later(this, 7, vm.busyProperty(), this::progress);
        later(this, 8, Bindings.isNotEmpty(vm.steps()), this::steps);
        later(this, 9, vm.resultProperty().isNotEmpty(), this::result);
        later(this, 10, vm.healthProperty().isNotNull(), this::health);
        // A Degraded or Down badge opens the diagnostics at the tunnel's line.
        badge.setOnMouseClicked(e -> {
            ConnectionState st = vm.stateProperty().get();
            if (st == ConnectionState.DEGRADED || st == ConnectionState.DOWN) {
                repair.diagnose(vm.contextProperty().get(), dev.ponte.core.diagnostics.Checks.STOWAWAY);
            }
        });
        keepEveryLine(this);
        // The engine look-up (pinging each engine loads docker-java's ~1,100 classes) starts after the first frame:
        // AppContext.afterFirstFrame.
        vm.failureProperty().addListener((o, a, p) -> {
            if (p != null && p.kind() != Problem.Kind.CANCELLED) {
                showProblem(p);
            }
        });
    }

    /**
     * Puts the part {@code build} makes into {@code pane} the first time {@code shown} is true (at once if it is now),
     * at position {@code slot} of the pane's full list of parts: after every part of a lower slot, built or not yet.
     * The part binds its own visibility; a condition is made true only by the state that shows the part.
     */
    private void later(javafx.scene.layout.Pane pane, int slot, ObservableValue<Boolean> shown,
                       java.util.function.Supplier<javafx.scene.Node> build) {
        Runnable put = () -> {
            javafx.scene.Node part = build.get();
            place(pane, slot, part);
            keepEveryLine(part);
        };
        if (Boolean.TRUE.equals(shown.getValue())) {
            put.run();
            return;
        }
        waiting.add(shown);
        shown.addListener(new javafx.beans.value.ChangeListener<Boolean>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean is) {
                if (Boolean.TRUE.equals(is)) {
                    o.removeListener(this);
                    waiting.remove(shown);
                    put.run();
                }
            }
        });
    }

    private static final Object SLOT = new Object();

    /** Adds {@code part} to {@code pane} after every part of a lower or equal slot and before those of a higher one. */
    private static void place(javafx.scene.layout.Pane pane, int slot, javafx.scene.Node part) {
        part.getProperties().put(SLOT, slot);
        int at = 0;
        for (javafx.scene.Node n : pane.getChildren()) {
            if (n.getProperties().get(SLOT) instanceof Integer s && s > slot) {
                break;
            }
            at++;
        }
        pane.getChildren().add(at, part);
    }

    private Label cliMark() {
        Label cli = new Label("made by the gefyra CLI");
        cli.setId("connectionByGefyraCli");
        cli.getStyleClass().addAll(Styles.TEXT_SMALL, "cli-tag");
        Tips.set(cli, "The gefyra command line made this connection; Ponte shows it "
                + "and can disconnect it, as the CLI can Ponte's.");
        cli.visibleProperty().bind(vm.byGefyraCliProperty());
        cli.managedProperty().bind(cli.visibleProperty());
        cli.setMinWidth(Region.USE_PREF_SIZE);
        return cli;
    }

    private Label headline(javafx.beans.binding.BooleanBinding troubled) {
        Label headline = new Label();
        headline.setId("connectionHeadline");
        headline.setWrapText(true);
        headline.getStyleClass().add(Styles.TEXT_SMALL);
        headline.textProperty().bind(vm.headlineProperty());
        headline.visibleProperty().bind(troubled);
        headline.managedProperty().bind(headline.visibleProperty());
        return headline;
    }

    /** Where Diagnose, Team and Leftovers lead (set by the main window). */
    public void setRepairActions(RepairActions actions) {
        this.repair = actions;
    }

    /** Diagnose, Team, Leftovers: small links under the actions (issue 14). */
    private javafx.scene.layout.FlowPane repairLinks() {
        javafx.scene.control.Hyperlink diagnose = new javafx.scene.control.Hyperlink("Diagnose");
        diagnose.setId("diagnoseLink");
        Tips.set(diagnose, "The checklist: engine, API server, permissions, operator, "
                + "Stowaway, DNS, MTU, proxy, nodes, bridges — each with what was measured and the fix");
        diagnose.setOnAction(e -> repair.diagnose(vm.contextProperty().get(), null));
        javafx.scene.control.Hyperlink team = new javafx.scene.control.Hyperlink("Team");
        team.setId("teamLink");
        Tips.set(team, "Every client of this cluster and what each one bridges");
        team.setOnAction(e -> repair.team(vm.contextProperty().get()));
        javafx.scene.control.Hyperlink leftovers = new javafx.scene.control.Hyperlink("Leftovers…");
        leftovers.setId("leftoversLink");
        Tips.set(leftovers, "What Ponte or the gefyra CLI left behind in any context or on "
                + "this machine, to remove");
        leftovers.setOnAction(e -> repair.leftovers());
        javafx.scene.layout.FlowPane links = new javafx.scene.layout.FlowPane(4, 0, diagnose, team, leftovers);
        links.setId("repairLinks");
        links.visibleProperty().bind(vm.contextProperty().isNotNull());
        links.managedProperty().bind(links.visibleProperty());
        return links;
    }

    /**
     * The engine picker with its summary. The picker is built once the look-up (after the first frame) has found
     * engines: a ComboBox and its list popup are ~40 nodes and their skins' classes on the way to the first frame
     * otherwise; until then the summary says Ponte is looking.
     */
    private VBox engine() {
        Label title = new Label("Container engine");
        title.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        EnginePickerViewModel engines = vm.enginePicker();
        Label summary = new Label();
        summary.setId("engineSummary");
        summary.setWrapText(true);
        summary.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        summary.textProperty().bind(engines.summaryProperty().map(s -> s.isEmpty() ? "Looking for engines…" : s));
        VBox box = new VBox(2, title, summary);
        Runnable build = () -> {
            if (!engines.options().isEmpty() && box.lookup("#enginePicker") == null) {
                box.getChildren().add(1, picker(engines));
            }
        };
        engines.options().addListener((ListChangeListener<EngineOption>) c -> build.run());
        build.run();
        return box;
    }

    private javafx.scene.control.ComboBox<EngineOption> picker(EnginePickerViewModel engines) {
        javafx.scene.control.ComboBox<EngineOption> pick = new javafx.scene.control.ComboBox<>(engines.options());
        pick.setId("enginePicker");
        pick.setMaxWidth(Double.MAX_VALUE);
        pick.setPromptText("Pick an engine");
        Tips.set(pick, "Which Docker-API engine runs Cargo and your containers");
        engines.options().stream().filter(EngineOption::inUse).findFirst().ifPresent(pick::setValue);
        engines.options().addListener((ListChangeListener<EngineOption>) c ->
                engines.options().stream().filter(EngineOption::inUse).findFirst().ifPresent(pick::setValue));
        pick.setOnAction(e -> engines.use(pick.getValue()));
        // The button shows the engine's name and version; the endpoint and why are in the summary below it.
        pick.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(EngineOption item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : shortLabel(item.label()));
            }
        });
        pick.disableProperty().bind(vm.busyProperty());
        pick.setAccessibleText("Container engine");
        return pick;
    }

    /** "Docker 27.1.0" from "Docker 27.1.0 — unix:///var/run/docker.sock (in use)". */
    static String shortLabel(String label) {
        int dash = label.indexOf(" — ");
        return dash > 0 ? label.substring(0, dash) : label;
    }

    /** What an earlier run left (or an interrupted Run/Bridge inside this connection), with Resume and Clean up. */
    private StringBinding leftoversText() {
        return Bindings.createStringBinding(() -> {
            var s = vm.snapshotProperty().get();
            return s == null || s.leftovers() == null ? "" : "Left from before"
                    + (s.leftovers().interrupted() == null ? "" : " (" + s.leftovers().interrupted() + " was interrupted)")
                    + ": " + s.leftovers().summary() + (s.leftovers().clusterChecked() ? "" : " — the cluster was not reachable to check its part");
        }, vm.snapshotProperty());
    }

    private Label leftovers(StringBinding text) {
        Label l = new Label();
        l.setId("connectionLeftovers");
        l.setWrapText(true);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        l.textProperty().bind(text);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /**
     * The actions the state allows, and only those; they wrap onto a second line in a narrow panel. Each button is
     * built the first time its action is allowed.
     */
    private javafx.scene.layout.FlowPane actions() {
        javafx.scene.layout.FlowPane box = new javafx.scene.layout.FlowPane(6, 6);
        button(box, 0, "connectButton", Action.CONNECT, Styles.ACCENT, "Gefyra's up: install if needed, register, start Cargo", vm::connect);
        button(box, 1, "resumeButton", Action.RESUME, Styles.ACCENT, "Keep what is there and watch it again (or finish connecting)", vm::resume);
        button(box, 2, "reconnectButton", Action.RECONNECT, Styles.ACCENT, "A new Cargo for the same client and subnet", vm::reconnect);
        button(box, 3, "disconnectButton", Action.DISCONNECT, null, "Gefyra's down: remove Cargo, the network, this connection's client and files", () -> vm.disconnect(false));
        button(box, 4, "cleanUpButton", Action.CLEAN_UP, null, "Remove exactly what was left, then check that nothing remains", vm::cleanUp);
        button(box, 5, "uninstallButton", Action.UNINSTALL, Styles.DANGER, "Also remove Gefyra (operator, Stowaway, CRDs, RBAC) from the cluster", this::confirmUninstall);
        button(box, 6, "cancelButton", Action.CANCEL, null, "Stop and undo what this attempt created", vm::cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void button(javafx.scene.layout.FlowPane box, int slot, String id, Action action, String style, String tip,
                        Runnable run) {
        javafx.beans.binding.BooleanBinding allowed =
                Bindings.createBooleanBinding(() -> vm.actions().contains(action), vm.actions());
        later(box, slot, allowed, () -> button(id, action, style, tip, run, allowed));
    }

    private Button button(String id, Action action, String style, String tip, Runnable run,
                          javafx.beans.binding.BooleanBinding allowed) {
        Button b = new Button(action.label());
        b.setId(id);
        if (style != null) {
            b.getStyleClass().add(style);
        }
        Tips.set(b, tip);
        b.setOnAction(e -> run.run());
        b.visibleProperty().bind(allowed);
        b.managedProperty().bind(b.visibleProperty());
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** Uninstall removes every user's clients, mounts and bridges: ask first. */
    private void confirmUninstall() {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        a.setTitle("Ponte");
        a.setHeaderText("Disconnect and uninstall Gefyra from " + vm.contextProperty().get() + "?");
        a.setContentText("This removes Gefyra from the cluster for everyone: the operator, Stowaway, the CRDs and RBAC, "
                + "and every client, mount and bridge — also those of other developers. Workloads are restored.");
        ButtonType go = new ButtonType("Disconnect and uninstall", ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(go, ButtonType.CANCEL);
        if (getScene() != null) {
            a.initOwner(getScene().getWindow());
        }
        a.showAndWait().filter(go::equals).ifPresent(x -> vm.disconnect(true));
    }

    private ProgressBar progress() {
        ProgressBar bar = new ProgressBar(0);
        bar.setId("connectionProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.visibleProperty().bind(vm.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        // Built when the first operation starts: the steps it has listed so far move the bar too.
        vm.steps().stream().filter(java.util.Objects::nonNull)
                .forEach(i -> i.eventProperty().addListener((o, a, b) -> bar.setProgress(vm.progress())));
        bar.setProgress(vm.progress());
        vm.steps().addListener((ListChangeListener<StepItem>) c -> bar.setProgress(vm.progress()));
        vm.steps().addListener((ListChangeListener<StepItem>) c -> {
            while (c.next()) {
                c.getAddedSubList().stream().filter(java.util.Objects::nonNull)
                        .forEach(i -> i.eventProperty().addListener((o, a, b) -> bar.setProgress(vm.progress())));
            }
        });
        return bar;
    }

    /** Every step whole, wrapped: no scroll box of its own (the panel scrolls). */
    private StepList steps() {
        StepList list = new StepList(vm.steps());
        list.setId("stepList");
        list.visibleProperty().bind(Bindings.isNotEmpty(vm.steps()));
        list.managedProperty().bind(list.visibleProperty());
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
        // Built at the first health report: it shows that one at once, then follows.
        vm.healthProperty().subscribe(h -> {
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
        ConnectionState st = vm.stateProperty().get();
        badge.setText(st.word());
        badge.getStyleClass().setAll("label", "state-badge", dev.ponte.ui.common.Tones.style(st.tone()));
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
        ButtonType diagnose = new ButtonType("Diagnose", ButtonBar.ButtonData.HELP_2);
        alert.getButtonTypes().setAll(copy, diagnose, ButtonType.CLOSE);
        String context = vm.contextProperty().get();
        ((Button) alert.getDialogPane().lookupButton(diagnose)).setOnAction(ev -> repair.diagnose(context, null));
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

    /** Wrapped labels keep every line: the panel grows (and scrolls) instead of cutting them to one. */
    private static void keepEveryLine(javafx.scene.Node node) {
        if (node instanceof Label l && l.isWrapText()) {
            l.setMinHeight(Region.USE_PREF_SIZE);
        } else if (node instanceof javafx.scene.layout.Pane p) {
            for (javafx.scene.Node n : p.getChildrenUnmodifiable()) {
                keepEveryLine(n);
            }
        }
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
