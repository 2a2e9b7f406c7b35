package dev.ponte.app;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.WakeWatch;
import dev.ponte.core.run.LocalService;
import dev.ponte.core.status.StatusBoard;
import dev.ponte.core.task.Backoff;
import dev.ponte.ui.clusters.ClusterViewModel;
import dev.ponte.ui.clusters.ContextsViewModel;
import dev.ponte.ui.common.FxTaskRunner;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.connection.ConnectionViewModel;
import dev.ponte.ui.logs.LogContext;
import dev.ponte.ui.run.LocalContainersViewModel;
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
 * Wires Ponte by plain constructors: adapters, core services, view-models, the task layer and its threads. No
 * decisions, no wording, no I/O of its own. The app and the UI tests both build the main window through this class.
 */
public final class AppContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);
    public static final String VERSION = "0.1.0";
    static final int TASK_QUEUE = 64;

    /**
     * Operations the user started (the task drawer shows them) and the window's look-ups: four at a time, at most
     * {@value #TASK_QUEUE} waiting; a task beyond that fails at once with "Ponte is busy" (see FxTaskRunner).
     */
    private final ExecutorService pool = FxTaskRunner.boundedPool(4, TASK_QUEUE, threads("ponte-task"));
    /** The services' own I/O: reconcile, list reads, opening watches. */
    private final ExecutorService io = Executors.newFixedThreadPool(4, threads("ponte-io"));
    /** Retries, back-off and log reconnects. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads("ponte-timer"));
    /** Tunnel health samples (each may wait seconds on the engine or the API): never behind the timer's work. */
    private final ScheduledExecutorService health = Executors.newScheduledThreadPool(2, threads("ponte-health"));
    private final FxTaskRunner tasks = new FxTaskRunner(pool);
    private final MainViewModel main;
    private final AppLogSources logSources;
    private final Clock clock;
    private final CoreServices core;
    private final WakeWatch wake;
    private final java.nio.file.Path journalFile;
    private volatile JournalWatch journalWatch;

    /** Builds the core services on the window's task layer and threads. */
    @FunctionalInterface
    public interface CoreFactory {
        /**
         * @param extraKubeconfigs the kubeconfig files the user opened in Ponte (read when needed)
         * @param tasks            the window's task layer
         * @param io               the services' own I/O
         * @param health           tunnel samples
         */
        CoreServices build(java.util.function.Supplier<java.util.List<Path>> extraKubeconfigs, FxTaskRunner tasks,
                           java.util.concurrent.Executor io, ScheduledExecutorService health);
    }

    public AppContext(Map<String, String> env, Path home, UiSettings settings, Clock clock) {
        this(settings, clock, (extra, t, io, health) -> new CoreServices(env, home, settings, extra, clock, t, io, health),
                AppPaths.forHome(env, home).journalFile());
    }

    /** The window on core services {@code factory} builds (tests: on in-memory ports; no other process shares their journal). */
    public AppContext(UiSettings settings, Clock clock, CoreFactory factory) {
        this(settings, clock, factory, null);
    }

    /** @param journalFile the journal's file, watched for changes by another Ponte (the command line); null: none */
    private AppContext(UiSettings settings, Clock clock, CoreFactory factory, Path journalFile) {
        this.clock = clock;
        this.journalFile = journalFile;
        // The contexts list reads settings.extraKubeconfigs through ContextsViewModel.extraFiles; the core the same way.
        ContextsViewModel[] contextsRef = new ContextsViewModel[1];
        core = factory.build(() -> contextsRef[0].extraFiles(), tasks, io, health);
        ContextsViewModel contexts = new ContextsViewModel(core.kubeconfig, tasks, settings);
        contextsRef[0] = contexts;
        io.execute(core.housekeeping);
        ClusterViewModel cluster = new ClusterViewModel(core.connector, tasks, new ExecutorScheduler(timer),
                Platform::runLater, settings, Backoff.DEFAULT);
        WorkloadsViewModel workloads = new WorkloadsViewModel(Platform::runLater);
        dev.ponte.ui.tray.TaskWatcher.watch(tasks.tasks(), core.status, clock);
        wake = new WakeWatch(new ExecutorScheduler(timer), clock, WakeWatch::hostAddresses, core.connections::checkNow);

        ConnectionViewModel connection = new ConnectionViewModel(core.connections, core.engines, tasks, Platform::runLater);
        LocalContainersViewModel localVm = new LocalContainersViewModel(core.local, Platform::runLater);
        logSources = new AppLogSources(cluster.sessionProperty()::get, core.engines::open);
        main = new MainViewModel(contexts, cluster, workloads, connection, localVm, settings,
                new MainViewModel.Services(core.connections, core.runs, core::bridges, tasks, Platform::runLater), VERSION);
        main.attachSetups(new dev.ponte.ui.setups.SetupsViewModel(core.setups, core.local, tasks, Platform::runLater));
        main.attachLogs(logSources, LogContext.of(tasks, new ExecutorScheduler(timer), Platform::runLater, clock));
    }

    /** After the first frame: reconcile the journal with the engines and clusters, and start watching for wake-ups. */
    public void afterFirstFrame() {
        core.connections.reconcile();
        wake.start();
        // What the command line does next to the window shows here at once (the journal is shared).
        if (journalFile != null) {
            io.execute(() -> journalWatch = JournalWatch.start(journalFile, core.journal, core.connections));
        }
    }

    public MainViewModel mainViewModel() {
        return main;
    }

    public FxTaskRunner tasks() {
        return tasks;
    }

    /** The tray's source: connection and bridge states (fed from the core services) and task ends. */
    public StatusBoard statusBoard() {
        return core.status;
    }

    public ConnectionService connections() {
        return core.connections;
    }

    public LocalService local() {
        return core.local;
    }

    /** The core services the window runs on. */
    public CoreServices core() {
        return core;
    }

    public MainView createView() {
        MainView view = new MainView(main, tasks.tasks(), clock);
        view.attachRepair(new dev.ponte.ui.diagnostics.RepairTools(core.diagnostics, core.support, core.cleanup, core.team,
                core::testRequests, core.connections, tasks, clock));
        return view;
    }

    /** Stops watches and sessions, then the threads. Call on the FX thread. */
    @Override
    public void close() {
        main.stop();
        wake.close();
        if (journalWatch != null) {
            journalWatch.close();
        }
        core.close();
        logSources.close();
        pool.shutdownNow();
        io.shutdownNow();
        timer.shutdownNow();
        health.shutdownNow();
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
