package dev.ponte.testsupport;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSettings;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.health.HealthRules;
import dev.ponte.core.health.TunnelMonitor;
import dev.ponte.core.lifecycle.FakeEngine;
import dev.ponte.core.lifecycle.FakeGefyraCluster;
import dev.ponte.core.model.PodSummary;
import dev.ponte.core.model.Workload;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.TaskLauncher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One machine in memory for the core services: a {@link FakeEngine} (answering Cargo's probes as a healthy tunnel
 * until {@link #tunnelUp} is false), a {@link FakeGefyraCluster} per kube context (a context without one is "not
 * in the kubeconfig"), connection settings with {@code ~/.gefyra} in a temp folder. Tests build the real
 * {@link ConnectionService} on these ports.
 */
public final class FakePorts {
    public static final String ENDPOINT = "unix:///fake.sock";
    public final FakeEngine engine = new FakeEngine();
    public final Map<String, FakeGefyraCluster> clusters = new LinkedHashMap<>();
    public final Path gefyraDir;
    public volatile boolean tunnelUp = true;
    public volatile boolean engineUp = true;
    /** What sessions' inspectors answer (describe, env-from, services); null: none, as before. */
    public volatile WorkloadInspector inspector;
    /** Namespaces the sessions' namespace watch lists (empty: none). */
    public final List<String> namespaces = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Workloads the sessions' workload watches list, per namespace. */
    public final Map<String, List<Workload>> workloads = new java.util.concurrent.ConcurrentHashMap<>();
    public final Engines engines;
    public final Clusters clusterPorts;
    public final ConnectionSettings settings;

    public FakePorts(Path dir, String... contexts) {
        gefyraDir = dir.resolve(".gefyra");
        for (String c : contexts) {
            clusters.put(c, new FakeGefyraCluster());
        }
        engine.execScript = this::exec;
        engines = new Engines() {
            @Override
            public ContainerEngine open() {
                if (!engineUp) {
                    throw new PonteException(new Problem(Problem.Kind.UNREACHABLE, "No container engine answers",
                            "the fake engine is down", "Start it."));
                }
                return engine;
            }

            @Override
            public ContainerEngine open(String endpoint) {
                return open();
            }

            @Override
            public String endpoint() {
                return engineUp ? ENDPOINT : null;
            }

            @Override
            public List<EngineOption> options() {
                return List.of(new EngineOption(ENDPOINT, "Docker 27.1.0 — " + ENDPOINT + " (fake; in use)", true, true),
                        new EngineOption("unix:///run/podman/podman.sock", "Podman 4.3.1 — podman (answers)", true, false));
            }

            @Override
            public void use(String endpoint) {
                used = endpoint;
            }
        };
        clusterPorts = new Clusters() {
            @Override
            public ClusterSession open(String context) {
                FakeGefyraCluster g = clusters.get(context);
                if (g == null) {
                    throw new PonteException(new Problem(Problem.Kind.KUBECONFIG, "Context " + context + " is not in your kubeconfig",
                            "gone", "Add it back."));
                }
                return session(g);
            }

            @Override
            public String kubeconfigOf(String context) {
                return "/home/u/.kube/config";
            }
        };
        settings = new ConnectionSettings() {
            @Override
            public GefyraImages images() {
                return GefyraImages.defaults();
            }

            @Override
            public String cargoEndpoint(String context) {
                return "172.17.0.1:31820";
            }

            @Override
            public Path gefyraDir() {
                return gefyraDir;
            }

            @Override
            public String machine() {
                return "dev@laptop";
            }

            @Override
            public java.util.OptionalInt mtu(String context) {
                Integer m = mtus.get(context);
                return m == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(m);
            }

            @Override
            public void mtu(String context, java.util.OptionalInt mtu) {
                if (mtu.isPresent()) {
                    mtus.put(context, mtu.getAsInt());
                } else {
                    mtus.remove(context);
                }
            }
        };
    }

    /** The MTU applied per context (the settings' memory). */
    public final Map<String, Integer> mtus = new java.util.concurrent.ConcurrentHashMap<>();

    /** The engine the user picked last (through the Engines port). */
    public volatile String used;

    public FakeGefyraCluster cluster(String context) {
        return clusters.get(context);
    }

    /** The real service on these ports; operations run through {@code tasks}, the service's own work on {@code io}. */
    public ConnectionService service(Journal journal, TaskLauncher tasks, Executor io, Scheduler scheduler, Clock clock) {
        return new ConnectionService(engines, clusterPorts, settings, journal, tasks, io, scheduler, clock,
                ConnectionService.Options.defaults().withStepTimeout(Duration.ofSeconds(5))
                        .withPicker(() -> new SubnetPicker(List::of))
                        .withHealth(new TunnelMonitor.Settings(Duration.ofSeconds(1), 10, Duration.ZERO,
                                HealthRules.Thresholds.DEFAULT)));
    }

    /** The service with everything inline (operations, I/O) and a manual scheduler: for view-model and view tests. */
    public ConnectionService inlineService(ManualScheduler scheduler) {
        return service(Journal.inMemory(Clock.systemUTC()), new DirectTaskRunner(), Runnable::run, scheduler, Clock.systemUTC());
    }

    private ContainerEngine.ExecResult exec(String cmd) {
        String head = cmd.split(" ")[0];
        if (head.equals("sh")) {
            long now = Instant.now().getEpochSecond();
            return tunnelUp
                    ? new ContainerEngine.ExecResult(0, now + "\nc2VydmVyLXB1YmxpYy1rZXktc2VydmVyLXB1YmxpYzE=\t" + (now - 4)
                            + "\nc2VydmVyLXB1YmxpYy1rZXktc2VydmVyLXB1YmxpYzE=\t1200\t800\nwg=0\nping=0\n")
                    : new ContainerEngine.ExecResult(0, now + "\nc2VydmVyLXB1YmxpYy1rZXktc2VydmVyLXB1YmxpYzE=\t" + (now - 400)
                            + "\nc2VydmVyLXB1YmxpYy1rZXktc2VydmVyLXB1YmxpYzE=\t1200\t800\nwg=0\nping=1\n");
        }
        return switch (head) {
            case "wg" -> new ContainerEngine.ExecResult(0, "c2VydmVyLXB1YmxpYy1rZXktc2VydmVyLXB1YmxpYzE=\t1764070000\n");
            case "nslookup" -> new ContainerEngine.ExecResult(0,
                    "Server:\t\t192.168.99.1\nAddress:\t192.168.99.1:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.43.0.1\n");
            default -> new ContainerEngine.ExecResult(0, "");
        };
    }

    private ClusterSession session(FakeGefyraCluster g) {
        return new ClusterSession() {
            @Override
            public String serverVersion() {
                if (g.unreachable != null) {
                    throw g.unreachable;
                }
                return "v1.31.2";
            }

            @Override
            public Subscription watchNamespaces(StreamListener<String> listener) {
                namespaces.forEach(n -> listener.onChange(dev.ponte.core.model.Change.added(n)));
                listener.onSynced();
                return () -> { };
            }

            @Override
            public Subscription watchWorkloads(String namespace, StreamListener<Workload> listener) {
                workloads.getOrDefault(namespace, List.of()).forEach(w -> listener.onChange(dev.ponte.core.model.Change.added(w)));
                listener.onSynced();
                return () -> { };
            }

            @Override
            public Subscription watchPods(String namespace, StreamListener<PodSummary> listener) {
                return () -> { };
            }

            @Override
            public WorkloadInspector inspector() {
                return inspector;
            }

            @Override
            public GefyraCluster gefyra() {
                return g;
            }

            @Override
            public void close() {
            }
        };
    }
}
