package dev.ponte.kube.gefyra;

import dev.ponte.core.bridge.BridgeGateway;
import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSettings;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.connections.JournalFile;
import dev.ponte.core.connections.KubeconfigClusters;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.health.HealthRules;
import dev.ponte.core.health.TunnelMonitor;
import dev.ponte.core.lifecycle.FakeEngine;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.run.RunGateway;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ExecutorLauncher;
import dev.ponte.core.task.Poll;
import dev.ponte.core.task.Progress;
import dev.ponte.devtools.MockCluster;
import dev.ponte.docker.EngineFaults;
import dev.ponte.kube.Fabric8ClusterConnector;
import dev.ponte.kube.KubeconfigLoader;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The paths the window takes, on the real adapters, with faults on demand: the {@link ConnectionService},
 * {@link RunGateway} and {@link BridgeGateway} on the fabric8 adapter (a kubeconfig pointing at fabric8's mock API
 * server, answered by the {@link GefyraOperatorDouble}), and an in-memory engine behind a wrapper that can fail.
 * A fault is <em>armed</em> while one step of an operation runs: every request Ponte's client sends then fails the
 * chosen way (a status from the mock, an answer too late, a reset connection), or every engine call fails (an engine
 * error, or the engine gone). It is disarmed when the step ends, so the rollback runs on a working system (the
 * engine "came back"), as after a flaky network or a daemon restart.
 */
public final class FaultWorld implements AutoCloseable {
    static final String CONTEXT = "mock";
    static final String APP = "api-local";
    static final String ENDPOINT = "unix:///var/run/docker.sock";
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);
    static final int RETRY_AFTER = 2;

    /** What goes wrong. */
    enum Fault {
        API_500("API 500"), API_429("API 429 + Retry-After"), API_TIMEOUT("API timeout"), API_RESET("connection reset"),
        API_403("API 403"), ENGINE_ERROR("engine error"), ENGINE_GONE("engine gone");

        final String words;

        Fault(String words) {
            this.words = words;
        }

        boolean api() {
            return name().startsWith("API");
        }
    }

    final MockCluster cluster = MockCluster.start();
    final GefyraOperatorDouble operator;
    final Fabric8GefyraCluster admin;
    final Path root;
    final Clusters clusters;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-world");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fault-world-timer");
        t.setDaemon(true);
        return t;
    });

    /** The armed fault, or null. */
    volatile Fault armed;
    /** The thread the faulted operation runs on: engine faults hit its calls only (not a health sample's). */
    volatile Thread opThread;
    /** Requests or engine calls that failed because of the armed fault. */
    final AtomicInteger injected = new AtomicInteger();
    /** Requests and engine calls seen while each step ran: which faults apply to which step. */
    final AtomicInteger apiCalls = new AtomicInteger();
    final AtomicInteger engineCalls = new AtomicInteger();

    public FaultWorld(Path root) {
        this(root, null);
    }

    /**
     * @param kubeconfig the kubeconfig to connect with, from the mock server's URL and the context's name (null: the
     *                   mock's own, a token user)
     */
    FaultWorld(Path root, java.util.function.BiFunction<String, String, String> kubeconfig) {
        this.root = root;
        operator = new GefyraOperatorDouble(cluster, GefyraOperatorDouble.Options.defaults()).start();
        admin = new Fabric8GefyraCluster(cluster.client());
        // The mock server has no authorizer: this user may do everything (a cluster admin).
        cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReturn(201, new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder()
                        .withNewStatus().withAllowed(true).endStatus().build()).always();
        workload();
        Path kubeconfigFile;
        if (kubeconfig == null) {
            kubeconfigFile = cluster.writeKubeconfig(root.resolve("kube/config"), CONTEXT);
        } else {
            try {
                Files.createDirectories(root.resolve("kube"));
                kubeconfigFile = Files.writeString(root.resolve("kube/config"), kubeconfig.apply(cluster.url(), CONTEXT));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, String> env = Map.of("KUBECONFIG", kubeconfigFile.toString(), "PATH", System.getenv().getOrDefault("PATH", "/usr/bin"));
        KubeconfigLoader loader = new KubeconfigLoader(env, root.resolve("home"));
        Fabric8ClusterConnector connector = new Fabric8ClusterConnector(loader, List::of, env, root.resolve("private"))
                .requestTimeout(REQUEST_TIMEOUT)
                .httpTuning(b -> b.addOrReplaceInterceptor("fault-world", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        apiCalls.incrementAndGet();
                        Fault f = armed;
                        if (f == null || !f.api()) {
                            return;
                        }
                        injected.incrementAndGet();
                        switch (f) {
                            case API_RESET -> throw new UncheckedIOException(new SocketException("Connection reset"));
                            case API_TIMEOUT -> builder.header(DoubleAdmission.FAULT_HEADER, "delay:" + REQUEST_TIMEOUT.multipliedBy(3).toMillis());
                            case API_429 -> builder.header(DoubleAdmission.FAULT_HEADER, "429:" + RETRY_AFTER);
                            case API_403 -> builder.header(DoubleAdmission.FAULT_HEADER, "403");
                            default -> builder.header(DoubleAdmission.FAULT_HEADER, "500");
                        }
                    }
                }));
        clusters = new KubeconfigClusters(loader, connector, List::of);
    }

    /** Deployment shop/api (container web, port 8080) with two Ready pods of its ReplicaSet, and its Service. */
    private void workload() {
        var k = cluster.client();
        BridgeTargets.twoPods(k, true, BridgeTargets.httpProbe());
        var deployment = k.apps().deployments().inNamespace("shop").withName("api").get();
        k.apps().replicaSets().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder()
                .withNewMetadata().withName("api-7d9c5").withNamespace("shop").withUid("uid-api-7d9c5")
                .withLabels(Map.of("app", "api", "pod-template-hash", "7d9c5"))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("api")
                .withUid(deployment.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(Map.of("app", "api")).endSelector()
                .withTemplate(deployment.getSpec().getTemplate()).endSpec().build()).create();
        k.services().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("api").withNamespace("shop").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "api")).addNewPort().withPort(80)
                .withNewTargetPort(8080).endPort().endSpec().build()).create();
    }

    /** Where the world keeps its kubeconfig and the private folder of kubeconfig copies. */
    public Path root() {
        return root;
    }

    /**
     * Forgets the requests the mock server has recorded (it keeps every one for {@code takeRequest}, so a long run's
     * heap would grow by the mock's bookkeeping, not Ponte's). Returns how many there were.
     */
    public int forgetRecordedRequests() throws InterruptedException {
        int n = 0;
        while (cluster.server().takeRequest(0, TimeUnit.MILLISECONDS) != null) {
            n++;
        }
        return n;
    }

    /**
     * Deletes the Events the operator double recorded (one per GefyraClient it handled). A real API server drops
     * them after an hour (--event-ttl); the mock keeps them for ever. Returns how many there were.
     */
    public int expireEvents() {
        var events = cluster.client().v1().events().inAnyNamespace().list().getItems();
        events.forEach(e -> cluster.client().v1().events().inNamespace(e.getMetadata().getNamespace())
                .withName(e.getMetadata().getName()).delete());
        return events.size();
    }

    /** One case's machine: its own engine, journal, ~/.gefyra and services, on the shared cluster. */
    public Machine machine(String name) {
        return new Machine(root.resolve("cases").resolve(name));
    }

    public final class Machine implements AutoCloseable {
        final Path home;
        final FakeEngine engine = new FakeEngine();
        final Engines engines;
        final Journal journal;
        final ConnectionService service;
        final RunGateway runs;
        final Clock clock = Clock.systemUTC();

        Machine(Path home) {
            this.home = home;
            engine.execScript = this::exec;
            engines = engines();
            journal = new Journal(new JournalFile(home.resolve("state/journal.json")), clock);
            Path gefyraDir = home.resolve(".gefyra");
            ConnectionSettings settings = new ConnectionSettings() {
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
            };
            Scheduler scheduler = (delay, action) -> {
                var f = timer.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            };
            service = new ConnectionService(engines, clusters, settings, journal, new ExecutorLauncher(pool), pool, scheduler,
                    clock, ConnectionService.Options.defaults().withStepTimeout(Duration.ofSeconds(8))
                    .withPicker(() -> new SubnetPicker(List::of))
                    // one sample when connected, then none while the case runs (its faults are for the operation)
                    .withHealth(new TunnelMonitor.Settings(Duration.ofHours(1), 10, Duration.ZERO, HealthRules.Thresholds.DEFAULT)));
            runs = new RunGateway(engines, clusters, journal, clock);
            service.reconcile();
            until("the first reconcile", () -> service.snapshot().reconciled());
        }

        private ContainerEngine.ExecResult exec(String cmd) {
            String head = cmd.split(" ")[0];
            long now = Instant.now().getEpochSecond();
            String key = operator.stowawayPublicKey();
            return switch (head) {
                case "sh" -> new ContainerEngine.ExecResult(0, now + "\n" + key + "\t" + (now - 4) + "\n" + key
                        + "\t1200\t800\nwg=0\nping=0\n");
                case "wg" -> new ContainerEngine.ExecResult(0, key + "\t" + now + "\n");
                case "nslookup" -> new ContainerEngine.ExecResult(0, "Server:\t\t192.168.99.1\nAddress:\t192.168.99.1:53\n\n"
                        + "Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.43.0.1\n");
                default -> new ContainerEngine.ExecResult(0, "");
            };
        }

        /** The engine port: the in-memory engine behind a wrapper that fails while an engine fault is armed. */
        private Engines engines() {
            ContainerEngine faulty = (ContainerEngine) Proxy.newProxyInstance(ContainerEngine.class.getClassLoader(),
                    new Class<?>[] {ContainerEngine.class}, (proxy, m, args) -> {
                        if (m.getName().equals("close") || m.getDeclaringClass() == Object.class) {
                            return m.getName().equals("close") ? null : m.invoke(engine, args);
                        }
                        if (Thread.currentThread() == opThread) {
                            engineCalls.incrementAndGet();
                            failIfArmed(m.getName());
                        }
                        synchronized (engine) { // the in-memory engine is not thread-safe; Docker is
                            try {
                                return m.invoke(engine, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    });
            return new Engines() {
                @Override
                public ContainerEngine open() {
                    if (armed == Fault.ENGINE_GONE && Thread.currentThread() == opThread) {
                        injected.incrementAndGet();
                        throw EngineFaults.gone(ENDPOINT, "connect to the engine");
                    }
                    return faulty;
                }

                @Override
                public ContainerEngine open(String endpoint) {
                    return open();
                }

                @Override
                public String endpoint() {
                    return ENDPOINT;
                }

                @Override
                public List<EngineOption> options() {
                    return List.of(new EngineOption(ENDPOINT, "Docker 27.1.0 — " + ENDPOINT, true, true));
                }

                @Override
                public void use(String endpoint) {
                }
            };
        }

        private void failIfArmed(String call) {
            Fault f = armed;
            if (f == Fault.ENGINE_ERROR) {
                injected.incrementAndGet();
                throw EngineFaults.error(ENDPOINT, call);
            }
            if (f == Fault.ENGINE_GONE) {
                injected.incrementAndGet();
                throw EngineFaults.gone(ENDPOINT, call);
            }
        }

        public Journal journal() {
            return journal;
        }

        public Path home() {
            return home;
        }

        public ConnectionSnapshot snapshot() {
            return service.snapshot().of(CONTEXT).orElseThrow();
        }

        Connection connection() {
            return snapshot().connection();
        }

        public void connect() {
            service.show(CONTEXT);
            service.connect(CONTEXT);
            settle();
        }

        public void disconnect(boolean uninstall) {
            service.disconnect(CONTEXT, uninstall);
            settle();
        }

        /** Until the connection's operation is over (and the reconcile after a failure has run). */
        void settle() {
            until("the connection's operation to end", () -> {
                var s = service.snapshot().of(CONTEXT);
                return s.isPresent() && !s.get().state().isBusy() && journal.running().isEmpty();
            });
        }

        RunRequest runRequest() {
            return new RunRequest(connection(), APP, "acme/api:dev", List.of(), "shop", Map.of("LOG_LEVEL", "debug"),
                    new RunRequest.EnvFrom("shop", WorkloadKind.DEPLOYMENT, "api", "web"), List.of(),
                    List.of(new ContainerEngine.PortBinding("127.0.0.1", 18080, 8080, "tcp")), false, 0, 0, Duration.ofSeconds(10));
        }

        BridgePlan bridgePlan() {
            return new BridgePlan("shop", WorkloadKind.DEPLOYMENT, "api", "web", List.of(new PortMapping(8080, 8080)), APP,
                    new MatchRules(List.of(new MatchRules.RuleSet(List.of(new MatchRules.Header("x-user", "alice",
                            MatchRules.Type.EXACT))))));
        }

        BridgeGateway bridges() {
            return new BridgeGateway(engines, clusters, journal, clock, connection());
        }

        Bridge bridge(Progress progress) {
            return bridges().bridge(bridgePlan(), progress, new CancellationToken());
        }

        List<Bridge> bridgesInCluster() {
            return admin.bridges(Map.of());
        }

        /** Everything of this machine's that is still anywhere, in words; empty when nothing is left. */
        List<String> leftovers(boolean connectionToo) {
            List<String> left = new ArrayList<>();
            if (connectionToo) {
                admin.leftovers().forEach(o -> left.add("cluster: " + o));
                synchronized (engine) {
                    engine.networks.keySet().forEach(n -> left.add("engine: network " + n));
                    engine.containers.keySet().forEach(c -> left.add("engine: container " + c));
                }
                try (Stream<Path> files = Files.exists(home.resolve(".gefyra")) ? Files.list(home.resolve(".gefyra")) : Stream.empty()) {
                    files.forEach(f -> left.add("file: " + f.getFileName()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                journal.entries().forEach(e -> left.add("journal: " + e.describe()));
            } else {
                admin.bridges(Map.of()).forEach(b -> left.add("cluster: GefyraBridge " + b.name()));
                admin.mounts().forEach(m -> left.add("cluster: GefyraBridgeMount " + m.name()));
                synchronized (engine) {
                    engine.containers.keySet().stream().filter(APP::equals).forEach(c -> left.add("engine: container " + c));
                }
                journal.entries().stream().filter(e -> e.kind() == Journal.Kind.CONTAINER || e.kind() == Journal.Kind.MOUNT
                        || e.kind() == Journal.Kind.BRIDGE).forEach(e -> left.add("journal: " + e.describe()));
            }
            journal.running().forEach(r -> left.add("journal: running " + r.operation()));
            return left;
        }

        /** A disconnected connection's parts still anywhere: all but Gefyra's installation (which down leaves, as upstream's). */
        public List<String> connectionParts() {
            List<String> left = new ArrayList<>();
            String client = snapshot().clientId();
            if (client != null && admin.client(client).isPresent()) {
                left.add("cluster: GefyraClient " + client);
            }
            admin.bridges(Map.of()).forEach(b -> left.add("cluster: GefyraBridge " + b.name()));
            admin.mounts().forEach(b -> left.add("cluster: GefyraBridgeMount " + b.name()));
            synchronized (engine) {
                engine.networks.keySet().forEach(n -> left.add("engine: network " + n));
                engine.containers.keySet().forEach(c -> left.add("engine: container " + c));
            }
            try (Stream<Path> files = Files.exists(home.resolve(".gefyra")) ? Files.list(home.resolve(".gefyra")) : Stream.empty()) {
                files.forEach(f -> left.add("file: " + f.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            journal.entries().stream().filter(e -> e.kind() != Journal.Kind.INSTALL).forEach(e -> left.add("journal: " + e.describe()));
            journal.running().forEach(r -> left.add("journal: running " + r.operation()));
            return left;
        }

        List<String> awaitNothingLeftButInstall() {
            try {
                Poll.until("nothing of the connection left", () -> connectionParts().isEmpty() ? Boolean.TRUE : null,
                        Duration.ofSeconds(20), Duration.ofMillis(100), new CancellationToken());
            } catch (Exception e) {
                // the list says what is left
            }
            return connectionParts();
        }

        /** Waits (bounded: the operator double finishes deletes in the background) until nothing is left. */
        List<String> awaitNothingLeft(boolean connectionToo) {
            try {
                Poll.until("nothing left", () -> leftovers(connectionToo).isEmpty() ? Boolean.TRUE : null,
                        Duration.ofSeconds(20), Duration.ofMillis(100), new CancellationToken());
            } catch (Exception e) {
                // the list says what is left
            }
            return leftovers(connectionToo);
        }

        @Override
        public void close() {
            service.close();
        }
    }

    /** Removes whatever a case left in the shared cluster, so the next case starts from nothing. */
    public void scrub() {
        armed = null;
        try {
            admin.uninstall(Duration.ofSeconds(15), Progress.NONE, new CancellationToken());
            // The next install must not race the operator double still tidying up the namespace.
            Poll.until("namespace gefyra to go", () -> cluster.client().namespaces().withName("gefyra").get() == null
                    && admin.leftovers().isEmpty() ? Boolean.TRUE : null, Duration.ofSeconds(20), Duration.ofMillis(50),
                    new CancellationToken());
        } catch (Exception e) {
            // what is left shows in the next case's check
        }
    }

    static void until(String what, java.util.function.BooleanSupplier condition) {
        try {
            Poll.until(what, () -> condition.getAsBoolean() ? Boolean.TRUE : null, Duration.ofSeconds(60),
                    Duration.ofMillis(20), new CancellationToken());
        } catch (Exception e) {
            throw new AssertionError("Timed out waiting for " + what, e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        timer.shutdownNow();
        operator.close();
        cluster.close();
    }
}
