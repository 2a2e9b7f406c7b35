package dev.ponte.app;

import dev.ponte.cli.CliServices;
import dev.ponte.core.bridge.BridgeGateway;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.Workload;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.LogListener;
import dev.ponte.core.port.LogRequest;
import dev.ponte.core.port.LogSource;
import dev.ponte.core.port.LogStream;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.run.RunBackend;
import dev.ponte.core.task.TaskLauncher;
import dev.ponte.docker.DiscoveredEngines;
import dev.ponte.docker.DockerContainerLogs;
import dev.ponte.docker.DockerEngine;
import dev.ponte.docker.EngineDiscovery;
import dev.ponte.kube.logs.KubeLogs;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The command line's services: {@link CoreServices}, exactly as the window builds it, with the user's settings and
 * kubeconfig files, and its own threads (daemons: a command ends when its work does).
 */
public final class CliCore implements CliServices {
    private final CoreServices core;
    private final ExecutorService io;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
    private final List<Path> extra;

    private CliCore(CoreServices core, List<Path> extra, ExecutorService io, ScheduledExecutorService timer, Clock clock) {
        this.core = core;
        this.extra = List.copyOf(extra);
        this.io = io;
        this.timer = timer;
        this.clock = clock;
    }

    /**
     * @param engines the engines to use given the settings (the app discovers them; tests hand in an in-memory one)
     */
    public static CliServices.Factory factory(Map<String, String> env, Path home, Clock clock, ConnectionService.Options options,
                                       Function<UiSettings, Engines> engines) {
        return (o, tasks) -> {
            Map<String, String> e = new LinkedHashMap<>(env);
            UiSettings settings = new SettingsStore(AppPaths.forHome(env, home).settingsFile()).load();
            List<Path> extra = new ArrayList<>();
            if (o.kubeconfig() != null) {
                e.put("KUBECONFIG", o.kubeconfig().toAbsolutePath().toString()); // like kubectl's --kubeconfig: only this file
            } else if (settings.extraKubeconfigs != null) {
                settings.extraKubeconfigs.stream().filter(UiSettings::usablePath).map(Path::of).forEach(extra::add);
            }
            if (o.registry() != null) {
                settings.gefyraRegistry = o.registry();
            }
            // Work handed over after the command ended (a watch closing itself) is dropped with the process's end.
            java.util.concurrent.ThreadPoolExecutor io = new java.util.concurrent.ThreadPoolExecutor(4, 4, 0L,
                    java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                    daemons("ponte-cli-io"), new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());
            java.util.concurrent.ScheduledThreadPoolExecutor timer = new java.util.concurrent.ScheduledThreadPoolExecutor(2,
                    daemons("ponte-cli-timer"), new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());
            EngineDiscovery discovery = new EngineDiscovery(e, home);
            Engines eng = engines != null ? engines.apply(settings) : new FoundOnce(new DiscoveredEngines(discovery,
                    () -> settings.engineEndpoint, endpoint -> { }), () -> discovery.firstAnswering(settings.engineEndpoint).orElse(null));
            CoreServices core = new CoreServices(e, home, settings, () -> extra, clock, tasks, io, timer, options, eng);
            return new CliCore(core, extra, io, timer, clock);
        };
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public ConnectionService connections() {
        return core.connections;
    }

    @Override
    public RunBackend runs() {
        return core.runs;
    }

    @Override
    public BridgeGateway bridges(Connection connection) {
        return core.bridges(connection);
    }

    @Override
    public Clusters clusters() {
        return core.clusters;
    }

    @Override
    public dev.ponte.core.diagnostics.DiagnosticsService diagnostics() {
        return core.diagnostics;
    }

    @Override
    public Engines engines() {
        return core.engines;
    }

    @Override
    public String machine() {
        return AppConnectionSettings.machineName();
    }

    @Override
    public Optional<String> currentContext() {
        return Optional.ofNullable(core.kubeconfig.load(extra).currentContext());
    }

    @Override
    public List<KubeContext> contexts() {
        return core.kubeconfig.load(extra).contexts();
    }

    @Override
    public LogSource workloadLogs(String context, Workload workload) {
        return session(context, s -> KubeLogs.of(s).workload(workload));
    }

    @Override
    public LogSource podLogs(String context, String namespace, String pod) {
        return session(context, s -> KubeLogs.of(s).pod(namespace, pod));
    }

    @Override
    public LogSource containerLogs(String container) {
        ContainerEngine engine = core.engines.open();
        opened.add(engine);
        if (!(engine instanceof DockerEngine docker)) {
            return new NoLogs("container " + container, engine.getClass().getSimpleName());
        }
        return new DockerContainerLogs(docker, container, container);
    }

    /** The session stays open while the command runs (its client streams the logs). */
    private LogSource session(String context, Function<ClusterSession, LogSource> make) {
        ClusterSession session = core.clusters.open(context);
        opened.add(session);
        return make.apply(session);
    }

    @Override
    public Scheduler scheduler() {
        return new ExecutorScheduler(timer);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        core.close();
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing what a finished command opened
            }
        }
        io.shutdown(); // closing the watches runs here; a command's process ends soon after anyway
        timer.shutdownNow();
        try {
            io.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdownNow();
    }

    /**
     * The engines as the window discovers them, but looked for once per command (a command lasts seconds; discovery
     * pings every candidate socket, which the reconcile, the health watch and each step would otherwise repeat).
     */
    private static final class FoundOnce implements Engines {
        private final Engines discovered;
        private final java.util.function.Supplier<String> find;
        private volatile String endpoint;

        /** @param find the engine the window would choose, with as few pings as possible; null when none answers */
        FoundOnce(Engines discovered, java.util.function.Supplier<String> find) {
            this.discovered = discovered;
            this.find = find;
        }

        @Override
        public ContainerEngine open() {
            String e = endpoint();
            return e == null ? discovered.open() : DockerEngine.open(e);
        }

        @Override
        public ContainerEngine open(String endpoint) {
            return discovered.open(endpoint);
        }

        @Override
        public String endpoint() {
            String e = endpoint;
            if (e == null) {
                synchronized (this) {
                    if (endpoint == null) {
                        endpoint = find.get();
                    }
                    e = endpoint;
                }
            }
            return e;
        }

        @Override
        public List<EngineOption> options() {
            return discovered.options();
        }

        @Override
        public void use(String endpoint) {
            discovered.use(endpoint);
        }
    }

    /** An engine without a log adapter (a test's in-memory engine): says so instead of failing later. */
    private record NoLogs(String title, String engine) implements LogSource {
        @Override
        public List<String> parts() {
            return List.of(title);
        }

        @Override
        public List<String> containers() {
            return List.of();
        }

        @Override
        public LogStream open(String part, LogRequest request, LogListener listener) {
            listener.onError(new IllegalStateException("Local logs need the Docker adapter, not " + engine));
            return () -> { };
        }
    }
}
