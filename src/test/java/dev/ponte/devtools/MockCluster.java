package dev.ponte.devtools;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.RootPathsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Kubernetes cluster for tests, screenshots and benchmarks: fabric8's mock API server (7.9.0) in CRUD mode,
 * on {@code 127.0.0.1} over plain HTTP, with a fixed {@code GET /version} answer ({@value #GIT_VERSION}).
 *
 * <pre>{@code
 * try (MockCluster cluster = MockCluster.start()) {
 *     cluster.seedDemo();
 *     Path kubeconfig = cluster.writeKubeconfig(tmp.resolve("config"), "demo", "staging");
 *     ... // point Ponte at kubeconfig, or use cluster.client() directly
 * }
 * }</pre>
 *
 * <p>What the CRUD mock does and does not do (checked against 7.9.0):
 * <ul>
 *   <li>Status is not a subresource for built-in kinds: {@code create()} keeps a {@code status} sent with the object,
 *       {@code updateStatus()}/{@code patchStatus()} change only the status, but a plain {@code update()}/{@code edit()}
 *       <em>replaces</em> the status with whatever the body carries (usually dropping it).</li>
 *   <li>The server always sets {@code creationTimestamp} to "now" on create and keeps it on update. To seed
 *       objects with an age, put the wanted timestamp into the annotation {@value #CREATION_TIMESTAMP_ANNOTATION};
 *       this class's dispatcher moves it into {@code metadata.creationTimestamp} (and drops the annotation) before the
 *       object is stored or sent to watchers. The body returned by that create call still shows "now".</li>
 *   <li>A new watch first receives every existing matching object as {@code ADDED} (the mock ignores the
 *       {@code resourceVersion} the client sends), then live events.</li>
 *   <li>Closing a watch while the mock still sends it events (e.g. its initial replay) used to stall the whole
 *       server for ~30 s (7.9.0: the watch's {@code onClosed} blocks the Vert.x event loop waiting for a sender
 *       that needs that loop); this class unregisters a closing watch at once and runs the rest of its close off
 *       the event loop.</li>
 *   <li>Nothing acts on the objects: no controllers, no scheduler, no garbage collection of owned objects.</li>
 * </ul>
 *
 * <p>{@link #main(String[])} runs it as a stand-alone dev tool (see there).
 */
public final class MockCluster implements AutoCloseable {

    /** {@code gitVersion} that {@code GET /version} answers. */
    public static final String GIT_VERSION = "v1.31.2";
    /** What {@code GET /version} answers, shaped like a real v1.31.2 API server's answer. */
    public static final String VERSION_JSON = """
            {
              "major": "1",
              "minor": "31",
              "gitVersion": "v1.31.2",
              "gitCommit": "5864a4677267e6adeae276ad85882a8714d69d9d",
              "gitTreeState": "clean",
              "buildDate": "2024-10-22T20:28:14Z",
              "goVersion": "go1.22.8",
              "compiler": "gc",
              "platform": "linux/amd64"
            }""";
    /** Bearer token the written kubeconfig uses (the mock accepts anything). */
    public static final String TOKEN = "mock-token";
    /** Annotation whose value (RFC 3339, e.g. {@code 2024-05-01T10:00:00Z}) becomes the stored creationTimestamp. */
    public static final String CREATION_TIMESTAMP_ANNOTATION = "mock.ponte.dev/creation-timestamp";
    /** Namespaces {@link #seedDemo()} creates, in creation order. */
    public static final List<String> DEMO_NAMESPACES = List.of("kube-system", "default", "monitoring", "payments");
    /** Nodes {@link #seedDemo()} creates and spreads its Pods over. */
    public static final List<String> DEMO_NODES = List.of("node-1", "node-2");
    /** The namespace {@link #seedScale(int, int, int)} makes big (a tenth of all Deployments and Pods). */
    public static final String BENCH_BIG_NAMESPACE = "bench-0";

    private static final Logger LOG = LoggerFactory.getLogger(MockCluster.class);
    /** Strong reference, so the level set on the JUL logger is not lost when the logger is garbage collected. */
    private static final java.util.logging.Logger MOCK_WEB_SERVER_JUL =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    private static final String CLUSTER_NAME = "ponte-mock";
    private static final String USER_NAME = "ponte-mock-user";
    private static final String DEFAULT_CONTEXT = "ponte-mock";
    private static final String HASH_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int SEED_THREADS = 8;

    private final KubernetesMockServer server;
    private final MixedDispatcher dispatcher;
    private final KubernetesClient client;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MockCluster(KubernetesMockServer server, MixedDispatcher dispatcher, KubernetesClient client, String url) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.client = client;
        this.url = url;
    }

    /**
     * Starts an empty cluster on 127.0.0.1 (random port, plain HTTP) in CRUD mode with {@code GET /version} answering
     * {@value #GIT_VERSION}. Expectations added through {@link #server()} take precedence over the CRUD store.
     * Set {@code -Dponte.mockcluster.verbose=true} to keep the mock web server's log line per request.
     */
    public static MockCluster start() {
        if (!Boolean.getBoolean("ponte.mockcluster.verbose")) {
            MOCK_WEB_SERVER_JUL.setLevel(Level.WARNING);
        }
        Map<ServerRequest, Queue<ServerResponse>> responses = new ConcurrentHashMap<>();
        MixedDispatcher dispatcher = new MixedDispatcher(responses);
        KubernetesMockServer server = new Server(responses, dispatcher);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = "http://127.0.0.1:" + server.getPort();
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withNamespace("default")
                .withOauthToken(TOKEN)
                .build();
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
        return new MockCluster(server, dispatcher, client, url);
    }

    /** A fabric8 VersionInfo with the same values as {@link #VERSION_JSON}. */
    private static VersionInfo versionInfo() {
        try {
            return new VersionInfo.Builder()
                    .withMajor("1").withMinor("31").withGitVersion(GIT_VERSION)
                    .withGitCommit("5864a4677267e6adeae276ad85882a8714d69d9d").withGitTreeState("clean")
                    .withBuildDate("2024-10-22T20:28:14Z").withGoVersion("go1.22.8").withCompiler("gc")
                    .withPlatform("linux/amd64")
                    .build();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The mock server, answering {@code GET /version} with {@link #VERSION_JSON} as a real API server writes it (the
     * stock expectation serialises fabric8's VersionInfo: buildDate as epoch millis, plus null fields).
     */
    private static final class Server extends KubernetesMockServer {
        Server(Map<ServerRequest, Queue<ServerResponse>> responses, Dispatcher dispatcher) {
            super(new Context(), new MockWebServer(), responses, dispatcher, false, versionInfo());
        }

        @Override
        public void onStart() {
            // what KubernetesMockServer.onStart does, with our /version body (a second /version expectation
            // would never be reached: the stock one is registered first and answers "always")
            expect().get().withPath("/").andReturn(200, new RootPathsBuilder().addToPaths(getRootPaths()).build())
                    .always();
            expect().get().withPath("/version").andReturn(200, VERSION_JSON).always();
        }
    }

    /** A fabric8 client (JDK HTTP client, default namespace "default") for seeding and checking from tests. */
    public KubernetesClient client() {
        return client;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:40123} (no trailing slash). */
    public String url() {
        return url;
    }

    /**
     * The underlying mock server, for extra expectations (e.g. {@code server().expect().get().withPath(p)
     * .andReturn(403, "...").once()}); they win over the CRUD store. Avoid 5xx for one-off errors: the client
     * retries those and the retry reaches the CRUD store. {@code setVersionInfo} has no effect here.
     */
    public KubernetesMockServer server() {
        return server;
    }

    /**
     * Lets a test answer requests before expectations and the CRUD store: a stand-in for admission webhooks, which
     * the mock lacks (used by the Gefyra operator double). The hook runs on the server's event loop, so it must not
     * block nor call the server; it returns null to let a request through. {@code null} removes the hook. Read the body
     * with {@code getBody().getBytes()}: {@code getUtf8Body()} consumes it, and the CRUD store would then see none.
     */
    public void setRequestHook(java.util.function.Function<RecordedRequest, MockResponse> hook) {
        dispatcher.hook = hook;
    }

    /** For tests of this class: whether the CRUD store still uses its name index (see BackdatingCrudDispatcher). */
    boolean nameIndexActive() {
        return dispatcher.crud.indexValid;
    }

    /** Stops the server and closes {@link #client()}. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                client.close();
            } finally {
                server.destroy();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // kubeconfig

    /**
     * Writes a kubeconfig with one cluster (this server), one token user ({@value #TOKEN}) and one context per name
     * (all the same cluster and user, namespace "default"); current-context is the first name (default
     * {@code ponte-mock} when none is given). Creates missing parent directories; the file is rw------- where the
     * file system is POSIX. Returns {@code file}.
     */
    public Path writeKubeconfig(Path file, String... contextNames) {
        return writeKubeconfigNamed(file, CLUSTER_NAME, USER_NAME, contextNames);
    }

    /**
     * The same with the cluster and user named as given: kubeconfigs of two mock servers can then be merged
     * (KUBECONFIG=a:b), as kubectl merges real ones, without the second context resolving to the first's cluster.
     */
    public Path writeKubeconfigNamed(Path file, String clusterName, String userName, String... contextNames) {
        List<String> names = contextNames.length == 0 ? List.of(DEFAULT_CONTEXT) : Arrays.asList(contextNames);
        if (new LinkedHashSet<>(names).size() != names.size() || names.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw new IllegalArgumentException("context names must be unique and non-blank: " + names);
        }
        StringBuilder y = new StringBuilder(512)
                .append("apiVersion: v1\n")
                .append("kind: Config\n")
                .append("clusters:\n")
                .append("- name: ").append(quote(clusterName)).append('\n')
                .append("  cluster:\n")
                .append("    server: ").append(quote(url)).append('\n')
                .append("users:\n")
                .append("- name: ").append(quote(userName)).append('\n')
                .append("  user:\n")
                .append("    token: ").append(quote(TOKEN)).append('\n')
                .append("contexts:\n");
        for (String name : names) {
            y.append("- name: ").append(quote(name)).append('\n')
                    .append("  context:\n")
                    .append("    cluster: ").append(quote(clusterName)).append('\n')
                    .append("    user: ").append(quote(userName)).append('\n')
                    .append("    namespace: \"default\"\n");
        }
        y.append("current-context: ").append(quote(names.get(0))).append('\n')
                .append("preferences: {}\n");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            if (posix && !Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            }
            if (posix) {
                Files.setPosixFilePermissions(file, ownerOnly);
            }
            Files.writeString(file, y, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }

    /** A YAML double-quoted scalar (JSON string syntax, which YAML accepts). */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // demo seed

    /**
     * Seeds a small, realistic cluster (ages relative to now, names stable from run to run):
     * <ul>
     *   <li>Nodes {@code node-1}, {@code node-2} (Ready); namespaces {@link #DEMO_NAMESPACES}.</li>
     *   <li>default: Deployment {@code api} 2/2 ({@code ghcr.io/acme/api:1.4}), Deployment {@code web} 3/3
     *       ({@code nginx:1.27}), Deployment {@code worker} 1/2 still progressing ({@code ghcr.io/acme/worker:2.0};
     *       one Pod Running, one Pending in ContainerCreating), StatefulSet {@code redis} 1/1 ({@code redis:7.2});
     *       Services api, web, redis.</li>
     *   <li>payments: Deployment {@code payments-api} 2/2 ({@code ghcr.io/acme/payments-api:3.1.0}), StatefulSet
     *       {@code ledger-db} 1/1 ({@code postgres:16.4}); Service payments-api.</li>
     *   <li>monitoring: DaemonSet {@code node-exporter} 2/2 ({@code quay.io/prometheus/node-exporter:v1.8.2}).</li>
     *   <li>kube-system: Deployment {@code coredns} 2/2 ({@code registry.k8s.io/coredns/coredns:v1.11.3}).</li>
     * </ul>
     * Each workload gets Pods with its selector labels (Deployment Pods via a ReplicaSet, as in a real cluster),
     * on node-1/node-2, with ready container statuses. Objects are created without status, then the status is
     * written through {@code updateStatus()} (the status subresource), as controllers would.
     */
    public void seedDemo() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < DEMO_NODES.size(); i++) {
            createNode(DEMO_NODES.get(i), i, now.minus(Duration.ofDays(45)));
        }
        Map<String, Duration> nsAges = Map.of("kube-system", Duration.ofDays(45), "default", Duration.ofDays(45),
                "monitoring", Duration.ofDays(30), "payments", Duration.ofDays(16));
        for (String ns : DEMO_NAMESPACES) {
            client.namespaces().resource(namespace(ns, now.minus(nsAges.get(ns)))).create();
        }

        demoDeployment(now, "default", "api", "ghcr.io/acme/api:1.4", 8080, 2, 2, Duration.ofDays(12),
                new Duration[] {Duration.ofDays(2).plusHours(3), Duration.ofDays(2).plusHours(3)}, new int[] {0, 1});
        demoDeployment(now, "default", "web", "nginx:1.27", 80, 3, 3, Duration.ofDays(21),
                new Duration[] {Duration.ofDays(5), Duration.ofDays(5), Duration.ofDays(4).plusHours(20)},
                new int[] {0, 0, 0});
        demoDeployment(now, "default", "worker", "ghcr.io/acme/worker:2.0", 9090, 2, 1, Duration.ofDays(3),
                new Duration[] {Duration.ofHours(2), Duration.ofMinutes(3)}, new int[] {0, 0});
        demoStatefulSet(now, "default", "redis", "redis:7.2", 6379, Duration.ofDays(30), Duration.ofDays(9));
        demoService("default", "api", 8080, "10.96.41.17", now.minus(Duration.ofDays(12)));
        demoService("default", "web", 80, "10.96.7.201", now.minus(Duration.ofDays(21)));
        demoService("default", "redis", 6379, "None", now.minus(Duration.ofDays(30)));

        demoDeployment(now, "payments", "payments-api", "ghcr.io/acme/payments-api:3.1.0", 8080, 2, 2,
                Duration.ofDays(15), new Duration[] {Duration.ofDays(6), Duration.ofDays(6)}, new int[] {0, 0});
        demoStatefulSet(now, "payments", "ledger-db", "postgres:16.4", 5432, Duration.ofDays(16),
                Duration.ofDays(16));
        demoService("payments", "payments-api", 8080, "10.96.88.4", now.minus(Duration.ofDays(15)));

        demoDaemonSet(now, "monitoring", "node-exporter", "quay.io/prometheus/node-exporter:v1.8.2", 9100,
                Duration.ofDays(30), Duration.ofDays(25));

        demoDeployment(now, "kube-system", "coredns", "registry.k8s.io/coredns/coredns:v1.11.3", 53, 2, 2,
                Duration.ofDays(45), new Duration[] {Duration.ofDays(45), Duration.ofDays(45)}, new int[] {0, 0});
    }

    private void createNode(String name, int index, Instant created) {
        Node node = new NodeBuilder()
                .withMetadata(meta(null, name, Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux",
                        "kubernetes.io/arch", "amd64"), created))
                .withNewSpec().withPodCIDR("10.244." + index + ".0/24").endSpec()
                .build();
        Node created0 = client.nodes().resource(node).create();
        created0.setStatus(new NodeStatusBuilder()
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").withLastTransitionTime(ts(created)).endCondition()
                .addNewAddress().withType("InternalIP").withAddress(hostIp(index)).endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                .withNewNodeInfo().withKubeletVersion(GIT_VERSION).withOperatingSystem("linux").withArchitecture("amd64")
                .withContainerRuntimeVersion("containerd://1.7.22").withOsImage("Debian GNU/Linux 12 (bookworm)")
                .endNodeInfo()
                .build());
        client.nodes().resource(created0).updateStatus();
    }

    private void demoDeployment(Instant now, String ns, String name, String image, int port, int desired, int ready,
                                Duration age, Duration[] podAges, int[] restarts) {
        Map<String, String> selector = Map.of("app", name);
        String hash = hash(ns + "/" + name, 10);
        Deployment d = new DeploymentBuilder()
                .withMetadata(meta(ns, name, Map.of("app", name), now.minus(age)))
                .withNewSpec().withReplicas(desired)
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withTemplate(template(selector, name, image, port))
                .endSpec()
                .build();
        Deployment created = client.apps().deployments().inNamespace(ns).resource(d).create();
        created.setStatus(deploymentStatus(desired, ready, now.minus(age)));
        client.apps().deployments().inNamespace(ns).resource(created).updateStatus();

        Map<String, String> rsLabels = new LinkedHashMap<>(selector);
        rsLabels.put("pod-template-hash", hash);
        String rsName = name + "-" + hash;
        Instant rsCreated = now.minus(podAges[0]);
        ReplicaSet rs = new ReplicaSetBuilder()
                .withMetadata(meta(ns, rsName, rsLabels, rsCreated))
                .editMetadata().withOwnerReferences(owner("apps/v1", "Deployment", created)).endMetadata()
                .withNewSpec().withReplicas(desired)
                .withNewSelector().withMatchLabels(rsLabels).endSelector()
                .withTemplate(template(rsLabels, name, image, port))
                .endSpec()
                .build();
        ReplicaSet rsCreatedObj = client.apps().replicaSets().inNamespace(ns).resource(rs).create();
        rsCreatedObj.setStatus(new ReplicaSetStatusBuilder().withReplicas(desired).withReadyReplicas(ready)
                .withAvailableReplicas(ready).withFullyLabeledReplicas(desired).withObservedGeneration(1L).build());
        client.apps().replicaSets().inNamespace(ns).resource(rsCreatedObj).updateStatus();

        for (int i = 0; i < desired; i++) {
            String podName = rsName + "-" + hash(ns + "/" + rsName + "/" + i, 5);
            boolean podReady = i < ready;
            createPodWithStatus(ns, podName, rsLabels, owner("apps/v1", "ReplicaSet", rsCreatedObj), name, image,
                    port, DEMO_NODES.get(i % DEMO_NODES.size()), now.minus(podAges[i]), podReady, restarts[i]);
        }
    }

    private void demoStatefulSet(Instant now, String ns, String name, String image, int port, Duration age,
                                 Duration podAge) {
        Map<String, String> selector = Map.of("app", name);
        StatefulSet s = new StatefulSetBuilder()
                .withMetadata(meta(ns, name, Map.of("app", name), now.minus(age)))
                .withNewSpec().withReplicas(1).withServiceName(name)
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withTemplate(template(selector, name, image, port))
                .endSpec()
                .build();
        StatefulSet created = client.apps().statefulSets().inNamespace(ns).resource(s).create();
        String revision = name + "-" + hash(ns + "/" + name, 10);
        created.setStatus(new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).withCurrentReplicas(1)
                .withUpdatedReplicas(1).withAvailableReplicas(1).withObservedGeneration(1L)
                .withCurrentRevision(revision).withUpdateRevision(revision).withCollisionCount(0).build());
        client.apps().statefulSets().inNamespace(ns).resource(created).updateStatus();

        Map<String, String> podLabels = new LinkedHashMap<>(selector);
        podLabels.put("controller-revision-hash", revision);
        podLabels.put("statefulset.kubernetes.io/pod-name", name + "-0");
        createPodWithStatus(ns, name + "-0", podLabels, owner("apps/v1", "StatefulSet", created), name, image, port,
                DEMO_NODES.get(1), now.minus(podAge), true, 0);
    }

    private void demoDaemonSet(Instant now, String ns, String name, String image, int port, Duration age,
                               Duration podAge) {
        Map<String, String> selector = Map.of("app", name);
        DaemonSet ds = new DaemonSetBuilder()
                .withMetadata(meta(ns, name, Map.of("app", name), now.minus(age)))
                .withNewSpec()
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withTemplate(template(selector, name, image, port))
                .endSpec()
                .build();
        DaemonSet created = client.apps().daemonSets().inNamespace(ns).resource(ds).create();
        int n = DEMO_NODES.size();
        created.setStatus(new DaemonSetStatusBuilder().withDesiredNumberScheduled(n).withCurrentNumberScheduled(n)
                .withNumberReady(n).withNumberAvailable(n).withUpdatedNumberScheduled(n).withNumberMisscheduled(0)
                .withObservedGeneration(1L).build());
        client.apps().daemonSets().inNamespace(ns).resource(created).updateStatus();

        String revision = hash(ns + "/" + name, 10);
        Map<String, String> podLabels = new LinkedHashMap<>(selector);
        podLabels.put("controller-revision-hash", revision);
        for (int i = 0; i < n; i++) {
            String podName = name + "-" + hash(ns + "/" + name + "/" + i, 5);
            createPodWithStatus(ns, podName, podLabels, owner("apps/v1", "DaemonSet", created), name, image, port,
                    DEMO_NODES.get(i), now.minus(podAge), true, 0);
        }
    }

    private void demoService(String ns, String name, int port, String clusterIp, Instant created) {
        client.services().inNamespace(ns).resource(new ServiceBuilder()
                .withMetadata(meta(ns, name, Map.of("app", name), created))
                .withNewSpec().withType("ClusterIP").withClusterIP(clusterIp).withSelector(Map.of("app", name))
                .addNewPort().withName("main").withProtocol("TCP").withPort(port).withNewTargetPort(port).endPort()
                .endSpec()
                .build()).create();
    }

    private void createPodWithStatus(String ns, String name, Map<String, String> labels, OwnerReference owner,
                                     String container, String image, int port, String node, Instant created,
                                     boolean ready, int restarts) {
        Pod pod = pod(ns, name, labels, owner, container, image, port, node, created, null);
        Pod createdPod = client.pods().inNamespace(ns).resource(pod).create();
        int nodeIndex = DEMO_NODES.indexOf(node);
        createdPod.setStatus(podStatus(container, image, created, ready, restarts, Math.max(nodeIndex, 0),
                hash(ns + "/" + name, 3)));
        client.pods().inNamespace(ns).resource(createdPod).updateStatus();
    }

    // ---------------------------------------------------------------------------------------------------------
    // scale seed

    /**
     * Seeds a big cluster for benchmarks: namespaces {@code bench-0 .. bench-(namespaces-1)}, Deployments
     * {@code app-<i>} (image {@code ghcr.io/acme/bench:1.0}) and their Pods, about pods/deployments Pods each, on
     * nodes node-1..node-20 (no Node objects). {@value #BENCH_BIG_NAMESPACE} holds a tenth of all Deployments and
     * Pods (e.g. 100 Deployments / 500 Pods for 1,000 / 5,000); the rest go round-robin over the other namespaces.
     * Every 20th Deployment has one Pod not ready. With deployments = 0 the Pods are bare Pods spread round-robin.
     * Objects are created with their status in one request each, in parallel.
     */
    public void seedScale(int namespaces, int deployments, int pods) {
        if (namespaces < 1 || deployments < 0 || pods < 0) {
            throw new IllegalArgumentException("need namespaces >= 1, deployments >= 0, pods >= 0");
        }
        long t0 = System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SplittableRandom random = new SplittableRandom(42);

        List<Callable<?>> nsTasks = new ArrayList<>(namespaces);
        for (int i = 0; i < namespaces; i++) {
            Namespace ns = namespace("bench-" + i, now.minus(Duration.ofDays(60 - (i % 60))));
            nsTasks.add(() -> client.namespaces().resource(ns).create());
        }

        // Assign Deployments to namespaces: a tenth into bench-0, the rest round-robin over bench-1..N-1.
        int big = namespaces == 1 ? deployments : (deployments + 9) / 10;
        String[] deploymentNs = new String[deployments];
        for (int d = 0; d < deployments; d++) {
            deploymentNs[d] = d < big ? BENCH_BIG_NAMESPACE : "bench-" + (1 + (d - big) % (namespaces - 1));
        }
        // Pods per Deployment: pods / deployments, the remainder to the first ones.
        int[] podCount = new int[deployments];
        for (int d = 0; d < deployments; d++) {
            podCount[d] = pods / deployments + (d < pods % deployments ? 1 : 0);
        }

        List<Callable<?>> objectTasks = new ArrayList<>(deployments + pods);
        for (int d = 0; d < deployments; d++) {
            String ns = deploymentNs[d];
            String name = "app-" + d;
            int replicas = podCount[d];
            int ready = replicas > 0 && d % 20 == 19 ? replicas - 1 : replicas;
            Instant created = now.minus(Duration.ofMinutes(60L + random.nextLong(60L * 24 * 90)));
            Map<String, String> selector = Map.of("app", name);
            Deployment dep = new DeploymentBuilder()
                    .withMetadata(meta(ns, name, Map.of("app", name, "tier", "bench"), created))
                    .withNewSpec().withReplicas(replicas)
                    .withNewSelector().withMatchLabels(selector).endSelector()
                    .withTemplate(template(selector, "main", "ghcr.io/acme/bench:1.0", 8080))
                    .endSpec()
                    .withStatus(deploymentStatus(replicas, ready, created))
                    .build();
            objectTasks.add(() -> client.apps().deployments().inNamespace(ns).resource(dep).create());
            String hash = hash(ns + "/" + name, 10);
            Map<String, String> podLabels = Map.of("app", name, "pod-template-hash", hash);
            for (int p = 0; p < replicas; p++) {
                String podName = name + "-" + hash + "-" + hash(name + "/" + p, 5);
                Instant podCreated = created.plus(Duration.ofMinutes(random.nextLong(
                        Math.max(1, Duration.between(created, now).toMinutes()))));
                objectTasks.add(scalePodTask(ns, podName, podLabels, podCreated, p < ready, random.nextInt(20),
                        p % 7 == 3 ? 1 : 0));
            }
        }
        if (deployments == 0) {
            for (int p = 0; p < pods; p++) {
                String ns = "bench-" + (p % namespaces);
                Instant podCreated = now.minus(Duration.ofMinutes(1 + random.nextLong(60L * 24 * 30)));
                objectTasks.add(scalePodTask(ns, "pod-" + p, Map.of("app", "pod-" + p), podCreated, true,
                        random.nextInt(20), 0));
            }
        }

        runAll(nsTasks);
        runAll(objectTasks);
        LOG.info("seedScale({}, {}, {}): {} objects in {} ms", namespaces, deployments, pods,
                nsTasks.size() + objectTasks.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    private Callable<Pod> scalePodTask(String ns, String name, Map<String, String> labels, Instant created,
                                       boolean ready, int nodeIndex, int restarts) {
        Pod pod = pod(ns, name, labels, null, "main", "ghcr.io/acme/bench:1.0", 8080, "node-" + (nodeIndex + 1),
                created, podStatus("main", "ghcr.io/acme/bench:1.0", created, ready, restarts, nodeIndex,
                        hash(ns + "/" + name, 3)));
        return () -> client.pods().inNamespace(ns).resource(pod).create();
    }

    private static void runAll(List<Callable<?>> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS)) {
            List<Future<?>> futures = new ArrayList<>(tasks.size());
            for (Callable<?> t : tasks) {
                futures.add(pool.submit(t));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    throw new IllegalStateException("seeding failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    pool.shutdownNow();
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("seeding interrupted", e);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // object builders

    private static ObjectMeta meta(String ns, String name, Map<String, String> labels, Instant created) {
        return new ObjectMetaBuilder()
                .withNamespace(ns)
                .withName(name)
                .withLabels(new LinkedHashMap<>(labels))
                .addToAnnotations(CREATION_TIMESTAMP_ANNOTATION, ts(created))
                .build();
    }

    private static Namespace namespace(String name, Instant created) {
        return new NamespaceBuilder()
                .withMetadata(meta(null, name, Map.of("kubernetes.io/metadata.name", name), created))
                .withNewStatus().withPhase("Active").endStatus()
                .build();
    }

    private static PodTemplateSpec template(Map<String, String> labels, String container, String image, int port) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(new LinkedHashMap<>(labels)).endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder().withName(container).withImage(image)
                        .addNewPort().withContainerPort(port).withProtocol("TCP").endPort().build())
                .endSpec()
                .build();
    }

    private static DeploymentStatus deploymentStatus(int desired, int ready, Instant created) {
        DeploymentStatusBuilder b = new DeploymentStatusBuilder()
                .withObservedGeneration(1L)
                .withReplicas(desired)
                .withUpdatedReplicas(desired)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready);
        if (ready < desired) {
            b.withUnavailableReplicas(desired - ready)
                    .addNewCondition().withType("Available").withStatus("False")
                    .withReason("MinimumReplicasUnavailable")
                    .withMessage("Deployment does not have minimum availability.")
                    .withLastTransitionTime(ts(created)).withLastUpdateTime(ts(created)).endCondition()
                    .addNewCondition().withType("Progressing").withStatus("True").withReason("ReplicaSetUpdated")
                    .withMessage("ReplicaSet is progressing.")
                    .withLastTransitionTime(ts(created)).withLastUpdateTime(ts(created)).endCondition();
        } else {
            b.addNewCondition().withType("Available").withStatus("True").withReason("MinimumReplicasAvailable")
                    .withMessage("Deployment has minimum availability.")
                    .withLastTransitionTime(ts(created)).withLastUpdateTime(ts(created)).endCondition()
                    .addNewCondition().withType("Progressing").withStatus("True")
                    .withReason("NewReplicaSetAvailable").withMessage("ReplicaSet has successfully progressed.")
                    .withLastTransitionTime(ts(created)).withLastUpdateTime(ts(created)).endCondition();
        }
        return b.build();
    }

    private static Pod pod(String ns, String name, Map<String, String> labels, OwnerReference owner, String container,
                           String image, int port, String node, Instant created, PodStatus status) {
        PodBuilder b = new PodBuilder()
                .withMetadata(meta(ns, name, labels, created))
                .withNewSpec()
                .withNodeName(node)
                .withRestartPolicy("Always")
                .withServiceAccountName("default")
                .addToContainers(new ContainerBuilder().withName(container).withImage(image)
                        .addNewPort().withContainerPort(port).withProtocol("TCP").endPort().build())
                .endSpec()
                .withStatus(status);
        if (owner != null) {
            b.editMetadata().withOwnerReferences(owner).endMetadata();
        }
        return b.build();
    }

    private static PodStatus podStatus(String container, String image, Instant created, boolean ready, int restarts,
                                       int nodeIndex, String ipSeed) {
        String started = ts(created.plusSeconds(4));
        String readyStatus = ready ? "True" : "False";
        ContainerStatusBuilder cs = new ContainerStatusBuilder()
                .withName(container).withImage(image)
                .withReady(ready).withStarted(ready).withRestartCount(restarts);
        if (ready) {
            cs.withImageID("docker.io/library/" + image + "@sha256:" + hash(image, 8))
                    .withContainerID("containerd://" + hash(ipSeed + image, 12))
                    .withNewState().withNewRunning().withStartedAt(started).endRunning().endState();
        } else {
            cs.withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState();
        }
        ContainerStatus containerStatus = cs.build();
        PodStatusBuilder b = new PodStatusBuilder()
                .withPhase(ready ? "Running" : "Pending")
                .withQosClass("BestEffort")
                .withHostIP(hostIp(nodeIndex))
                .withStartTime(ts(created))
                .addNewCondition().withType("PodScheduled").withStatus("True")
                .withLastTransitionTime(ts(created)).endCondition()
                .addNewCondition().withType("Initialized").withStatus("True")
                .withLastTransitionTime(ts(created)).endCondition()
                .addNewCondition().withType("ContainersReady").withStatus(readyStatus)
                .withLastTransitionTime(started).endCondition()
                .addNewCondition().withType("Ready").withStatus(readyStatus)
                .withLastTransitionTime(started).endCondition()
                .withContainerStatuses(containerStatus);
        if (ready) {
            int h = Math.floorMod(ipSeed.hashCode(), 250) + 2;
            b.withPodIP("10.244." + (nodeIndex % 250) + "." + h);
        }
        return b.build();
    }

    private static OwnerReference owner(String apiVersion, String kind, HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private static String hostIp(int nodeIndex) {
        return "192.168.49." + (2 + nodeIndex % 250);
    }

    /** A stable, Kubernetes-looking random suffix (same input, same output). */
    private static String hash(String seed, int length) {
        SplittableRandom r = new SplittableRandom(
                UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits());
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(HASH_ALPHABET.charAt(r.nextInt(HASH_ALPHABET.length())));
        }
        return b.toString();
    }

    private static String ts(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // dispatcher

    /**
     * Expectations first (like fabric8's KubernetesMixedDispatcher), then the CRUD store. Ours so the CRUD part can
     * honour {@link #CREATION_TIMESTAMP_ANNOTATION}.
     */
    private static final class MixedDispatcher extends Dispatcher implements Resetable {
        private final Map<ServerRequest, Queue<ServerResponse>> responses;
        private final MockDispatcher mock;
        final BackdatingCrudDispatcher crud = new BackdatingCrudDispatcher();
        volatile java.util.function.Function<RecordedRequest, MockResponse> hook;

        MixedDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
            this.responses = responses;
            this.mock = new MockDispatcher(responses);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            java.util.function.Function<RecordedRequest, MockResponse> h = hook;
            MockResponse early = h == null ? null : h.apply(request);
            if (early != null) {
                return early;
            }
            if (hasExpectation(new SimpleRequest(request.method(), request.getPath()))
                    || hasExpectation(new SimpleRequest(request.getPath()))) {
                return mock.dispatch(request);
            }
            MockResponse response = crud.dispatch(request);
            WebSocketListener listener = response.getWebSocketListener();
            if (listener != null && !(listener instanceof OffLoopCloseListener)) {
                response.withWebSocketUpgrade(new OffLoopCloseListener(listener, crud::forgetWatch));
            }
            return response;
        }

        private boolean hasExpectation(ServerRequest key) {
            Queue<ServerResponse> queue = responses.get(key);
            return queue != null && !queue.isEmpty();
        }

        @Override
        public void shutdown() {
            mock.shutdown();
            crud.shutdown();
        }

        @Override
        public void releaseResources() {
            mock.releaseResources();
            crud.releaseResources();
        }

        @Override
        public void reset() {
            crud.reset();
        }
    }

    /**
     * The CRUD dispatcher, plus two things. The creation-timestamp annotation becomes metadata.creationTimestamp.
     * And a name index for {@code findResource}, which every create/update/patch calls: the stock one tests every
     * stored object, so seeding thousands of objects spent most of its time there. The index is checked against the
     * store on every write; should it ever disagree (a fabric8 change), it switches itself off and the stock scan is
     * used again.
     */
    private static final class BackdatingCrudDispatcher extends KubernetesCrudDispatcher {
        private static final String NAME = "name";
        private static final String PLURAL = "plural";

        /** The stock dispatcher's (private) set of live watches; null if fabric8 renamed it. */
        private final Set<?> watchListeners = watchListenerSet(this);

        /** Stops sending events to a watch right away (the stock listener does that only at the end of onClosed). */
        void forgetWatch(WebSocketListener watch) {
            if (watchListeners != null) {
                watchListeners.remove(watch);
            }
        }

        private static Set<?> watchListenerSet(KubernetesCrudDispatcher dispatcher) {
            try {
                Field f = KubernetesCrudDispatcher.class.getDeclaredField("watchEventListeners");
                f.setAccessible(true);
                return (Set<?>) f.get(dispatcher);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warn("MockCluster: cannot reach the mock's watch list ({}); closing watches may log "
                        + "RejectedExecutionException", e.toString());
                return null;
            }
        }

        /** name attribute -> keys of the stored objects with that name, in store order. Guarded by the CRUD lock. */
        private final Map<Attribute, Set<AttributeSet>> byName = new HashMap<>();
        private volatile boolean indexValid = true;

        @Override
        public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
            Attribute wanted = attributes.getAttribute(NAME);
            if (!indexValid || wanted == null || wanted.getType() != AttributeType.WITH) {
                return super.findResource(attributes);
            }
            // Same result as the stock scan: an entry can only match if its name attribute equals ours.
            Set<AttributeSet> candidates = byName.get(wanted);
            if (candidates != null) {
                for (AttributeSet key : candidates) {
                    String value = map.get(key);
                    if (value != null && key.matches(attributes)) {
                        return new AbstractMap.SimpleImmutableEntry<>(key, value);
                    }
                }
            }
            return null;
        }

        @Override
        public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                                 GenericKubernetesResource resource, String newState) {
            GenericKubernetesResource r = resource;
            String state = newState;
            if (newState != null && newState.contains(CREATION_TIMESTAMP_ANNOTATION)) {
                GenericKubernetesResource parsed = resource != null ? resource
                        : Serialization.unmarshal(newState, GenericKubernetesResource.class);
                Map<String, String> annotations = parsed.getMetadata().getAnnotations();
                String wanted = annotations == null ? null : annotations.remove(CREATION_TIMESTAMP_ANNOTATION);
                if (wanted != null) {
                    if (annotations.isEmpty()) {
                        parsed.getMetadata().setAnnotations(null);
                    }
                    parsed.getMetadata().setCreationTimestamp(wanted);
                    r = resource == null ? null : parsed;
                    state = Serialization.asJson(parsed);
                }
            }
            // called with the CRUD write lock held
            super.processEvent(path, pathAttributes, oldAttributes, r, state);
            updateIndex(pathAttributes, oldAttributes, r, state);
        }

        /** Mirrors how the stock processEvent computes the stored key, and verifies it. */
        private void updateIndex(AttributeSet pathAttributes, AttributeSet oldAttributes,
                                 GenericKubernetesResource resource, String newState) {
            if (!indexValid) {
                return;
            }
            if (oldAttributes != null) {
                Attribute oldName = oldAttributes.getAttribute(NAME);
                Set<AttributeSet> keys = byName.get(oldName);
                if (keys != null && keys.remove(oldAttributes) && keys.isEmpty()) {
                    byName.remove(oldName);
                }
            }
            if (newState != null) {
                KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
                AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
                if (!key.containsKey(PLURAL)) {
                    key = AttributeSet.merge(pathAttributes, key);
                }
                Attribute name = key.getAttribute(NAME);
                if (name == null || !newState.equals(map.get(key))) {
                    indexValid = false;
                    byName.clear();
                    return;
                }
                byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(key);
            }
        }

        @Override
        public void reset() {
            super.reset();
            byName.clear();
            indexValid = true;
        }
    }

    /**
     * Wraps the stock CRUD watch listener so that a closing watch cannot stall the server. In 7.9.0 the stock
     * listener's {@code onClosed}/{@code onFailure} run on the Vert.x event loop and wait (up to a minute) for the
     * watch's sender thread, while that thread waits (up to 30 s) for a write that only the event loop can finish:
     * closing a watch while its events are still being sent (e.g. the initial replay of a big namespace) froze every
     * request for ~30 s. Here the watch is first unregistered (so no new events are queued for it — otherwise the
     * next write would hit its shut-down sender and fail with RejectedExecutionException), then the stock close
     * runs on another thread.
     */
    private static final class OffLoopCloseListener extends WebSocketListener {
        private static final ExecutorService CLOSER = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mock-watch-closer");
            t.setDaemon(true);
            return t;
        });
        private final WebSocketListener inner;
        private final java.util.function.Consumer<WebSocketListener> unregister;

        OffLoopCloseListener(WebSocketListener inner, java.util.function.Consumer<WebSocketListener> unregister) {
            this.inner = inner;
            this.unregister = unregister;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            inner.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            inner.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            inner.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            inner.onMessage(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            inner.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            unregister.accept(inner);
            CLOSER.execute(() -> afterServer(() -> inner.onClosed(webSocket, code, reason)));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable error, Response response) {
            unregister.accept(inner);
            CLOSER.execute(() -> afterServer(() -> inner.onFailure(webSocket, error, response)));
        }

        /**
         * Runs a close that may come after the server itself stopped: its event loop then refuses the task, and there
         * is nothing left to close. Thrown on this thread it would surface in whatever test runs next (TestFX reports
         * uncaught exceptions there), so it ends here.
         */
        private static void afterServer(Runnable close) {
            try {
                close.run();
            } catch (RuntimeException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof java.util.concurrent.RejectedExecutionException) {
                        LOG.debug("A watch closed after its mock server had stopped: {}", e.toString());
                        return;
                    }
                }
                throw e;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // dev tool

    /**
     * {@code MockCluster [--demo | --scale N,D,P] --kubeconfig PATH [--contexts a,b] [--forever]}
     *
     * <p>Starts a cluster, seeds it ({@code --demo}: {@link #seedDemo()}; {@code --scale}: {@link #seedScale}),
     * writes the kubeconfig, prints exactly one line {@code READY <kubeconfig path> <url>} to stdout, and then runs
     * until stdin reaches EOF (or, with {@code --forever}, until killed). Everything else (logs, timings) goes to
     * stderr. Build the class path once, then run with JDK 25:
     * <pre>
     * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
     * java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) dev.ponte.devtools.MockCluster \
     *      --demo --kubeconfig /tmp/ponte-kubeconfig --contexts demo,staging
     * </pre>
     */
    public static void main(String[] args) throws Exception {
        // Only the READY line goes to the real stdout: logging that writes to System.out goes to stderr instead.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        quietLogging();

        String mode = null;
        int[] scale = null;
        Path kubeconfig = null;
        List<String> contexts = List.of(DEFAULT_CONTEXT);
        boolean forever = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> mode = "demo";
                case "--scale" -> {
                    mode = "scale";
                    String[] parts = argValue(args, ++i, "--scale").split(",");
                    if (parts.length != 3) {
                        usage("--scale needs N,D,P (namespaces, deployments, pods)");
                    }
                    scale = new int[3];
                    for (int k = 0; k < 3; k++) {
                        scale[k] = Integer.parseInt(parts[k].trim().replace("_", ""));
                    }
                }
                case "--kubeconfig" -> kubeconfig = Path.of(argValue(args, ++i, "--kubeconfig"));
                case "--contexts" -> contexts = Arrays.stream(argValue(args, ++i, "--contexts").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList();
                case "--forever" -> forever = true;
                default -> usage("unknown argument: " + args[i]);
            }
        }
        if (kubeconfig == null) {
            usage("--kubeconfig PATH is required");
        }

        long t0 = System.nanoTime();
        MockCluster cluster = start();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "mock-cluster-shutdown"));
        long t1 = System.nanoTime();
        if ("demo".equals(mode)) {
            cluster.seedDemo();
        } else if ("scale".equals(mode)) {
            cluster.seedScale(scale[0], scale[1], scale[2]);
        }
        long t2 = System.nanoTime();
        Path written = cluster.writeKubeconfig(kubeconfig, contexts.toArray(String[]::new)).toAbsolutePath();
        System.err.printf("MockCluster: started in %d ms, seeded (%s) in %d ms%n", (t1 - t0) / 1_000_000,
                mode == null ? "empty" : mode, (t2 - t1) / 1_000_000);
        stdout.println("READY " + written + " " + cluster.url());
        stdout.flush();

        if (forever) {
            Thread.currentThread().join();
        }
        InputStream in = System.in;
        byte[] buffer = new byte[1024];
        while (in.read(buffer) >= 0) {
            // keep running until EOF
        }
        cluster.close();
        System.exit(0);
    }

    private static String argValue(String[] args, int i, String name) {
        if (i >= args.length) {
            usage(name + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("MockCluster: " + problem);
        System.err.println("usage: MockCluster [--demo | --scale N,D,P] --kubeconfig PATH [--contexts a,b] [--forever]");
        System.exit(2);
    }

    /** WARN and above for the dev tool (logback's default is DEBUG for everything). */
    private static void quietLogging() {
        MOCK_WEB_SERVER_JUL.setLevel(Level.WARNING);
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
            context.getLogger(MockCluster.class).setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }
}
