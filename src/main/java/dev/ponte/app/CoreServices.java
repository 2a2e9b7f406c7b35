package dev.ponte.app;

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
    /** The values connections are made with (images, endpoints, this machine, MTUs). */
    public final ConnectionSettings settings;
    public final SetupService setups;
    /** The diagnostics checklist of any context. */
    public final dev.ponte.core.diagnostics.DiagnosticsService diagnostics;
    /** "Export support bundle…". */
    public final dev.ponte.core.support.SupportBundle support;
    /** The cleanup assistant: leftovers across every context and this machine's engine. */
    public final dev.ponte.core.cleanup.CleanupAssistant cleanup;
    /** The team view of a context. */
    public final dev.ponte.core.team.TeamService team;
    /** Removes files a killed Ponte left (kubeconfig copies in the private folder); run once, off the FX thread. */
    public final Runnable housekeeping;
    private final AutoCloseable journalStore;
    private final Clock clock;

    /**
     * The ports the services run on: the real adapters, or in-memory ones in tests.
     *
     * @param extraKubeconfigs kubeconfig files the user opened in Ponte (the cleanup assistant looks at all contexts)
     * @param supportSources   what the support bundle reads besides the services (version, settings file, log file)
     * @param journalStore     closed last, as when the process ends (a journal file's live-operation marks)
     */
    public record Ports(KubeconfigLoader kubeconfig, ClusterConnector connector, Engines engines, Clusters clusters,
                       ConnectionSettings settings, Journal journal, SetupStore setupStore, Runnable housekeeping,
                       Supplier<List<Path>> extraKubeconfigs, dev.ponte.core.support.SupportBundle.Sources supportSources,
                       AutoCloseable journalStore) {
        /** In-memory ports: no kubeconfig opened in Ponte, a support bundle without settings or log file. */
        public Ports(KubeconfigLoader kubeconfig, ClusterConnector connector, Engines engines, Clusters clusters,
                     ConnectionSettings settings, Journal journal, SetupStore setupStore, Runnable housekeeping) {
            this(kubeconfig, connector, engines, clusters, settings, journal, setupStore, housekeeping, List::of,
                    new dev.ponte.core.support.SupportBundle.Sources(AppContext.VERSION, () -> null, null), () -> { });
        }
    }

    /**
     * @param extraKubeconfigs kubeconfig files the user opened in Ponte, besides KUBECONFIG / ~/.kube/config
     * @param tasks            where operations run (the window's task layer, or a plain executor)
     * @param io               the services' own I/O (reconcile, snapshots' look-ups)
     * @param health           tunnel health samples
     */
    public CoreServices(Map<String, String> env, Path home, UiSettings settings, Supplier<List<Path>> extraKubeconfigs,
                        Clock clock, TaskLauncher tasks, Executor io, ScheduledExecutorService health) {
        this(env, home, settings, extraKubeconfigs, clock, tasks, io, health, ConnectionService.Options.defaults());
    }

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
        this(real(env, home, settings, extraKubeconfigs, clock, engines), clock, tasks, io, new ExecutorScheduler(health), options);
    }

    private static Ports real(Map<String, String> env, Path home, UiSettings settings, Supplier<List<Path>> extraKubeconfigs,
                              Clock clock, Engines engines) {
        AppPaths paths = AppPaths.forHome(env, home);
        KubeconfigLoader kubeconfig = new KubeconfigLoader(env, home);
        Fabric8ClusterConnector connector = new Fabric8ClusterConnector(kubeconfig, extraKubeconfigs, env, paths.privateDir());
        JournalFile journalFile = new JournalFile(paths.journalFile());
        return new Ports(kubeconfig, connector, engines, new KubeconfigClusters(kubeconfig, connector, extraKubeconfigs),
                new AppConnectionSettings(settings, home), new Journal(journalFile, clock),
                SetupStore.open(paths.setupsFile()), connector::sweepStaleFiles, extraKubeconfigs,
                new dev.ponte.core.support.SupportBundle.Sources(AppContext.VERSION, () -> readQuietly(paths.settingsFile()),
                        paths.logs().resolve("ponte.log")), journalFile::close);
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
        journalStore = ports.journalStore();
        housekeeping = ports.housekeeping();
        settings = ports.settings();
        connections = new ConnectionService(engines, clusters, settings, journal, tasks, io, health, clock, options);
        diagnostics = new dev.ponte.core.diagnostics.DiagnosticsService(engines, clusters, connections::snapshot,
                settings, new dev.ponte.core.diagnostics.ThisHost(), clock);
        support = new dev.ponte.core.support.SupportBundle(engines, clusters, connections::snapshot, journal, diagnostics,
                ports.supportSources(), clock);
        Supplier<List<Path>> extra = ports.extraKubeconfigs();
        cleanup = new dev.ponte.core.cleanup.CleanupAssistant(engines, clusters,
                () -> kubeconfig.load(extra.get()).contexts(), connections::snapshot,
                new dev.ponte.core.connections.LocalConnections(engines, clusters, settings, journal, clock,
                        options.stepTimeout()), clock, options.stepTimeout());
        team = new dev.ponte.core.team.TeamService(clusters, connections::snapshot, journal, clock);
        RunGateway gateway = new RunGateway(engines, clusters, journal, clock);
        setups = new SetupService(ports.setupStore(), connections, gateway, this::bridges, tasks, clock);
        runs = setups.recording(gateway);
        local = new LocalService(runs, tasks, io);
        connections.subscribe(local::connectionsChanged);
        StatusFeed feed = new StatusFeed(status, clock);
        connections.subscribe(feed::connections);
        local.subscribe(feed::local);
    }

    private static String readQuietly(Path file) {
        try {
            return java.nio.file.Files.isRegularFile(file) ? java.nio.file.Files.readString(file) : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not read " + file, e);
        }
    }

    /** The diagnose-and-repair tools' test requests for one connection. */
    public dev.ponte.core.bridge.TestRequestSender testRequests(Connection connection) {
        return new dev.ponte.core.bridge.TestRequestSender(engines, clusters, connection);
    }

    /** The bridge wizard's backend for one connection. */
    public BridgeGateway bridges(Connection connection) {
        return new BridgeGateway(engines, clusters, journal, clock, connection);
    }

    @Override
    public void close() {
        local.close();
        connections.close();
        try {
            journalStore.close(); // as when the process ends: operations still marked live are this process's no more
        } catch (Exception e) {
            throw new IllegalStateException("could not close the journal", e);
        }
    }
}
