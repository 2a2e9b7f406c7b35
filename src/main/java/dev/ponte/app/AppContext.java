package dev.ponte.app;

import dev.ponte.core.task.Backoff;
import dev.ponte.kube.Fabric8ClusterConnector;
import dev.ponte.kube.KubeconfigLoader;
import dev.ponte.ui.clusters.ClusterViewModel;
import dev.ponte.ui.clusters.ContextsViewModel;
import dev.ponte.ui.common.FxTaskRunner;
import dev.ponte.docker.EngineDiscovery;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.connection.ConnectionBackend;
import dev.ponte.ui.connection.ConnectionViewModel;
import dev.ponte.ui.shell.MainView;
import dev.ponte.ui.shell.MainViewModel;
import dev.ponte.ui.workloads.WorkloadsViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires Ponte by plain constructors: adapters, view-models, the task layer and its threads. The
 * app and the UI tests both build the main window through this class.
 */
public final class AppContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);
    public static final String VERSION = "0.1.0";

    private final ExecutorService pool = Executors.newFixedThreadPool(4, threads("ponte-task"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads("ponte-timer"));
    private final FxTaskRunner tasks = new FxTaskRunner(pool);
    private final MainViewModel main;
    private final AppLogSources logSources;
    private final Clock clock;
    /** Connection and bridge states for the tray and notifications (issue 6). */
    private final dev.ponte.core.status.StatusBoard status = new dev.ponte.core.status.StatusBoard();

    public AppContext(Map<String, String> env, Path home, UiSettings settings, Clock clock) {
        this.clock = clock;
        KubeconfigLoader loader = new KubeconfigLoader(env, home);
        ContextsViewModel contexts = new ContextsViewModel(loader, tasks, settings);
        Fabric8ClusterConnector connector = new Fabric8ClusterConnector(loader, contexts::extraFiles, env);
        pool.execute(connector::sweepStaleFiles);
        ClusterViewModel cluster = new ClusterViewModel(connector, tasks, new ExecutorScheduler(timer),
                Platform::runLater, settings, Backoff.DEFAULT);
        WorkloadsViewModel workloads = new WorkloadsViewModel(Platform::runLater);
        GefyraConnectionBackend backend = new GefyraConnectionBackend(loader, connector, contexts::extraFiles,
                new EngineDiscovery(env, home), new ConnectionSettings(settings, home), new ExecutorScheduler(timer), clock);
        ConnectionViewModel connection = new ConnectionViewModel(backend, tasks, Platform::runLater);
        dev.ponte.ui.tray.ConnectionStatusBinding.bind(connection, status);
        dev.ponte.ui.tray.TaskWatcher.watch(tasks.tasks(), status, clock);
        // The run backend reads the selected context's connection from task threads: keep a copy they may read.
        java.util.concurrent.atomic.AtomicReference<dev.ponte.core.gefyra.Connection> current =
                new java.util.concurrent.atomic.AtomicReference<>();
        connection.connectionProperty().addListener((obs, o, n) -> current.set(n));
        GefyraRunBackend runBackend = new GefyraRunBackend(connector, backend::context, backend::openEngine, current::get, clock);
        dev.ponte.ui.run.LocalContainersViewModel local =
                new dev.ponte.ui.run.LocalContainersViewModel(runBackend, tasks, Platform::runLater);
        BridgeStatusBinding.bind(local, status, clock);
        logSources = new AppLogSources(cluster.sessionProperty()::get, backend::openEngine);
        var logContext = dev.ponte.ui.logs.LogContext.of(tasks, new ExecutorScheduler(timer), Platform::runLater, clock);
        main = new MainViewModel(contexts, cluster, workloads, connection, settings, VERSION, local, runBackend,
                new GefyraBridgeBackend(runBackend), tasks,
                Platform::runLater);
        main.attachLogs(logSources, logContext);
    }

    public MainViewModel mainViewModel() {
        return main;
    }

    public FxTaskRunner tasks() {
        return tasks;
    }

    /** The tray's source: connection states (fed here), bridge states (fed by the run/bridge work), task ends. */
    public dev.ponte.core.status.StatusBoard statusBoard() {
        return status;
    }

    /** Unbridge from the tray: the bridge of this machine with that name, keeping its mount. Call on the FX thread. */
    public void unbridge(String bridgeName) {
        main.local().bridges().stream().filter(s -> s.bridge().name().equals(bridgeName)).findFirst()
                .ifPresent(s -> main.local().unbridge(s, false));
    }

    public MainView createView() {
        return new MainView(main, tasks.tasks(), clock);
    }

    /** Stops watches and sessions, then the threads. Call on the FX thread. */
    @Override
    public void close() {
        main.stop();
        logSources.close();
        pool.shutdownNow();
        timer.shutdownNow();
        try {
            if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("Background tasks did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> LOG.error("Uncaught in {}", th.getName(), e));
            return t;
        };
    }
}
