package dev.ponte.ui.shell;

import atlantafx.base.theme.Styles;
import dev.ponte.core.task.Problem;
import dev.ponte.ui.clusters.ContextsView;
import dev.ponte.ui.clusters.NamespacesView;
import dev.ponte.ui.common.EmptyState;
import dev.ponte.ui.common.Tips;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.workloads.WorkloadsView;
import java.io.File;
import java.time.Clock;
import javafx.concurrent.Task;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.TaskProgressView;

/** The one main window: header, contexts and namespaces on the left, workloads in the centre, tasks and status below. */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    private final SplitPane mainSplit = new SplitPane();
    private final SplitPane leftSplit = new SplitPane();
    private final Clock clock;
    /** Built the first time the centre shows workloads: not part of the first frame (its CSS pass alone is ~160 nodes). */
    private WorkloadsView workloadsView;
    /** The centre's panes, each built the first time it shows. */
    private final StackPane centre = new StackPane();
    private final java.util.List<java.util.function.Consumer<SplitPane>> onWorkloadSplit = new java.util.ArrayList<>();
    private final NamespacesView namespacesView;
    private final dev.ponte.ui.connection.ConnectionView connectionView;
    private final dev.ponte.ui.run.LocalContainersView localView;
    private final SplitPane rightSplit = new SplitPane();
    private dev.ponte.ui.setups.SetupsView setupsView;
    private dev.ponte.ui.palette.CommandPalette palette;

    public MainView(MainViewModel vm, ObservableList<Task<?>> tasks, Clock clock) {
        this.vm = vm;
        this.clock = clock;
        setId("mainView");
        getStyleClass().add("ponte-main");

        ContextsView contextsView = new ContextsView(vm.contexts());
        namespacesView = new NamespacesView(vm.cluster());
        leftSplit.setId("leftSplit");
        leftSplit.setOrientation(Orientation.VERTICAL);
        leftSplit.getItems().addAll(contextsView, namespacesView);
        leftSplit.setDividerPositions(0.4);

        centre.setId("centre");
        vm.centreProperty().addListener((obs, o, n) -> showCentre(n));
        showCentre(vm.centreProperty().get());

        connectionView = new dev.ponte.ui.connection.ConnectionView(vm.connection());
        localView = new dev.ponte.ui.run.LocalContainersView(vm.local(), clock);
        localView.setOnRun(() -> openRunDialog(null));
        localView.setOnLogs(item -> openLogs(() -> logWindow().open(vm.logSources().localContainer(item.name()))));
        rightSplit.setId("rightSplit");
        rightSplit.setOrientation(Orientation.VERTICAL);
        // The panel scrolls as a whole: its step list, plan and messages show every line at any window height.
        // Lazy: in the first frame the panel fits, and the scroll skin waits until it does not (issue 15).
        javafx.scene.control.ScrollPane connectionScroll = new dev.ponte.ui.common.LazyScrollPane(connectionView);
        connectionScroll.setId("connectionScroll");
        connectionScroll.setFitToWidth(true);
        connectionScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        connectionScroll.getStyleClass().add("edge-to-edge");
        rightSplit.getItems().addAll(connectionScroll, localView);
        rightSplit.setDividerPositions(0.55);
        if (vm.setups() != null) {
            setupsView = new dev.ponte.ui.setups.SetupsView(vm.setups(), this::isDark);
            rightSplit.getItems().add(setupsView);
            rightSplit.setDividerPositions(0.5, 0.78);
            localView.setOnSaveSetup(this::saveAsSetup);
        }
        mainSplit.setId("mainSplit");
        mainSplit.getItems().addAll(leftSplit, centre, rightSplit);
        mainSplit.setDividerPositions(0.22, 0.74);
        SplitPane.setResizableWithParent(leftSplit, false);
        SplitPane.setResizableWithParent(rightSplit, false);
        // Wide enough at 1024 px for the panels' headers and buttons to read whole; the workloads give way.
        leftSplit.setMinWidth(180);
        rightSplit.setMinWidth(290);
        centre.setMinWidth(460); // every workload column whole; the side panes give way first
        setTop(header());
        var recovery = new dev.ponte.ui.connection.RecoveryViewModel(vm.connections(), this::selectContext);
        vm.connectionsProperty().subscribe(recovery::show);
        var banner = new dev.ponte.ui.connection.RecoveryBanner(recovery);
        banner.setMinHeight(Region.USE_PREF_SIZE); // every line of it, wrapped: the panes below give way
        mainSplit.setMinHeight(0);
        setCenter(new VBox(banner, mainSplit));
        VBox.setVgrow(mainSplit, Priority.ALWAYS);
        setBottom(new VBox(taskDrawer(tasks), new StatusBarView(vm)));
        installShortcuts();
    }

    /** The workloads pane with its menus; built when the centre first shows workloads. */
    private WorkloadsView buildWorkloads() {
        WorkloadsView w = new WorkloadsView(vm.workloads(), clock);
        w.setUserData(MainViewModel.Centre.WORKLOADS);
        w.table().setContextMenu(workloadMenu());
        javafx.scene.control.MenuItem podLogs = new javafx.scene.control.MenuItem("Logs");
        podLogs.setId("menuPodLogs");
        podLogs.setOnAction(e -> {
            var pod = w.podTable().getSelectionModel().getSelectedItem();
            if (pod != null) {
                openLogs(() -> logWindow().open(vm.logSources().pod(pod.namespace(), pod.name())));
            }
        });
        javafx.scene.control.MenuItem podBridge = new javafx.scene.control.MenuItem("Bridge its workload to a local container…");
        podBridge.setId("menuPodBridge");
        podBridge.setOnAction(e -> openBridgeWizard(selectedWorkload()));
        w.podTable().setContextMenu(new javafx.scene.control.ContextMenu(podLogs, podBridge));

        workloadsView = w;
        onWorkloadSplit.forEach(c -> c.accept(w.split()));
        onWorkloadSplit.clear();
        return w;
    }

    /** Shows a connection: selects its context, so the panel shows it (a notification's Open, the tray). */
    public void showConnection(String context) {
        selectContext(context);
    }

    /** Selects a context in the contexts list (the banner's "Show"). */
    private void selectContext(String name) {
        vm.contexts().contexts().stream().filter(c -> c.name().equals(name)).findFirst()
                .ifPresent(c -> vm.contexts().selectedProperty().set(c));
    }

    private Node header() {
        Label title = new Label("Ponte");
        title.getStyleClass().addAll(Styles.TITLE_4, "app-title");
        Label ctx = new Label();
        ctx.setId("headerContext");
        ctx.getStyleClass().add(Styles.TEXT_MUTED);
        ctx.textProperty().bind(vm.statusBar().contextStatusProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);

        Button open = new Button("Open kubeconfig…");
        open.setId("openKubeconfigButton");
        Tips.set(open, "Add a kubeconfig file to the contexts list (Ctrl+O)");
        open.setOnAction(e -> openKubeconfig());
        Button reload = new Button("Reload");
        reload.setId("reloadButton");
        Tips.set(reload, "Read the kubeconfig files again (F5)");
        reload.setOnAction(e -> vm.contexts().reload());

        MenuButton theme = new MenuButton("◐");
        theme.setId("themeButton");
        Tips.set(theme, "Theme: Light, Dark or Follow system");
        theme.setAccessibleText("Theme");
        ToggleGroup group = new ToggleGroup();
        for (UiSettings.Theme t : UiSettings.Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(themeWord(t));
            item.setId("theme-" + t.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(group);
            item.setSelected(vm.themeProperty().get() == t);
            item.setOnAction(e -> vm.themeProperty().set(t));
            theme.getItems().add(item);
        }
        vm.themeProperty().addListener((o, a, t) -> group.getToggles().forEach(x ->
                x.setSelected(((RadioMenuItem) x).getId().equals("theme-" + t.name().toLowerCase(java.util.Locale.ROOT)))));
        Button runLocally = new Button("Run locally…");
        runLocally.setId("headerRunButton");
        Tips.set(runLocally, "Start a container inside the cluster network (gefyra run) — Ctrl+R");
        runLocally.setOnAction(e -> openRunDialog(null));
        runLocally.disableProperty().bind(vm.local().connectionProperty().isNull());
        Button paletteButton = new Button("⌘K");
        paletteButton.setId("paletteButton");
        Tips.set(paletteButton, "Command palette: find contexts, namespaces, workloads, containers and actions (Ctrl+K)");
        paletteButton.setAccessibleText("Command palette");
        paletteButton.setOnAction(e -> openPalette());
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {runLocally, open, reload, paletteButton, theme}) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        title.setMinWidth(Region.USE_PREF_SIZE);
        ctx.setMinWidth(0);
        ctx.setWrapText(true);
        ctx.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(ctx, Priority.SOMETIMES);
        HBox bar = new HBox(10, title, ctx, grow, runLocally, open, reload, paletteButton, theme);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 12));
        bar.getStyleClass().add("app-header");
        return bar;
    }

    static String themeWord(UiSettings.Theme t) {
        return switch (t) {
            case LIGHT -> "Light";
            case DARK -> "Dark";
            case SYSTEM -> "Follow system";
        };
    }

    private Node onboarding() {
        EmptyState e = new EmptyState("onboarding");
        e.title().setText("No Kubernetes cluster configured yet");
        e.body().textProperty().bind(vm.contexts().filesDescriptionProperty().map(files -> """
                Ponte reads your kubeconfig ($KUBECONFIG, or ~/.kube/config) and found no context%s.
                To get a local cluster in a minute, install one of:
                  • k3d — k3d cluster create dev
                  • kind — kind create cluster
                  • minikube — minikube start
                  • Docker Desktop — Settings → Kubernetes → Enable Kubernetes
                Each writes ~/.kube/config; Ponte picks it up when you press Reload.
                Have a kubeconfig file somewhere else? Open it.""".formatted(files.isEmpty() ? "" : " (looked at " + files + ")")));
        Button open = new Button("Open kubeconfig file…");
        open.setId("onboardingOpenButton");
        open.getStyleClass().add(Styles.ACCENT);
        open.setDefaultButton(true);
        open.setOnAction(ev -> openKubeconfig());
        Button reload = new Button("Reload");
        reload.setOnAction(ev -> vm.contexts().reload());
        e.actions(open, reload);
        e.setUserData(MainViewModel.Centre.ONBOARDING);
        return e;
    }

    private Node clusterProblem() {
        EmptyState e = new EmptyState("clusterProblem");
        Label retry = new Label();
        retry.setId("retryMessage");
        retry.getStyleClass().add(Styles.TEXT_MUTED);
        retry.textProperty().bind(vm.cluster().retryMessageProperty());
        Button now = new Button("Retry now");
        now.setId("retryButton");
        now.setOnAction(ev -> vm.cluster().retryNow());
        vm.cluster().problemProperty().addListener((obs, o, p) -> describe(e, p));
        describe(e, vm.cluster().problemProperty().get());
        e.actions(now, retry);
        e.setUserData(MainViewModel.Centre.CLUSTER_PROBLEM);
        return e;
    }

    private static void describe(EmptyState e, Problem p) {
        e.title().setText(p == null ? "" : p.title());
        e.body().setText(p == null ? "" : p.detail() + "\n\n" + p.advice());
    }

    private Node connecting() {
        ProgressIndicator pi = new ProgressIndicator();
        pi.setPrefSize(36, 36);
        Label l = new Label();
        l.textProperty().bind(vm.cluster().contextProperty().map(c -> "Connecting to " + c.name() + "…").orElse(""));
        VBox box = new VBox(10, pi, l);
        box.setAlignment(Pos.CENTER);
        box.setId("connecting");
        box.setUserData(MainViewModel.Centre.CONNECTING);
        return box;
    }

    private Node noContext() {
        EmptyState e = new EmptyState("noContext");
        e.title().setText("Pick a context");
        e.body().setText("Choose a kube context on the left to see its namespaces and workloads.");
        e.setUserData(MainViewModel.Centre.NO_CONTEXT);
        return e;
    }

    /** Shows the centre's pane for {@code which}, building it the first time (the first frame builds only one). */
    private void showCentre(MainViewModel.Centre which) {
        MainViewModel.Centre pane = which == MainViewModel.Centre.LOADING ? MainViewModel.Centre.CONNECTING : which;
        if (centre.getChildren().stream().noneMatch(n -> n.getUserData() == pane)) {
            centre.getChildren().add(switch (pane) {
                case WORKLOADS -> buildWorkloads();
                case ONBOARDING -> onboarding();
                case CLUSTER_PROBLEM -> clusterProblem();
                case NO_CONTEXT -> noContext();
                case CONNECTING, LOADING -> connecting();
            });
        }
        for (Node n : centre.getChildren()) {
            n.setVisible(n.getUserData() == pane);
        }
    }

    /** Tasks shorter than this never show in the drawer (no flicker for quick reads). */
    private static final javafx.util.Duration TASK_SHOW_DELAY = javafx.util.Duration.millis(400);

    /**
     * The task drawer: a task shows once it has run for {@link #TASK_SHOW_DELAY} and goes when it
     * ends. The ControlsFX view is built when the first long task appears, not at start.
     */
    private Node taskDrawer(ObservableList<Task<?>> tasks) {
        VBox holder = new VBox();
        holder.setId("taskDrawerHolder");
        ObservableList<Task<?>> shown = javafx.collections.FXCollections.observableArrayList();
        holder.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(shown));
        holder.managedProperty().bind(holder.visibleProperty());
        tasks.addListener((javafx.collections.ListChangeListener<Task<?>>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(shown::remove);
                for (Task<?> t : c.getAddedSubList()) {
                    javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(TASK_SHOW_DELAY);
                    later.setOnFinished(e -> {
                        if (tasks.contains(t)) {
                            if (holder.getChildren().isEmpty()) {
                                TaskProgressView<Task<?>> view = new TaskProgressView<>();
                                view.setId("taskDrawer");
                                javafx.beans.binding.Bindings.bindContent(view.getTasks(), shown);
                                view.setPrefHeight(90);
                                view.setMaxHeight(140);
                                holder.getChildren().add(view);
                            }
                            shown.add(t);
                        }
                    });
                    later.play();
                }
            }
        });
        return holder;
    }

    private void openKubeconfig() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open kubeconfig file");
        File home = new File(System.getProperty("user.home"), ".kube");
        if (home.isDirectory()) {
            chooser.setInitialDirectory(home);
        }
        File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            vm.contexts().addKubeconfigFile(f.toPath());
        }
    }

    /** The workload row's actions; they act on the selected row, so the keyboard shortcuts do the same. */
    private javafx.scene.control.ContextMenu workloadMenu() {
        javafx.scene.control.MenuItem bridge = new javafx.scene.control.MenuItem("Bridge to local container…");
        bridge.setId("menuBridge");
        bridge.setAccelerator(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN));
        bridge.setOnAction(e -> openBridgeWizard(selectedWorkload()));
        javafx.scene.control.MenuItem run = new javafx.scene.control.MenuItem("Run locally like this…");
        run.setId("menuRunLike");
        run.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        run.setOnAction(e -> openRunDialog(selectedWorkload()));
        javafx.scene.control.MenuItem logs = new javafx.scene.control.MenuItem("Logs");
        logs.setId("menuLogs");
        logs.setAccelerator(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN));
        logs.setOnAction(e -> openWorkloadLogs(selectedWorkload()));
        javafx.scene.control.MenuItem copy = new javafx.scene.control.MenuItem("Copy name");
        copy.setOnAction(e -> {
            var w = selectedWorkload();
            if (w != null) {
                var content = new javafx.scene.input.ClipboardContent();
                content.putString(w.name());
                javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            }
        });
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(bridge, run, logs,
                new javafx.scene.control.SeparatorMenuItem(), copy);
        menu.setOnShowing(e -> {
            boolean connected = vm.local().connectionProperty().get() != null;
            var w = selectedWorkload();
            menu.getItems().removeIf(i -> "unbridge".equals(i.getUserData()));
            if (w != null) {
                int at = 3;
                for (var state : vm.workloads().bridgesOf(w)) {
                    var pair = new javafx.scene.control.MenuItem("Logs with " + state.bridge().clientContainer() + " side by side");
                    pair.setUserData("unbridge");
                    pair.setOnAction(ev -> openLogs(() -> logWindow().openPair(vm.logSources().workload(w),
                            vm.logSources().localContainer(state.bridge().clientContainer()))));
                    menu.getItems().add(at++, pair);
                    var unbridge = new javafx.scene.control.MenuItem("Unbridge from " + state.bridge().clientContainer());
                    unbridge.setUserData("unbridge");
                    unbridge.setId("menuUnbridge-" + state.bridge().clientContainer());
                    unbridge.setOnAction(ev -> dev.ponte.ui.run.UnbridgePrompt.unbridge(getScene().getWindow(), vm.local(), state));
                    menu.getItems().add(at++, unbridge);
                }
            }
            bridge.setDisable(!connected || w == null || w.kind() == dev.ponte.core.model.WorkloadKind.DAEMON_SET);
            run.setDisable(!connected || w == null);
            logs.setDisable(w == null);
        });
        return menu;
    }

    private dev.ponte.core.model.Workload selectedWorkload() {
        var item = vm.workloads().selectedProperty().get();
        return item == null ? null : item.get();
    }

    /** Opens the Run dialog, prefilled from {@code workload} when given; says why not when not connected. */
    public void openRunDialog(dev.ponte.core.model.Workload workload) {
        var dialogVm = vm.newRunDialog(workload);
        if (dialogVm == null) {
            notConnected("Run locally");
            return;
        }
        showRunDialog(dialogVm, workload == null ? "Run locally" : "Run locally like " + workload.name());
    }

    private javafx.stage.Stage showRunDialog(dev.ponte.ui.run.RunDialogViewModel dialogVm, String title) {
        var view = new dev.ponte.ui.run.RunDialogView(dialogVm);
        var stage = dev.ponte.ui.common.ChildWindows.create(getScene() == null ? null : getScene().getWindow(),
                title, view, 680, 720, false);
        view.setOnClose(stage::close);
        stage.show();
        return stage;
    }

    /** The bridge wizard's "Run one now…": the Run dialog prefilled from the bridged container; completes when it closes. */
    private java.util.concurrent.CompletionStage<java.util.Optional<String>> runForBridge(
            dev.ponte.ui.bridge.RunLauncher.RunPrefill prefill) {
        var done = new java.util.concurrent.CompletableFuture<java.util.Optional<String>>();
        var dialogVm = vm.newRunDialog(null);
        if (dialogVm == null) {
            done.complete(java.util.Optional.empty());
            return done;
        }
        dialogVm.namespace.set(prefill.namespace());
        dialogVm.image.set(prefill.image());
        dialogVm.name.set(prefill.workload() + "-local");
        dialogVm.prefillFrom(prefill.namespace(), prefill.kind(), prefill.workload());
        var stage = showRunDialog(dialogVm, "Run a container for " + prefill.workload());
        stage.setOnHidden(e -> done.complete(java.util.Optional.ofNullable(dialogVm.resultProperty().get())
                .map(r -> r.container().name())));
        return done;
    }

    /** Opens the bridge wizard for a Deployment or StatefulSet. */
    public void openBridgeWizard(dev.ponte.core.model.Workload workload) {
        if (workload == null) {
            return;
        }
        if (vm.local().connectionProperty().get() == null) {
            notConnected("Bridge");
            return;
        }
        showBridgeWizard(workload);
    }

    /** One wizard per connection: reopening it for a workload brings back what was chosen and typed. */
    private final java.util.Map<String, dev.ponte.ui.bridge.BridgeWizard> wizards = new java.util.HashMap<>();

    private void showBridgeWizard(dev.ponte.core.model.Workload w) {
        var conn = vm.local().connectionProperty().get();
        if (conn == null) {
            return;
        }
        var wizard = wizards.computeIfAbsent(conn.name(), c -> new dev.ponte.ui.bridge.BridgeWizard(vm.bridgeBackend(),
                vm.tasks(), vm.ui(), this::runForBridge));
        var stage = wizard.open(getScene() == null ? null : getScene().getWindow(), w.namespace(), w.kind(), w.name());
        stage.getScene().getRoot().pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), isDark());
    }

    private void notConnected(String what) {
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        alert.initOwner(getScene() == null ? null : getScene().getWindow());
        alert.setHeaderText(what + " needs a connection");
        alert.setContentText("Connect the selected cluster first (Connect in the connection panel); "
                + what + " then puts your container inside its network.");
        alert.show();
    }

    private dev.ponte.ui.logs.LogWindow logWindow;

    /** The one log window (tabs per source), made on first use; its theme follows this window's. */
    private dev.ponte.ui.logs.LogWindow logWindow() {
        if (logWindow == null) {
            var dark = new javafx.beans.property.SimpleBooleanProperty(isDark());
            getPseudoClassStates().addListener((javafx.collections.SetChangeListener<javafx.css.PseudoClass>) c -> dark.set(isDark()));
            logWindow = new dev.ponte.ui.logs.LogWindow(vm.logContext(), dark);
        }
        return logWindow;
    }

    private boolean isDark() {
        return getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("dark"));
    }

    /** Opens a log tab and shows the window; a source that cannot be made (no session, no engine) is explained. */
    private void openLogs(Runnable open) {
        try {
            open.run();
            var stage = logWindow().stage();
            stage.show();
            stage.toFront();
        } catch (RuntimeException e) {
            var p = dev.ponte.core.task.ErrorAdvice.explain(e, "the cluster");
            var alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.WARNING);
            alert.initOwner(getScene() == null ? null : getScene().getWindow());
            alert.setHeaderText(p.title());
            alert.setContentText(p.detail() + "\n\n" + p.advice());
            alert.show();
        }
    }

    /** Logs of all pods of a workload, merged (Ctrl+L). */
    public void openWorkloadLogs(dev.ponte.core.model.Workload w) {
        if (w != null) {
            openLogs(() -> logWindow().open(vm.logSources().workload(w)));
        }
    }

    private dev.ponte.ui.diagnostics.RepairWindows repair;

    /**
     * Hooks up the diagnose-and-repair screens (issue 14): the connection panel's Diagnose / Team / Leftovers links,
     * a failed Connect's dialog and a Degraded badge (the checklist at the failing line), a bridge's Send test request and
     * Diagnose.
     */
    public void attachRepair(dev.ponte.ui.diagnostics.RepairTools tools) {
        repair = new dev.ponte.ui.diagnostics.RepairWindows(tools, () -> getScene() == null ? null : getScene().getWindow());
        connectionView.setRepairActions(new dev.ponte.ui.connection.RepairActions() {
            @Override
            public void diagnose(String context, String line) {
                repair.diagnose(context, line);
            }

            @Override
            public void team(String context) {
                repair.team(context);
            }

            @Override
            public void leftovers() {
                repair.cleanup();
            }
        });
        localView.setOnTestRequest(s -> {
            var conn = vm.local().connectionProperty().get();
            if (conn != null) {
                repair.testRequest(conn, s.bridge());
            }
        });
        localView.setOnDiagnoseBridge(s -> {
            var conn = vm.local().connectionProperty().get();
            if (conn != null && conn.context() != null) {
                repair.diagnose(conn.context(), dev.ponte.core.diagnostics.Checks.bridge(s.bridge().name()));
            }
        });
    }

    /** The diagnose-and-repair windows, once attached (null before). */
    public dev.ponte.ui.diagnostics.RepairWindows repair() {
        return repair;
    }

    /** Opens the command palette (Ctrl+K). */
    public void openPalette() {
        if (getScene() == null) {
            return;
        }
        if (palette == null) {
            palette = new dev.ponte.ui.palette.CommandPalette(new dev.ponte.ui.palette.CommandPaletteViewModel(
                    new PaletteSource(vm, new PaletteSource.Window() {
                        @Override
                        public void openRunDialog(dev.ponte.core.model.Workload like) {
                            MainView.this.openRunDialog(like);
                        }

                        @Override
                        public void openBridgeWizard(dev.ponte.core.model.Workload w) {
                            MainView.this.openBridgeWizard(w);
                        }

                        @Override
                        public void openWorkloadLogs(dev.ponte.core.model.Workload w) {
                            MainView.this.openWorkloadLogs(w);
                        }

                        @Override
                        public void openContainerLogs(String container) {
                            openLogs(() -> logWindow().open(vm.logSources().localContainer(container)));
                        }

                        @Override
                        public void openKubeconfig() {
                            MainView.this.openKubeconfig();
                        }

                        @Override
                        public void unbridge(dev.ponte.core.run.BridgeState s) {
                            dev.ponte.ui.run.UnbridgePrompt.unbridge(getScene().getWindow(), vm.local(), s);
                        }

                        @Override
                        public void saveAsSetup(dev.ponte.ui.run.LocalContainerItem item) {
                            MainView.this.saveAsSetup(item);
                        }

                        @Override
                        public void startSetup(dev.ponte.core.setups.Setup s) {
                            if (setupsView != null) {
                                setupsView.start(s);
                            }
                        }

                        @Override
                        public void focusWorkloads() {
                            if (workloadsView != null) {
                                workloadsView.table().requestFocus();
                            }
                        }

                        @Override
                        public void openDiagnostics(String context) {
                            if (repair != null) {
                                repair.diagnose(context, null);
                            }
                        }

                        @Override
                        public void openTeam(String context) {
                            if (repair != null) {
                                repair.team(context);
                            }
                        }

                        @Override
                        public void openLeftovers() {
                            if (repair != null) {
                                repair.cleanup();
                            }
                        }
                    })::items), getScene().getWindow(),
                    getScene().getStylesheets().isEmpty() ? null : getScene().getStylesheets().getFirst());
        }
        palette.show(isDark());
    }

    /** "Save as setup…": asks for a name, saves, and says what the setup keeps and what it does not. */
    private void saveAsSetup(dev.ponte.ui.run.LocalContainerItem item) {
        var conn = vm.local().connectionProperty().get();
        if (conn == null || vm.setups() == null) {
            return;
        }
        javafx.scene.control.TextInputDialog ask = new javafx.scene.control.TextInputDialog(item.name());
        ask.initOwner(getScene() == null ? null : getScene().getWindow());
        ask.setTitle("Save as setup");
        ask.setHeaderText("Save " + item.name() + " and its " + item.bridges().size()
                + (item.bridges().size() == 1 ? " bridge" : " bridges") + " as a setup of " + conn.context());
        ask.setContentText("Name:");
        ask.showAndWait().map(String::strip).filter(n -> !n.isEmpty()).ifPresent(name ->
                vm.setups().saveFrom(conn, item.name(), name, saved -> {
                    if (!saved.notes().isEmpty()) {
                        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
                        a.initOwner(getScene() == null ? null : getScene().getWindow());
                        a.setHeaderText("Saved " + saved.setup().name());
                        a.setContentText(String.join("\n\n", saved.notes()));
                        a.show();
                    }
                }));
    }

    public dev.ponte.ui.run.LocalContainersView localView() {
        return localView;
    }

    public SplitPane rightSplit() {
        return rightSplit;
    }

    private void installShortcuts() {
        sceneProperty().addListener((obs, o, scene) -> {
            if (scene == null) {
                return;
            }
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                    () -> {
                        if (workloadsView != null) {
                            workloadsView.filterField().requestFocus();
                        }
                    });
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN,
                    KeyCombination.SHIFT_DOWN), () -> namespacesView.filterField().requestFocus());
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
                    this::openKubeconfig);
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), () -> vm.contexts().reload());
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN),
                    () -> openRunDialog(workloadsView != null && workloadsView.table().isFocused() ? selectedWorkload() : null));
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN),
                    () -> openBridgeWizard(selectedWorkload()));
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
                    () -> openWorkloadLogs(selectedWorkload()));
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), this::openPalette);
        });
    }

    public SplitPane mainSplit() {
        return mainSplit;
    }

    public SplitPane leftSplit() {
        return leftSplit;
    }

    /** The workloads pane's split, or empty before the centre first showed workloads. */
    public java.util.Optional<SplitPane> workloadSplit() {
        return java.util.Optional.ofNullable(workloadsView).map(WorkloadsView::split);
    }

    /** Runs {@code action} with the workloads pane's split now, or when the pane is built. */
    public void whenWorkloadSplit(java.util.function.Consumer<SplitPane> action) {
        if (workloadsView != null) {
            action.accept(workloadsView.split());
        } else {
            onWorkloadSplit.add(action);
        }
    }
}
