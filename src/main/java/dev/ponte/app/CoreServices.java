package dev.ponte.app;

import dev.ponte.core.bridge.BridgeGateway;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.connections.JournalFile;
import dev.ponte.core.connections.KubeconfigClusters;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.run.LocalService;
import dev.ponte.core.run.RunBackend;
import dev.ponte.core.run.RunGateway;
import dev.ponte.core.setups.SetupService;
import dev.ponte.core.setups.SetupStore;
import dev.ponte.core.status.StatusBoard;
import dev.ponte.core.status.StatusFeed;
import dev.ponte.core.task.TaskLauncher;
import dev.ponte.docker.DiscoveredEngines;
import dev.ponte.docker.EngineDiscovery;
import dev.ponte.kube.Fabric8ClusterConnector;
import dev.ponte.kube.KubeconfigLoader;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The core services on the real adapters, without any UI: the window ({@link AppContext}) and everything that runs
 * Ponte headless (the command line, the crash tests' child process) build the same stack here.
 */
public final class CoreServices implements AutoCloseable {
    public final KubeconfigLoader kubeconfig;
    public final Fabric8ClusterConnector connector;
    public final DiscoveredEngines engines;
    public final KubeconfigClusters clusters;
    public final Journal journal;
    public final ConnectionService connections;
    /** Run and the local-containers list; every Run through it is remembered for "Save as setup…". */
    public final RunBackend runs;
    public final LocalService local;
    public final StatusBoard status = new StatusBoard();
    public final SetupService setups;
    private final Clock clock;

    /**
     * @param extraKubeconfigs kubeconfig files the user opened in Ponte, besides KUBECONFIG / ~/.kube/config
     * @param tasks            where operations run (the window's task layer, or a plain executor)
     * @param io               the services' own I/O (reconcile, list reads, opening watches)
     * @param health           tunnel samples
     */
    public CoreServices(Map<String, String> env, Path home, UiSettings settings, Supplier<List<Path>> extraKubeconfigs,
                        Clock clock, TaskLauncher tasks, Executor io, ScheduledExecutorService health) {
        this(env, home, settings, extraKubeconfigs, clock, tasks, io, health, ConnectionService.Options.defaults());
    }

    /** @param options timeouts and health sampling (tests sample faster) */
    public CoreServices(Map<String, String> env, Path home, UiSettings settings, Supplier<List<Path>> extraKubeconfigs,
                        Clock clock, TaskLauncher tasks, Executor io, ScheduledExecutorService health,
                        ConnectionService.Options options) {
        this.clock = clock;
        kubeconfig = new KubeconfigLoader(env, home);
        connector = new Fabric8ClusterConnector(kubeconfig, extraKubeconfigs, env, AppPaths.forHome(env, home).privateDir());
        engines = new DiscoveredEngines(new EngineDiscovery(env, home), () -> settings.engineEndpoint,
                endpoint -> settings.engineEndpoint = endpoint);
        clusters = new KubeconfigClusters(kubeconfig, connector, extraKubeconfigs);
        journal = new Journal(new JournalFile(AppPaths.forHome(env, home).journalFile()), clock);
        connections = new ConnectionService(engines, clusters, new AppConnectionSettings(settings, home), journal, tasks, io,
                new ExecutorScheduler(health), clock, options);
        RunGateway gateway = new RunGateway(engines, clusters, journal, clock);
        setups = new SetupService(SetupStore.open(AppPaths.forHome(env, home).setupsFile()), connections, gateway,
                this::bridges, tasks, clock);
        runs = setups.recording(gateway);
        local = new LocalService(runs, tasks, io);
        connections.subscribe(local::connectionsChanged);
        StatusFeed feed = new StatusFeed(status, clock);
        connections.subscribe(feed::connections);
        local.subscribe(feed::local);
    }

    /** The bridge wizard's backend for one connection. */
    public BridgeGateway bridges(Connection connection) {
        return new BridgeGateway(engines, clusters, journal, clock, connection);
    }

    @Override
    public void close() {
        local.close();
        connections.close();
    }
}
