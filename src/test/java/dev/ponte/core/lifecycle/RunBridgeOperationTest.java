package dev.ponte.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.BridgeRequest;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.ContainerEngine.RunSpec;
import dev.ponte.core.port.WorkloadInspector;
import dev.ponte.core.run.RunOperation;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.run.RunResult;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run, bridge and unbridge against in-memory ports: the specs and bodies they send, their checks, and rollback. */
class RunBridgeOperationTest {
    @TempDir
    Path dir;
    private final FakeGefyraCluster cluster = new FakeGefyraCluster();
    private final FakeEngine engine = new FakeEngine();
    private final List<StepEvent> events = new ArrayList<>();
    private final FakeInspector inspector = new FakeInspector();
    private Connection conn;

    @BeforeEach
    void connect() throws Exception {
        ConnectionRequest request = new ConnectionRequest("kind-dev", "/home/u/.kube/config", "kind-dev", "ponteabc123",
                GefyraImages.defaults(), InstallOptions.defaults(GefyraImages.defaults()), "172.17.0.1:31820", dir,
                "/var/run/docker.sock", true, Duration.ofSeconds(5));
        engine.execScript = cmd -> switch (cmd.split(" ")[0]) {
            case "wg" -> new ContainerEngine.ExecResult(0, "c2VydmVyLXB1YmxpYy1rZXk=\t1764070000\n");
            case "nslookup" -> new ContainerEngine.ExecResult(0, "Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.43.0.1\n");
            default -> new ContainerEngine.ExecResult(0, "");
        };
        conn = new UpOperation(request, cluster, engine, e -> { }, Clock.systemUTC(), new SubnetPicker(List::of))
                .run(Progress.NONE, new CancellationToken());
        cluster.calls.clear();
    }

    // ---------- run ----------

    private RunRequest runRequest(String name, Map<String, String> env, RunRequest.EnvFrom from) {
        return new RunRequest(conn, name, "acme/api:dev", List.of("npm", "start"), "shop", env, from, List.of(),
                List.of(new ContainerEngine.PortBinding("", 8080, 8000, "tcp")), false, 0, 0, Duration.ofSeconds(5));
    }

    private RunResult run(RunRequest r) throws Exception {
        return new RunOperation(r, engine, cluster, inspector, events::add, Clock.systemUTC()).run(Progress.NONE, new CancellationToken());
    }

    @Test
    void runStartsTheContainerAsUpstreamDoesAndRoutesItThroughCargo() throws Exception {
        inspector.env = new WorkloadInspector.EnvResolution(Map.of("DB_HOST", "postgres", "LOG", "info"), "env in pod api-1",
                List.of("DB_PASSWORD: Secret shop/db could not be read (403)"));
        Map<String, String> mine = new LinkedHashMap<>();
        mine.put("LOG", "debug");
        RunResult r = run(runRequest("api-local", mine,
                new RunRequest.EnvFrom("shop", WorkloadKind.DEPLOYMENT, "api", "api")));

        RunSpec spec = engine.runSpecs.get("api-local");
        assertEquals(conn.networkName(), spec.network());
        assertEquals(List.of("192.168.99.1"), spec.dns());
        assertEquals(List.of("shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "k8s"), spec.dnsSearch());
        assertEquals("true", spec.labels().get("created_by.gefyra.dev"));
        assertTrue(spec.labels().get("bridge_id.gefyra.dev").matches("[0-9a-f]{32}"), spec.labels().toString());
        assertEquals(conn.name(), spec.labels().get("ponte.dev/connection"));
        assertEquals("postgres", spec.env().get("DB_HOST"));
        assertEquals("debug", spec.env().get("LOG"), "typed values override copied ones");
        assertEquals(List.of("npm", "start"), spec.command());
        assertEquals(conn.cargoIp(), engine.gateways.get("api-local"), "default route via Cargo");
        assertTrue(r.container().running());
        assertNotNull(r.container().ip());
        assertEquals("shop", r.container().namespace());
        assertEquals(List.of("DB_PASSWORD: Secret shop/db could not be read (403)"), r.envProblems());
        assertEquals(StepEvent.State.SKIPPED, last("Re-point its bridges").state());
    }

    @Test
    void runRefusesWhenTheTunnelIsDownAndCreatesNothing() {
        engine.execScript = cmd -> cmd.contains("ping") ? new ContainerEngine.ExecResult(1, "100% packet loss")
                : new ContainerEngine.ExecResult(0, "");
        PonteException e = assertThrows(PonteException.class, () -> run(runRequest("api-local", Map.of(), null)));
        assertEquals("The tunnel is down", e.problem().title());
        assertFalse(engine.containers.containsKey("api-local"));
    }

    @Test
    void runRefusesATakenNameAndLeavesThatContainerAlone() throws Exception {
        run(runRequest("api-local", Map.of(), null));
        PonteException e = assertThrows(PonteException.class, () -> run(runRequest("api-local", Map.of(), null)));
        assertEquals("Name taken", e.problem().title());
        assertTrue(engine.containers.get("api-local").running());
    }

    @Test
    void aFailedGatewayStepRemovesTheContainerItStarted() {
        engine.execScript = cmd -> cmd.startsWith("bash patchContainerGateway.sh")
                ? new ContainerEngine.ExecResult(2, "nsenter: cannot open /proc/123/ns/net") : new ContainerEngine.ExecResult(0, "");
        PonteException e = assertThrows(PonteException.class, () -> run(runRequest("api-local", Map.of(), null)));
        assertEquals("Could not route the container through Cargo", e.problem().title());
        assertTrue(e.problem().detail().contains("cannot open"), e.problem().detail());
        assertFalse(engine.containers.containsKey("api-local"), "rolled back");
    }

    @Test
    void aContainerThatStopsRightAwayIsReportedWithItsExitCode() {
        engine.beforeCall = c -> {
            if (c.equals("inspect") && engine.containers.containsKey("api-local") && engine.containers.get("api-local").running()) {
                engine.exit("api-local", 3);
            }
        };
        PonteException e = assertThrows(PonteException.class, () -> run(runRequest("api-local", Map.of(), null)));
        assertEquals("The container stopped", e.problem().title());
        assertTrue(e.problem().detail().contains("exit code 3"), e.problem().detail());
    }

    @Test
    void reRunningAContainerRepointsItsBridgesToTheNewAddress() throws Exception {
        RunResult first = run(runRequest("api-local", Map.of(), null));
        cluster.bridges.put("b1", new Bridge("b1", "m1", conn.clientId(), "api-local", first.container().ip(), List.of("8000:80"),
                new MatchRules(List.of()), Map.of(), "ACTIVE", null, Instant.EPOCH));
        cluster.bridges.put("other", new Bridge("other", "m1", "someone-else", "api-local", first.container().ip(),
                List.of("8000:80"), new MatchRules(List.of()), Map.of(), "ACTIVE", null, Instant.EPOCH));
        engine.remove("api-local");
        RunResult second = run(runRequest("api-local", Map.of(), null));
        assertFalse(first.container().ip().equals(second.container().ip()), "a re-run container gets a new address");
        assertEquals(List.of("b1"), second.repointed());
        assertEquals(second.container().ip(), cluster.bridges.get("b1").destinationIp());
        assertEquals(first.container().ip(), cluster.bridges.get("other").destinationIp(), "other users' bridges untouched");
    }

    // ---------- bridge ----------

    private final MatchRules rules = new MatchRules(List.of(
            new MatchRules.RuleSet(List.of(new MatchRules.Header("x-user", "alice", MatchRules.Type.EXACT))),
            new MatchRules.RuleSet(List.of(new MatchRules.Path("/api/v2", MatchRules.Type.PREFIX)))));

    private BridgePlan plan(String local, int remotePort) {
        return new BridgePlan("shop", WorkloadKind.DEPLOYMENT, "api", "api", List.of(new PortMapping(remotePort, 8000)), local, rules);
    }

    private Bridge bridge(BridgePlan plan, CancellationToken cancel) throws Exception {
        return new BridgeOperation(plan, conn, cluster, engine, inspector, Duration.ofSeconds(5), events::add, Clock.systemUTC())
                .run(Progress.NONE, cancel);
    }

    @Test
    void bridgeCreatesTheMountThenTheBridgeWithTheWizardsChoices() throws Exception {
        RunResult local = run(runRequest("api-local", Map.of(), null));
        Bridge b = bridge(plan("api-local", 80), new CancellationToken());

        assertEquals(1, cluster.mountRequests.size());
        var m = cluster.mountRequests.getFirst();
        assertEquals("deployment/api", m.target());
        assertEquals("shop", m.targetNamespace());
        assertEquals("api", m.container());
        assertEquals(conn.clientId(), m.createdBy(), "Ponte marks the mounts it creates");
        BridgeRequest r = cluster.bridgeRequests.getFirst();
        assertEquals(m.name(), r.mount());
        assertEquals(conn.clientId(), r.client());
        assertEquals("api-local", r.clientContainer());
        assertEquals(local.container().ip(), r.destinationIp());
        assertEquals(List.of("8000:80"), r.ports().stream().map(PortMapping::wire).toList());
        assertEquals(rules, r.rules());
        assertTrue(b.active());
        assertTrue(r.name().length() <= 63 && r.name().startsWith(conn.clientId()), r.name());
    }

    @Test
    void anExistingMountIsReusedNotCreatedAgain() throws Exception {
        run(runRequest("api-local", Map.of(), null));
        cluster.mounts.put("api-shop-x1y2z", new BridgeMount("api-shop-x1y2z", "shop", "deploy/api", "api", "ACTIVE", null,
                Instant.EPOCH, "someone-else"));
        bridge(plan("api-local", 80), new CancellationToken());
        assertFalse(cluster.calls.contains("createMount"));
        assertEquals("api-shop-x1y2z", cluster.bridgeRequests.getFirst().mount());
        assertTrue(last("Prepare the workload (Carrier2)").detail().contains("reusing"), last("Prepare the workload (Carrier2)").detail());
    }

    @Test
    void aMountForAnotherContainerOfTheWorkloadIsExplained() throws Exception {
        run(runRequest("api-local", Map.of(), null));
        cluster.mounts.put("m", new BridgeMount("m", "shop", "deployment/api", "sidecar", "ACTIVE", null, Instant.EPOCH, null));
        PonteException e = assertThrows(PonteException.class, () -> bridge(plan("api-local", 80), new CancellationToken()));
        assertEquals("Workload prepared for another container", e.problem().title());
        assertFalse(cluster.calls.contains("createBridge"));
    }

    @Test
    void badInputStopsBeforeAnythingChangesInTheCluster() throws Exception {
        run(runRequest("api-local", Map.of(), null));
        assertProblem("Port not exposed", () -> bridge(plan("api-local", 9999), new CancellationToken()));
        assertProblem("Local container not found", () -> bridge(plan("nope", 80), new CancellationToken()));
        engine.stop("api-local", Duration.ZERO);
        assertProblem("Local container not running", () -> bridge(plan("api-local", 80), new CancellationToken()));
        engine.restart("api-local", Duration.ZERO);
        inspector.probes = List.of("exec");
        assertProblem("Probes not compatible", () -> bridge(plan("api-local", 80), new CancellationToken()));
        inspector.probes = List.of("httpGet");
        inspector.ready = 0;
        assertProblem("No ready pods", () -> bridge(plan("api-local", 80), new CancellationToken()));
        inspector.ready = 2;
        inspector.rollout = true;
        assertProblem("Rollout in progress", () -> bridge(plan("api-local", 80), new CancellationToken()));
        assertFalse(cluster.calls.contains("createMount"));
        assertFalse(cluster.calls.contains("createBridge"));
    }

    @Test
    void aContainerNotOnTheConnectionsNetworkIsRefused() throws Exception {
        engine.containers.put("elsewhere", new ContainerEngine.Container("id-x", "elsewhere", "nginx", "running", Map.of(),
                Map.of("bridge", "172.17.0.9")));
        assertProblem("Local container not on the connection's network", () -> bridge(plan("elsewhere", 80), new CancellationToken()));
    }

    @Test
    void anOperatorErrorRollsBackTheMountAndBridgeThisRunCreated() throws Exception {
        run(runRequest("api-local", Map.of(), null));
        cluster.bridgeOutcome = "ERROR";
        cluster.operatorMessage = "Port 80 is already taken by another bridge";
        assertThrows(PonteException.class, () -> bridge(plan("api-local", 80), new CancellationToken()));
        assertTrue(cluster.mounts.isEmpty(), "mount of this run removed");
        assertTrue(cluster.bridges.isEmpty(), "bridge of this run removed");
    }

    @Test
    void cancelWhileCarrier2IsInstalledRemovesTheNewMount() throws Exception {
        run(runRequest("api-local", Map.of(), null));
        CancellationToken cancel = new CancellationToken();
        cluster.beforeCall = c -> {
            if (c.equals("awaitMountActive")) {
                cancel.cancel();
                throw new CancellationException("cancelled");
            }
        };
        assertThrows(CancellationException.class, () -> bridge(plan("api-local", 80), cancel));
        assertTrue(cluster.mounts.isEmpty());
        assertFalse(cluster.calls.contains("createBridge"));
    }

    @Test
    void unbridgeRemovesTheMountOnlyWhenAskedAndNobodyElseUsesIt() throws Exception {
        run(runRequest("api-local", Map.of(), null));
        Bridge b = bridge(plan("api-local", 80), new CancellationToken());
        BridgeMount m = cluster.mounts.get(b.mount());
        assertTrue(UnbridgeOperation.offerMountRemoval(m, conn.clientId(), List.of(b), b.name()));
        cluster.bridges.put("theirs", new Bridge("theirs", b.mount(), "someone-else", "x", "10.0.0.9", List.of("1:80"),
                rules, Map.of(), "ACTIVE", null, Instant.EPOCH));
        assertFalse(UnbridgeOperation.offerMountRemoval(m, conn.clientId(), List.copyOf(cluster.bridges.values()), b.name()));

        List<String> kept = new UnbridgeOperation(cluster, b.name(), b.mount(), true, Duration.ofSeconds(5))
                .run(Progress.NONE, new CancellationToken());
        assertTrue(kept.getLast().contains("kept"), kept.toString());
        assertTrue(cluster.mounts.containsKey(b.mount()));

        List<String> done = new UnbridgeOperation(cluster, "theirs", b.mount(), true, Duration.ofSeconds(5))
                .run(Progress.NONE, new CancellationToken());
        assertTrue(cluster.bridges.isEmpty());
        assertFalse(cluster.mounts.containsKey(b.mount()), done.toString());
    }

    private static void assertProblem(String title, org.junit.jupiter.api.function.Executable call) {
        PonteException e = assertThrows(PonteException.class, call);
        assertEquals(title, e.problem().title(), e.problem().describe());
    }

    private StepEvent last(String name) {
        return events.reversed().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    /** A workload {@code api} with container {@code api} on port 80 and two ready pods, unless a test says otherwise. */
    private static final class FakeInspector implements WorkloadInspector {
        WorkloadInspector.EnvResolution env = new EnvResolution(Map.of(), "none", List.of());
        List<String> probes = List.of("httpGet");
        int ready = 2;
        boolean rollout;

        @Override
        public WorkloadDetail describe(String namespace, WorkloadKind kind, String name) {
            return new WorkloadDetail(kind, namespace, name, List.of(new ContainerDetail("api", "acme/api:1.4",
                    List.of(new Port("http", 80, "TCP")), probes, 500_000_000L, 256L << 20)), 2, ready, rollout);
        }

        @Override
        public List<ServicePort> services(String namespace, WorkloadKind kind, String name) {
            return List.of(new ServicePort("api", 80, 8080));
        }

        @Override
        public EnvResolution environment(String namespace, WorkloadKind kind, String name, String container,
                                         CancellationToken cancel) {
            return env;
        }
    }
}
