package dev.ponte.ui.shell;

import dev.ponte.core.bridge.BridgeBackend;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.model.ContextState;
import dev.ponte.core.model.Workload;
import dev.ponte.core.run.BridgeState;
import dev.ponte.core.run.RunBackend;
import dev.ponte.core.task.Latest;
import dev.ponte.ui.bridge.BridgeWizardViewModel;
import dev.ponte.ui.bridge.RunLauncher;
import dev.ponte.ui.clusters.ClusterViewModel;
import dev.ponte.ui.clusters.ContextItemViewModel;
import dev.ponte.ui.clusters.ContextsViewModel;
import dev.ponte.ui.common.TaskRunner;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.connection.ConnectionViewModel;
import dev.ponte.ui.logs.LogContext;
import dev.ponte.ui.run.LocalContainerItem;
import dev.ponte.ui.run.LocalContainersViewModel;
import dev.ponte.ui.run.RunDialogViewModel;
import dev.ponte.ui.workloads.WorkloadsViewModel;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * The main window: which pane the centre shows, the status bar's words, the theme, and which context's connection
 * the panels show. Connection state lives in the {@link ConnectionService}; this class only points the panels at
 * the selected context and words what the services say.
 */
public final class MainViewModel {
    /** What the centre of the window shows. */
    public enum Centre { LOADING, ONBOARDING, NO_CONTEXT, CONNECTING, CLUSTER_PROBLEM, WORKLOADS }

    /** What the window needs besides its panels: the services and the task layer. */
    public record Services(ConnectionService connections, RunBackend runs, Function<Connection, BridgeBackend> bridges,
                           TaskRunner tasks, Executor ui) {
    }

    private final ContextsViewModel contexts;
    private final ClusterViewModel cluster;
    private final WorkloadsViewModel workloads;
    private final ConnectionViewModel connection;
    private final LocalContainersViewModel local;
    private final UiSettings settings;
    private final Services services;
    private final String version;
    private final ObjectProperty<UiSettings.Theme> theme;
    private final ReadOnlyObjectWrapper<ConnectionsSnapshot> all = new ReadOnlyObjectWrapper<>(ConnectionsSnapshot.EMPTY);
    private final ObjectBinding<Centre> centre;
    private final StatusBarViewModel statusBar;
    private LogSources logSources;
    private LogContext logContext;
    private dev.ponte.ui.setups.SetupsViewModel setups;

    public MainViewModel(ContextsViewModel contexts, ClusterViewModel cluster, WorkloadsViewModel workloads,
                         ConnectionViewModel connection, LocalContainersViewModel local, UiSettings settings,
                         Services services, String version) {
        this.contexts = contexts;
        this.cluster = cluster;
        this.workloads = workloads;
        this.connection = connection;
        this.local = local;
        this.settings = settings;
        this.services = services;
        this.version = version;
        this.theme = new SimpleObjectProperty<>(settings.theme == null ? UiSettings.Theme.SYSTEM : settings.theme);
        theme.addListener((obs, o, n) -> settings.theme = n);

        contexts.selectedProperty().addListener((obs, o, n) -> {
            cluster.show(n);
            connection.show(n == null ? null : n.name());
        });
        services.connections().subscribe(new Latest<>(services.ui(), s -> {
            all.set(s);
            contexts.showConnections(s);
        }));
        // The local list follows the selected context's connection while it has a tunnel.
        connection.snapshotProperty().addListener((obs, o, s) ->
                local.show(s != null && s.state().isUp() ? s.connection() : null));
        local.bridges().addListener((javafx.collections.ListChangeListener<BridgeState>) c -> workloads.showBridges(local.bridges()));
        cluster.sessionProperty().addListener((obs, o, n) -> showWorkloads());
        cluster.selectedNamespaceProperty().addListener((obs, o, n) -> showWorkloads());

        statusBar = new StatusBarViewModel(cluster, connection, local, all, version);

        ObservableValue<ContextState> state = cluster.contextProperty().flatMap(ContextItemViewModel::stateProperty);
        // Lazy flatMap values only notify again once read: the bindings below read them every time.
        centre = Bindings.createObjectBinding(() -> {
            state.getValue();
            return computeCentre();
        }, contexts.onboardingProperty(), contexts.loadingProperty(), contexts.selectedProperty(),
                cluster.sessionProperty(), cluster.problemProperty(), state);
    }

    /** Starts everything: reads the kubeconfig, which selects a context. */
    public void start() {
        contexts.reload();
    }

    /** Stops the window's watches (closing): the connections' own watches stop with their services. */
    public void stop() {
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

    /**
     * A Run dialog for the selected context's connection, prefilled from {@code workload} when given ("Run locally
     * like this…"). Null when not connected.
     */
    public RunDialogViewModel newRunDialog(Workload workload) {
        Connection conn = local.connectionProperty().get();
        if (conn == null) {
            return null;
        }
        var taken = local.items().stream().map(LocalContainerItem::name).collect(Collectors.toSet());
        var dialog = new RunDialogViewModel(services.runs(), services.tasks(), services.ui(), conn, taken);
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
     * A bridge wizard view-model for a workload of the selected connection (loaded), for callers that drive it
     * without its window; null when not connected. The window itself opens through {@code BridgeWizard}.
     */
    public BridgeWizardViewModel bridgeWizard(Workload w, RunLauncher runLauncher) {
        Connection conn = local.connectionProperty().get();
        if (conn == null) {
            return null;
        }
        var wizard = new BridgeWizardViewModel(services.bridges().apply(conn), services.tasks(), services.ui(), runLauncher,
                w.namespace(), w.kind(), w.name());
        wizard.load();
        return wizard;
    }

    /** The bridge wizard's backend for the selected connection (the view opens one wizard per connection). */
    public BridgeBackend bridgeBackend() {
        Connection conn = local.connectionProperty().get();
        return conn == null ? null : services.bridges().apply(conn);
    }

    /** The saved setups of the selected context (follows the context selection). */
    public void attachSetups(dev.ponte.ui.setups.SetupsViewModel vm) {
        this.setups = vm;
        ContextItemViewModel c = contexts.selectedProperty().get();
        vm.show(c == null ? null : c.name());
        contexts.selectedProperty().addListener((obs, o, n) -> vm.show(n == null ? null : n.name()));
    }

    /** The saved setups, or null when the window runs without them. */
    public dev.ponte.ui.setups.SetupsViewModel setups() {
        return setups;
    }

    /** Where Logs actions get their sources and the log viewer its threads. */
    public void attachLogs(LogSources sources, LogContext context) {
        this.logSources = sources;
        this.logContext = context;
    }

    public ObjectBinding<Centre> centreProperty() {
        return centre;
    }

    /** The status bar's and the header's words. */
    public StatusBarViewModel statusBar() {
        return statusBar;
    }

    /** Every connection, on the FX thread (the recovery banner, the status bar). */
    public javafx.beans.property.ReadOnlyObjectProperty<ConnectionsSnapshot> connectionsProperty() {
        return all.getReadOnlyProperty();
    }

    public ConnectionService connections() {
        return services.connections();
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

    public LocalContainersViewModel local() {
        return local;
    }

    public TaskRunner tasks() {
        return services.tasks();
    }

    public Executor ui() {
        return services.ui();
    }

    public LogSources logSources() {
        return logSources;
    }

    public LogContext logContext() {
        return logContext;
    }

    public String version() {
        return version;
    }
}
