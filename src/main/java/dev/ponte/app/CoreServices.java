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
    /** The diagnostics checklist of any context (issue 14). */
    public final dev.ponte.core.diagnostics.DiagnosticsService diagnostics;
    /** "Export support bundle…" (issue 14). */
    public final dev.ponte.core.support.SupportBundle support;
    /** The cleanup assistant: leftovers across every context and this machine's engine (issue 14). */
    public final dev.ponte.core.cleanup.CleanupAssistant cleanup;
    /** The team view of a context (issue 14). */
    public final dev.ponte.core.team.TeamService team;
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
        AppConnectionSettings connectionSettings = new AppConnectionSettings(settings, home);
        this.settings = connectionSettings;
        connections = new ConnectionService(engines, clusters, connectionSettings, journal, tasks, io,
                new ExecutorScheduler(health), clock, options);
        diagnostics = new dev.ponte.core.diagnostics.DiagnosticsService(engines, clusters, connections::snapshot,
                connectionSettings, new dev.ponte.core.diagnostics.ThisHost(), clock);
        AppPaths paths = AppPaths.forHome(env, home);
        support = new dev.ponte.core.support.SupportBundle(engines, clusters, connections::snapshot, journal, diagnostics,
                new dev.ponte.core.support.SupportBundle.Sources(AppContext.VERSION, () -> readQuietly(paths.settingsFile()),
                        paths.logs().resolve("ponte.log")), clock);
        cleanup = new dev.ponte.core.cleanup.CleanupAssistant(engines, clusters,
                () -> kubeconfig.load(extraKubeconfigs.get()).contexts(), connections::snapshot,
                new dev.ponte.core.connections.LocalConnections(engines, clusters, connectionSettings, journal, clock,
                        options.stepTimeout()), clock, options.stepTimeout());
        team = new dev.ponte.core.team.TeamService(clusters, connections::snapshot, journal, clock);
        runs = new RunGateway(engines, clusters, journal, clock);
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
        journalFile.close(); // as when the process ends: operations still marked live are this process's no more
    }
}
