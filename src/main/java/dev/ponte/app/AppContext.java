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

    private final ExecutorService pool;
    private final ExecutorService io;
    private final ScheduledExecutorService timer;
    private final ScheduledExecutorService health;
    private final FxTaskRunner tasks;
    private final MainViewModel main;
    private final AppLogSources logSources;
    private final Clock clock;
    private final CoreServices core;
    private final WakeWatch wake;
    private final java.nio.file.Path journalFile;
    private volatile JournalWatch journalWatch;

    /**
     * What the window runs on and can be built before the UI toolkit is up, off the UI thread (Main starts it beside
     * the toolkit): the threads, the task layer and the core services with their ports (journal, setups, kubeconfig
     * loader, engine discovery).
     */
    public static final class Base {
        /**
         * Operations the user started (the task drawer shows them) and the window's look-ups: four at a time, at most
         * {@value AppContext#TASK_QUEUE} waiting; a task beyond that fails at once with "Ponte is busy" (see FxTaskRunner).
         */
        final ExecutorService pool = FxTaskRunner.boundedPool(4, TASK_QUEUE, threads("ponte-task"));
        /** The services' own I/O: reconcile, list reads, opening watches. */
        final ExecutorService io = Executors.newFixedThreadPool(4, threads("ponte-io"));
        /** Retries, back-off and log reconnects. */
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads("ponte-timer"));
        /** Tunnel health samples (each may wait seconds on the engine or the API): never behind the timer's work. */
        final ScheduledExecutorService health = Executors.newScheduledThreadPool(2, threads("ponte-health"));
        final FxTaskRunner tasks = new FxTaskRunner(pool);
        final CoreServices core;
        final Path journalFile;

        Base(CoreFactory factory, UiSettings settings, Path journalFile) {
            this.journalFile = journalFile;
            core = factory.build(() -> ContextsViewModel.extraFiles(settings), tasks, io, health);
        }
    }

    /** The threads and the core services on the real adapters; any thread. */
    public static Base prepare(Map<String, String> env, Path home, UiSettings settings, Clock clock) {
        return new Base((extra, t, io, health) -> new CoreServices(env, home, settings, extra, clock, t, io, health),
                settings, AppPaths.forHome(env, home).journalFile());
    }

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
        this(prepare(env, home, settings, clock), settings, clock);
    }

    /** The window on core services {@code factory} builds (tests: on in-memory ports; no other process shares their journal). */
    public AppContext(UiSettings settings, Clock clock, CoreFactory factory) {
        this(new Base(factory, settings, null), settings, clock);
    }

    /** The window's view-models on {@code base} (its journal file, when it has one, is watched for the command line's changes). */
    public AppContext(Base base, UiSettings settings, Clock clock) {
        this(base, settings, clock, Platform::runLater);
    }

    /**
     * The same, with the view-models' hand-overs to the UI thread going through {@code ui}. Built on the UI thread,
     * {@code ui} is {@code Platform::runLater}; built beside the toolkit's start (Main), a {@link UiHandOver} that keeps
     * them until the window takes the context over: the view-models are then used on the UI thread only, as always.
     */
    public AppContext(Base base, UiSettings settings, Clock clock, java.util.concurrent.Executor ui) {
        this.clock = clock;
        this.journalFile = base.journalFile;
        pool = base.pool;
        io = base.io;
        timer = base.timer;
        health = base.health;
        tasks = base.tasks;
        core = base.core;
        // The contexts list and the core read settings.extraKubeconfigs the same way (ContextsViewModel.extraFiles).
        ContextsViewModel contexts = new ContextsViewModel(core.kubeconfig, tasks, settings);
        io.execute(core.housekeeping);
        ClusterViewModel cluster = new ClusterViewModel(core.connector, tasks, new ExecutorScheduler(timer),
                ui, settings, Backoff.DEFAULT);
        WorkloadsViewModel workloads = new WorkloadsViewModel(ui);
        dev.ponte.ui.tray.TaskWatcher.watch(tasks.tasks(), core.status, clock);
        wake = new WakeWatch(new ExecutorScheduler(timer), clock, WakeWatch::hostAddresses, core.connections::checkNow);

        ConnectionViewModel connection = new ConnectionViewModel(core.connections, core.engines, tasks, ui);
        LocalContainersViewModel localVm = new LocalContainersViewModel(core.local, ui);
        logSources = new AppLogSources(cluster.sessionProperty()::get, core.engines::open);
        main = new MainViewModel(contexts, cluster, workloads, connection, localVm, settings,
                new MainViewModel.Services(core.connections, core.runs, core::bridges, tasks, ui), VERSION);
        main.attachSetups(new dev.ponte.ui.setups.SetupsViewModel(core.setups, core.local, tasks, ui));
        main.attachLogs(logSources, LogContext.of(tasks, new ExecutorScheduler(timer), ui, clock));
    }

    /**
     * After the first frame: look for container engines, reconcile the journal with the engines and clusters, and start
     * watching for wake-ups. (On two cores, the engine look-up's class loading beside the first CSS pass cost it
     * ~100 ms.)
     */
    public void afterFirstFrame() {
        main.connection().enginePicker().refresh();
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
