package dev.ponte.app;

import dev.ponte.core.bridge.BridgeGateway;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.connections.JournalFile;
import dev.ponte.core.connections.KubeconfigClusters;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.port.Engines;
import dev.ponte.core.run.LocalService;
import dev.ponte.core.run.RunGateway;
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
    public final Engines engines;
    public final KubeconfigClusters clusters;
    public final Journal journal;
    private final JournalFile journalFile;
    public final ConnectionService connections;
    public final RunGateway runs;
    public final LocalService local;
    public final StatusBoard status = new StatusBoard();
    /** The values connections are made with (images, endpoints, this machine). */
    public final dev.ponte.core.connections.ConnectionSettings settings;
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
        this(env, home, settings, extraKubeconfigs, clock, tasks, io, health, options,
                new DiscoveredEngines(new EngineDiscovery(env, home), () -> settings.engineEndpoint,
                        endpoint -> settings.engineEndpoint = endpoint));
    }

    /** @param engines the container engines (tests hand in an in-memory one; the app discovers them) */
    public CoreServices(Map<String, String> env, Path home, UiSettings settings, Supplier<List<Path>> extraKubeconfigs,
                        Clock clock, TaskLauncher tasks, Executor io, ScheduledExecutorService health,
                        ConnectionService.Options options, Engines engines) {
        this.clock = clock;
        kubeconfig = new KubeconfigLoader(env, home);
        connector = new Fabric8ClusterConnector(kubeconfig, extraKubeconfigs, env, AppPaths.forHome(env, home).privateDir());
        this.engines = engines;
        clusters = new KubeconfigClusters(kubeconfig, connector, extraKubeconfigs);
        journalFile = new JournalFile(AppPaths.forHome(env, home).journalFile());
        journal = new Journal(journalFile, clock);
        this.settings = new AppConnectionSettings(settings, home);
        connections = new ConnectionService(engines, clusters, this.settings, journal, tasks, io,
                new ExecutorScheduler(health), clock, options);
        runs = new RunGateway(engines, clusters, journal, clock);
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
        journalFile.close(); // as when the process ends: operations still marked live are this process's no more
    }
}
