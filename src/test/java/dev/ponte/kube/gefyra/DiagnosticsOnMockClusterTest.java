package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.BridgeTargets.NS;
import static dev.ponte.kube.gefyra.GefyraRig.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.diagnostics.Check;
import dev.ponte.core.diagnostics.CheckState;
import dev.ponte.core.diagnostics.Checks;
import dev.ponte.core.diagnostics.DiagnosticsReport;
import dev.ponte.core.diagnostics.DiagnosticsService;
import dev.ponte.core.gefyra.BridgeRequest;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.MountRequest;
import dev.ponte.core.model.PodSummary;
import dev.ponte.core.model.Workload;
import dev.ponte.core.port.ClusterSession;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.port.HostNetwork;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.kube.Fabric8WorkloadInspector;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.Snapshots;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagnostics' cluster lines on fabric8's mock API server with the operator double, each turned red by a real
 * fault of the API and green again: a SelfSubjectAccessReview that denies one verb (the mock has no authorizer: a
 * request hook answers the reviews), an operator Deployment of another version, and one unready Carrier2 pod of a
 * bridged workload (the double patched the pods to Carrier2; the test takes one's readiness away as a kubelet would).
 */
class DiagnosticsOnMockClusterTest {
    private static final String CTX = "mock";
    private static final String SSAR = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    @TempDir
    Path dir;
    private GefyraRig rig;
    private KubernetesClient k;
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private DiagnosticsService diagnostics;
    private Supplier<ConnectionsSnapshot> snapshot = () -> ConnectionsSnapshot.EMPTY;
    private FakePorts ports;

    @BeforeEach
    void start() {
        rig = new GefyraRig().installed();
        k = rig.cluster.client();
        ObjectMapper json = new ObjectMapper();
        rig.cluster.setRequestHook(request -> {
            if ("POST".equals(request.getMethod()) && request.getPath().startsWith(SSAR)) {
                try {
                    JsonNode a = json.readTree(new String(request.getBody().getBytes(), StandardCharsets.UTF_8))
                            .path("spec").path("resourceAttributes");
                    String group = a.path("group").asText("");
                    boolean allowed = !denied.contains(a.path("verb").asText() + " " + (group.isEmpty() ? "" : group + "/")
                            + a.path("resource").asText());
                    return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json").setBody(
                            "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"status\":{\"allowed\":"
                                    + allowed + "}}");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return rig.operator.admission.admit(request);
        });
        ports = new FakePorts(dir, CTX);
        Clusters clusters = new Clusters() {
            @Override
            public ClusterSession open(String context) {
                return session(rig.ponteClient, rig.gefyra);
            }

            @Override
            public String kubeconfigOf(String context) {
                return null;
            }
        };
        diagnostics = new DiagnosticsService(ports.engines, clusters, () -> snapshot.get(), ports.settings, new QuietHost(),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private DiagnosticsReport run() {
        return diagnostics.run(CTX, Progress.NONE, new CancellationToken());
    }

    private static Check line(DiagnosticsReport r, String key) {
        return r.check(key).orElseThrow(() -> new AssertionError("no line " + key + "\n" + r.text()));
    }

    @Test
    void aReviewThatDeniesOneVerbFailsThePermissionsLineNamingIt() {
        assertEquals(CheckState.OK, line(run(), Checks.PERMISSIONS).state());
        denied.add("create gefyra.dev/gefyrabridges");
        Check red = line(run(), Checks.PERMISSIONS);
        assertEquals(CheckState.FAILED, red.state(), red.evidence());
        assertTrue(red.evidence().contains("create gefyra.dev/gefyrabridges in gefyra — Bridge sends your requests to your container"),
                red.evidence());
        denied.clear();
        assertEquals(CheckState.OK, line(run(), Checks.PERMISSIONS).state());
    }

    @Test
    void anOperatorOfAnotherVersionFailsTheOperatorLine() {
        Check green = line(run(), Checks.OPERATOR);
        assertEquals(CheckState.OK, green.state(), green.evidence());
        assertTrue(green.evidence().contains("gefyra-stowaway-0 ready"), "its pods: " + green.evidence());
        assertTrue(green.evidence().contains("Gefyra-Ready"), "its recent events: " + green.evidence());
        setOperatorImage("quay.io/gefyra/operator:2.4.0");
        Check red = line(run(), Checks.OPERATOR);
        assertEquals(CheckState.FAILED, red.state(), red.evidence());
        assertTrue(red.evidence().startsWith("the cluster runs operator 2.4.0; Ponte speaks Gefyra 2.5.4"), red.evidence());
        setOperatorImage("quay.io/gefyra/operator:2.5.4");
        assertEquals(CheckState.OK, line(run(), Checks.OPERATOR).state());
    }

    private void setOperatorImage(String image) {
        k.apps().deployments().inNamespace("gefyra").withName(GefyraResources.OPERATOR_DEPLOYMENT).edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage(image);
            return d;
        });
    }

    @Test
    void anUnreadyCarrier2PodFailsItsBridgesLine() throws Exception {
        BridgeTargets.twoPods(k, true, BridgeTargets.httpProbe());
        String uid = k.apps().deployments().inNamespace(NS).withName("api").get().getMetadata().getUid();
        k.apps().replicaSets().inNamespace(NS).resource(new ReplicaSetBuilder().withNewMetadata().withName("api-7d9c5")
                .withNamespace(NS).withLabels(Map.of("app", "api", "pod-template-hash", "7d9c5")).addNewOwnerReference()
                .withApiVersion("apps/v1").withKind("Deployment").withName("api").withUid(uid).withController(true)
                .endOwnerReference().endMetadata().withNewSpec().withNewSelector().withMatchLabels(BridgeTargets.LABELS)
                .endSelector().endSpec().build()).create();
        rig.client("laptop1", "172.20.0.0/16");
        // this machine: Cargo and the local container on the connection network
        ports.engine.createNetwork("gefyra-network-laptop", "172.20.0.0/16", Map.of("created_by.gefyra.dev", "true"));
        ports.engine.create(new ContainerEngine.RunSpec("my-app", "api:dev", List.of(), Map.of(),
                Map.of("created_by.gefyra.dev", "true"), List.of(), "gefyra-network-laptop", List.of(), List.of(), List.of(),
                false, 0, 0));
        ports.engine.start("my-app");
        String ip = ports.engine.inspect("my-app").orElseThrow().ips().get("gefyra-network-laptop");
        ports.engine.create(new ContainerEngine.ContainerSpec("gefyra-cargo-laptop", "cargo", Map.of(), List.of(), false,
                List.of(), false, List.of(), List.of(), null, Map.of(), List.of()));
        ports.engine.execScript = cmd -> cmd.startsWith("timeout 3 bash -c") || cmd.startsWith("ping")
                ? new ContainerEngine.ExecResult(0, "") : new ContainerEngine.ExecResult(1, "");
        Connection conn = new Connection("laptop", CTX, "laptop1", "gefyra-cargo-laptop", "172.20.0.149",
                "gefyra-network-laptop", "127.0.0.1:31820", null, "2.5.4", true, true);
        snapshot = () -> Snapshots.one(conn, ConnectionState.CONNECTED, "");

        rig.gefyra.createMount(new MountRequest("api-shop-k2x9q", NS, "deployment", "api", "web", "laptop1"));
        rig.gefyra.awaitMountActive("api-shop-k2x9q", WAIT, Progress.NONE, new CancellationToken());
        rig.gefyra.createBridge(new BridgeRequest("laptop1-api-web-q7w3e", "api-shop-k2x9q", "laptop1", "my-app", ip,
                List.of(new BridgeRequest.PortMapping(8080, 8000)), new MatchRules(List.of(new MatchRules.RuleSet(List.of(
                new MatchRules.Header("x-user", "alice", MatchRules.Type.EXACT)))))));
        rig.gefyra.awaitBridgeActive("laptop1-api-web-q7w3e", WAIT, Progress.NONE, new CancellationToken());
        String key = Checks.bridge("laptop1-api-web-q7w3e");

        Check green = line(run(), key);
        assertEquals(CheckState.OK, green.state(), green.evidence());
        assertTrue(green.evidence().contains("Carrier2 pods: 2 of 2 ready"), green.evidence());
        assertTrue(green.evidence().contains("Stowaway proxy route to " + ip + ":8000: present"), green.evidence());

        k.pods().inNamespace(NS).withName("api-7d9c5-bbbbb").edit(p -> {
            p.getStatus().getContainerStatuses().forEach(s -> s.setReady(false));
            return p;
        });
        Check red = line(run(), key);
        assertEquals(CheckState.FAILED, red.state(), red.evidence());
        assertTrue(red.evidence().contains("Carrier2 pods: 1 of 2 ready; not ready: api-7d9c5-bbbbb"), red.evidence());
        assertTrue(red.fix().contains("kubectl -n shop describe pod api-7d9c5-bbbbb"), red.fix());

        BridgeTargets.makeReady(k, "api-7d9c5-bbbbb");
        assertEquals(CheckState.OK, line(run(), key).state());
    }

    @Test
    void theTeamAndCleanupReadsSeeWhatTheOperatorMade() throws Exception {
        rig.client("laptop1", "172.20.0.0/16");
        rig.client("laptop2", null);
        List<GefyraCluster.ClientInfo> clients = rig.gefyra.clients();
        assertEquals(Set.of("laptop1", "laptop2"), Set.copyOf(clients.stream().map(GefyraCluster.ClientInfo::name).toList()));
        GefyraCluster.ClientInfo active = clients.stream().filter(c -> c.name().equals("laptop1")).findFirst().orElseThrow();
        assertEquals(dev.ponte.core.gefyra.ClientState.ACTIVE, active.state());
        assertTrue(active.since().isAfter(Instant.now().minusSeconds(60)), "since when: " + active.since());
        assertEquals("172.20.0.0/16", active.subnet());
        assertTrue(rig.gefyra.clientRbac().contains("ClusterRole/gefyra-client"), rig.gefyra.clientRbac().toString());
        assertTrue(rig.gefyra.clientRbac().contains("ClusterRoleBinding/gefyra-rolebinding-gefyra-client-laptop1"));
        String yaml = String.join("\n---\n", rig.gefyra.objectsYaml("laptop1"));
        assertTrue(yaml.contains("name: \"laptop1\"") || yaml.contains("name: laptop1"), yaml);
        String privateKey = rig.gefyra.client("laptop1").orElseThrow().providerConfig().get("Interface.PrivateKey");
        assertTrue(!yaml.contains(privateKey) && yaml.contains("***"), "the key is masked:\n" + yaml);
        assertTrue(rig.gefyra.nodes().isEmpty() || rig.gefyra.nodes().values().stream().allMatch(a -> !a.isBlank()));
    }

    static ClusterSession session(KubernetesClient client, GefyraCluster gefyra) {
        return new ClusterSession() {
            @Override
            public String serverVersion() {
                return client.getKubernetesVersion().getGitVersion();
            }

            @Override
            public Subscription watchNamespaces(StreamListener<String> listener) {
                return () -> { };
            }

            @Override
            public Subscription watchWorkloads(String namespace, StreamListener<Workload> listener) {
                return () -> { };
            }

            @Override
            public Subscription watchPods(String namespace, StreamListener<PodSummary> listener) {
                return () -> { };
            }

            @Override
            public WorkloadInspector inspector() {
                return new Fabric8WorkloadInspector(client);
            }

            @Override
            public GefyraCluster gefyra() {
                return gefyra;
            }

            @Override
            public void close() {
            }
        };
    }

    /** This machine as the test needs it: one Ethernet interface, a silent endpoint. */
    private static final class QuietHost implements HostNetwork {
        @Override
        public List<Interface> interfaces() {
            return List.of(new Interface("eth0", 1500, true, false, false, List.of("192.168.1.20")));
        }

        @Override
        public List<Route> routes() {
            return List.of();
        }

        @Override
        public UdpProbe probeUdp(String host, int port, Duration wait) {
            return new UdpProbe(UdpProbe.Outcome.SILENT, host, "sent, no refusal");
        }
    }
}
