package dev.ponte.app;

import dev.ponte.core.bridge.BridgeBackend;
import dev.ponte.core.bridge.BridgeGateway;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSettings;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.connections.JournalFile;
import dev.ponte.core.connections.KubeconfigClusters;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.port.ClusterConnector;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.Scheduler;
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
 * Ponte headless (the command line, the crash tests' child process) build the same stack here. Tests build it on
 * in-memory ports through {@link #CoreServices(Ports, Clock, TaskLauncher, Executor, Scheduler, ConnectionService.Options)}.
 */
public final class CoreServices implements AutoCloseable {
    public final KubeconfigLoader kubeconfig;
    /** Browsing (namespaces, workloads, pods): one session per selected context. */
    public final ClusterConnector connector;
    public final Engines engines;
    public final Clusters clusters;
    public final Journal journal;
    public final ConnectionService connections;
    /** Run and the local-containers list; every Run through it is remembered for "Save as setup…". */
    public final RunBackend runs;
    public final LocalService local;
    public final StatusBoard status = new StatusBoard();
    public final SetupService setups;
    /** Removes files a killed Ponte left (kubeconfig copies in the private folder); run once, off the FX thread. */
    public final Runnable housekeeping;
    private final Clock clock;

    /** The ports the services run on: the real adapters, or in-memory ones in tests. */
    public record Ports(KubeconfigLoader kubeconfig, ClusterConnector connector, Engines engines, Clusters clusters,
                       ConnectionSettings settings, Journal journal, SetupStore setupStore, Runnable housekeeping) {
    }

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
        this(real(env, home, settings, extraKubeconfigs, clock), clock, tasks, io, new ExecutorScheduler(health), options);
    }

    private static Ports real(Map<String, String> env, Path home, UiSettings settings, Supplier<List<Path>> extraKubeconfigs,
                              Clock clock) {
        AppPaths paths = AppPaths.forHome(env, home);
        KubeconfigLoader kubeconfig = new KubeconfigLoader(env, home);
        Fabric8ClusterConnector connector = new Fabric8ClusterConnector(kubeconfig, extraKubeconfigs, env, paths.privateDir());
        DiscoveredEngines engines = new DiscoveredEngines(new EngineDiscovery(env, home), () -> settings.engineEndpoint,
                endpoint -> settings.engineEndpoint = endpoint);
        return new Ports(kubeconfig, connector, engines, new KubeconfigClusters(kubeconfig, connector, extraKubeconfigs),
                new AppConnectionSettings(settings, home), new Journal(new JournalFile(paths.journalFile()), clock),
                SetupStore.open(paths.setupsFile()), connector::sweepStaleFiles);
    }

    /** The services on {@code ports}. */
    public CoreServices(Ports ports, Clock clock, TaskLauncher tasks, Executor io, Scheduler health,
                        ConnectionService.Options options) {
        this.clock = clock;
        kubeconfig = ports.kubeconfig();
        connector = ports.connector();
        engines = ports.engines();
        clusters = ports.clusters();
        journal = ports.journal();
        housekeeping = ports.housekeeping();
        connections = new ConnectionService(engines, clusters, ports.settings(), journal, tasks, io, health, clock, options);
        RunGateway gateway = new RunGateway(engines, clusters, journal, clock);
        setups = new SetupService(ports.setupStore(), connections, gateway, this::bridges, tasks, clock);
        runs = setups.recording(gateway);
        local = new LocalService(runs, tasks, io);
        connections.subscribe(local::connectionsChanged);
        StatusFeed feed = new StatusFeed(status, clock);
        connections.subscribe(feed::connections);
        local.subscribe(feed::local);
    }

    /** The bridge wizard's backend for one connection. */
    public BridgeBackend bridges(Connection connection) {
        return new BridgeGateway(engines, clusters, journal, clock, connection);
    }

    @Override
    public void close() {
        local.close();
        connections.close();
    }
}
