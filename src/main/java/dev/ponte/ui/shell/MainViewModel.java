package dev.ponte.ui.shell;

import dev.ponte.core.model.ContextState;
import dev.ponte.ui.clusters.ClusterViewModel;
import dev.ponte.ui.clusters.ContextItemViewModel;
import dev.ponte.ui.clusters.ContextsViewModel;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.connection.ConnectionViewModel;
import dev.ponte.ui.connection.HealthText;
import dev.ponte.ui.workloads.WorkloadsViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/** The main window's state: which pane the centre shows, the status bar's words, the theme. */
public final class MainViewModel {
    /** What the centre of the window shows. */
    public enum Centre { LOADING, ONBOARDING, NO_CONTEXT, CONNECTING, CLUSTER_PROBLEM, WORKLOADS }

    private final ContextsViewModel contexts;
    private final ClusterViewModel cluster;
    private final WorkloadsViewModel workloads;
    private final ConnectionViewModel connection;
    private final UiSettings settings;
    private final ObjectProperty<UiSettings.Theme> theme;
    private final ObjectBinding<Centre> centre;
    private final StringBinding contextStatus;
    private final StringBinding connectionStatus;
    private final String version;
    private final dev.ponte.ui.run.LocalContainersViewModel local;
    private final dev.ponte.ui.run.RunBackend runBackend;
    private final dev.ponte.ui.bridge.BridgeBackend bridgeBackend;
    private final dev.ponte.ui.common.TaskRunner tasks;
    private final java.util.concurrent.Executor ui;

    /**
     * @param local      the connection's local containers and this machine's bridges
     * @param runBackend what the Run dialog uses
     * @param ui         the UI thread's executor (step events of dialogs hop through it)
     */
    public MainViewModel(ContextsViewModel contexts, ClusterViewModel cluster, WorkloadsViewModel workloads,
                         ConnectionViewModel connection, UiSettings settings, String version,
                         dev.ponte.ui.run.LocalContainersViewModel local, dev.ponte.ui.run.RunBackend runBackend,
                         dev.ponte.ui.bridge.BridgeBackend bridgeBackend,
                         dev.ponte.ui.common.TaskRunner tasks, java.util.concurrent.Executor ui) {
        this.local = local;
        this.bridgeBackend = bridgeBackend;
        this.runBackend = runBackend;
        this.tasks = tasks;
        this.ui = ui;
        this.contexts = contexts;
        this.cluster = cluster;
        this.workloads = workloads;
        this.connection = connection;
        this.settings = settings;
        this.version = version;
        this.theme = new SimpleObjectProperty<>(settings.theme == null ? UiSettings.Theme.SYSTEM : settings.theme);
        theme.addListener((obs, o, n) -> settings.theme = n);

        contexts.selectedProperty().addListener((obs, o, n) -> {
            cluster.show(n);
            connection.show(n == null ? null : n.name());
        });
        connectionStatus = Bindings.createStringBinding(() -> {
            var h = connection.healthProperty().get();
            return switch (connection.phaseProperty().get()) {
                case UNKNOWN, NOT_CONNECTED -> "Not connected";
                case CONNECTING -> "Connecting…";
                case DISCONNECTING -> "Disconnecting…";
                case FAILED -> "Connection failed";
                case CONNECTED -> (h == null ? "Connected" : HealthText.word(h.state()) + " · " + HealthText.numbers(h))
                        + bridgeSummary(local.bridges());
            };
        }, connection.phaseProperty(), connection.healthProperty(), local.bridges());
        cluster.sessionProperty().addListener((obs, o, n) -> showWorkloads());
        // Local containers follow the connection of the selected context; a tunnel that is down flags every bridge.
        javafx.beans.InvalidationListener follow = obs -> local.show(
                connection.phaseProperty().get() == ConnectionViewModel.Phase.CONNECTED ? connection.connectionProperty().get() : null);
        connection.phaseProperty().addListener(follow);
        connection.connectionProperty().addListener(follow);
        connection.healthProperty().addListener((obs, o, h) -> local.tunnelDown(
                h != null && h.state() == dev.ponte.core.health.TunnelHealth.State.DOWN ? h.reason() : null));
        local.bridges().addListener((javafx.collections.ListChangeListener<dev.ponte.ui.run.BridgeState>) c ->
                workloads.showBridges(local.bridges()));
        cluster.selectedNamespaceProperty().addListener((obs, o, n) -> showWorkloads());

        ObservableValue<ContextState> state = cluster.contextProperty()
                .flatMap(ContextItemViewModel::stateProperty);
        // Lazy flatMap values only notify again once read: the bindings below read them every time.
        centre = Bindings.createObjectBinding(() -> {
            state.getValue();
            return computeCentre();
        }, contexts.onboardingProperty(),
                contexts.loadingProperty(), contexts.selectedProperty(), cluster.sessionProperty(),
                cluster.problemProperty(), state);
        ObservableValue<String> detail = cluster.contextProperty().flatMap(ContextItemViewModel::stateDetailProperty);
        contextStatus = Bindings.createStringBinding(() -> {
            ContextItemViewModel c = cluster.contextProperty().get();
            ContextState st = state.getValue();
            detail.getValue();
            if (c == null) {
                return "No context selected";
            }
            return c.name() + " · " + switch (st) {
                case REACHABLE -> "Kubernetes " + c.serverVersionProperty().get();
                case CHECKING -> "connecting…";
                case UNREACHABLE -> "unreachable";
                case NO_ACCESS -> "no access";
                case UNKNOWN -> "not checked";
            };
        }, cluster.contextProperty(), state, detail);
    }

    /** {@code · 2 bridges} or {@code · ⚠ 1 of 2 bridges: its local container api-local is exited}. */
    static String bridgeSummary(java.util.List<dev.ponte.ui.run.BridgeState> bridges) {
        if (bridges.isEmpty()) {
            return "";
        }
        var flagged = bridges.stream().filter(dev.ponte.ui.run.BridgeState::flagged).toList();
        String count = bridges.size() == 1 ? "1 bridge" : bridges.size() + " bridges";
        if (flagged.isEmpty()) {
            return " · " + count;
        }
        return " · ⚠ " + flagged.size() + " of " + count + " not carrying traffic: " + flagged.getFirst().workload() + " — "
                + flagged.getFirst().flag();
    }

    /** Starts everything: reads the kubeconfig, which selects a context, which connects. */
    public void start() {
        contexts.reload();
    }

    /** Stops every watch and session (window closing). */
    public void stop() {
        local.stopWatches();
        connection.stop();
        workloads.stop();
        cluster.stop();
    }

    private void showWorkloads() {
        workloads.show(cluster.sessionProperty().get(), cluster.selectedNamespaceProperty().get());
    }

    private Centre computeCentre() {
        if (contexts.onboardingProperty().get()) {
            return Centre.ONBOARDING;
        }
        ContextItemViewModel c = contexts.selectedProperty().get();
        if (c == null) {
            return contexts.loadingProperty().get() ? Centre.LOADING : Centre.NO_CONTEXT;
        }
        if (cluster.sessionProperty().get() != null) {
            return Centre.WORKLOADS;
        }
        return cluster.problemProperty().get() != null ? Centre.CLUSTER_PROBLEM : Centre.CONNECTING;
    }

    public ObjectBinding<Centre> centreProperty() {
        return centre;
    }

    public StringBinding contextStatusProperty() {
        return contextStatus;
    }

    /** The connection slot of the status bar: state, handshake age, traffic. */
    public StringBinding connectionStatusProperty() {
        return connectionStatus;
    }

    public ConnectionViewModel connection() {
        return connection;
    }

    public ObjectProperty<UiSettings.Theme> themeProperty() {
        return theme;
    }

    public ContextsViewModel contexts() {
        return contexts;
    }

    public ClusterViewModel cluster() {
        return cluster;
    }

    public WorkloadsViewModel workloads() {
        return workloads;
    }

    public UiSettings settings() {
        return settings;
    }

    public dev.ponte.ui.run.LocalContainersViewModel local() {
        return local;
    }

    /**
     * A Run dialog for the selected context's connection, prefilled from {@code workload} when given
     * ("Run locally like this…"). Null when not connected.
     */
    public dev.ponte.ui.run.RunDialogViewModel newRunDialog(dev.ponte.core.model.Workload workload) {
        var conn = local.connectionProperty().get();
        if (conn == null) {
            return null;
        }
        var taken = local.items().stream().map(dev.ponte.ui.run.LocalContainerItem::name)
                .collect(java.util.stream.Collectors.toSet());
        var dialog = new dev.ponte.ui.run.RunDialogViewModel(runBackend, tasks, ui, conn, taken);
        String ns = cluster.selectedNamespaceProperty().get();
        if (ns != null) {
            dialog.namespace.set(ns);
        }
        dialog.loadImages();
        if (workload != null) {
            dialog.prefillFrom(workload.namespace(), workload.kind(), workload.name());
        }
        return dialog;
    }

    /**
     * A bridge wizard view-model for a workload of the connection (loaded), for callers that drive it
     * without its window; null when not connected. The window itself opens through {@code BridgeWizard}.
     */
    public dev.ponte.ui.bridge.BridgeWizardViewModel bridgeWizard(dev.ponte.core.model.Workload w,
                                                                  dev.ponte.ui.bridge.RunLauncher runLauncher) {
        if (local.connectionProperty().get() == null) {
            return null;
        }
        var wizard = new dev.ponte.ui.bridge.BridgeWizardViewModel(bridgeBackend, tasks, ui, runLauncher, w.namespace(),
                w.kind(), w.name());
        wizard.load();
        return wizard;
    }

    /** The bridge wizard's backend, task layer and UI executor (the view opens one wizard per connection). */
    public dev.ponte.ui.bridge.BridgeBackend bridgeBackend() {
        return bridgeBackend;
    }

    public dev.ponte.ui.common.TaskRunner tasks() {
        return tasks;
    }

    public java.util.concurrent.Executor ui() {
        return ui;
    }

    private LogSources logSources;
    private dev.ponte.ui.logs.LogContext logContext;

    /** Where Logs actions get their sources and the log viewer its threads. */
    public void attachLogs(LogSources sources, dev.ponte.ui.logs.LogContext context) {
        this.logSources = sources;
        this.logContext = context;
    }

    public LogSources logSources() {
        return logSources;
    }

    public dev.ponte.ui.logs.LogContext logContext() {
        return logContext;
    }

    public String version() {
        return version;
    }
}
