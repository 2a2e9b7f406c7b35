package dev.ponte.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.health.CargoTunnelProbe;
import dev.ponte.core.health.HealthRules;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.health.TunnelHealth.State;
import dev.ponte.core.health.TunnelMonitor;
import dev.ponte.core.lifecycle.BridgeOperation;
import dev.ponte.core.lifecycle.ConnectionRequest;
import dev.ponte.core.lifecycle.DownOperation;
import dev.ponte.core.lifecycle.UnbridgeOperation;
import dev.ponte.core.lifecycle.UpOperation;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine.ExecResult;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.run.RunOperation;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Poll;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import dev.ponte.devtools.MockCluster;
import dev.ponte.docker.DockerEngine;
import dev.ponte.kube.Fabric8WorkloadInspector;
import dev.ponte.kube.gefyra.Fabric8GefyraCluster;
import dev.ponte.kube.gefyra.GefyraResources;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.core.run.BridgeState;
import dev.ponte.ui.run.LocalContainersViewModel;
import dev.ponte.wireguard.Cmd;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8 end to end on one machine: Ponte's real code path (up, run, bridge, unbridge, the health monitor, down)
 * with Podman's Docker-compatible API, against the {@link Rig}, where only the Kubernetes API (fabric8's mock) and
 * the operator (the test double) are simulated and every byte of the data path is real: WireGuard between Cargo and
 * a Stowaway-like wireguard-go, DNS from dnsmasq on 192.168.99.1, HTTP from the cluster services and the app.
 * The steps build on each other and run in order on one rig.
 *
 * <p>Bounds (monitor interval 1 s, Ponte's thresholds: Degraded after 2 failed probes, Down after 6): Connected
 * within 15 s of up; after Stowaway stops, not Connected within 10 s; after it is back, Connected within 40 s
 * (Cargo's wireguard-go starts a new handshake at most 15 s after unanswered data, then retries every 5 s); the app's
 * requests flow again within 20 s of that; right after a quick restart of Stowaway a Run still passes its tunnel
 * check; a removed app container flags its bridge within 10 s.
 *
 * <p>Not covered, by design: Carrier2 (the header rule is stored on the bridge and the request carries the header,
 * but matching it is Carrier2's job inside the cluster, which the rig does not have: the request goes straight to
 * Stowaway's proxy route, the hop after Carrier2's match); the UI (issue 8, point 6).
 */
@Tag("rig")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RigEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(RigEndToEndTest.class);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration EXEC = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String NAMESPACE = "default";
    private static final String WORKLOAD = "api";
    private static final int WORKLOAD_PORT = 8080;
    private static final MatchRules ALICE = new MatchRules(List.of(new MatchRules.RuleSet(List.of(
            new MatchRules.Header("x-user", "alice", MatchRules.Type.EXACT)))));

    private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    private final String connectionName = "rig" + suffix;
    private final String clientId = "ponterig" + suffix;
    private final String app = "rig-app-" + suffix;
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final List<StepEvent> steps = new CopyOnWriteArrayList<>();
    private final BlockingQueue<TunnelHealth> health = new LinkedBlockingQueue<>();
    private Rig rig;
    private DockerEngine engine;
    private KubernetesClient ponteClient;
    private Fabric8GefyraCluster gefyra;
    private Fabric8WorkloadInspector inspector;
    private Path stateDir;
    private Connection conn;
    private boolean ran;
    private Bridge bridge;
    private TunnelMonitor monitor;
    private ScheduledExecutorService monitorThread;
    private boolean down;

    @BeforeAll
    void startRig() throws Exception {
        RigRequirements.check();
        rig = Rig.start();
        figure("rig set-up (ms, images " + (rig.images.cached() ? "cached" : "built") + ")", rig.setUp.toMillis());
        figure("  of which images (ms)", rig.images.took().toMillis());
        engine = DockerEngine.open(Rig.ENGINE);
        // Ponte's own client, configured like production's (no silent retries, bounded timeouts)
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(rig.cluster.url()).withOauthToken(MockCluster.TOKEN)
                .withConnectionTimeout(5_000).withRequestTimeout(15_000).withRequestRetryBackoffLimit(0).build();
        ponteClient = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
        gefyra = new Fabric8GefyraCluster(ponteClient);
        inspector = new Fabric8WorkloadInspector(ponteClient);
        stateDir = Files.createTempDirectory("ponte-rig-state");
    }

    @Test
    @Order(1)
    void upMakesARealHandshakeAndHealthSaysConnected() throws Exception {
        GefyraImages images = GefyraImages.defaults().withCargo(rig.cargoImage());
        ConnectionRequest request = new ConnectionRequest(Rig.CONTEXT, rig.kubeconfig.toString(), connectionName, clientId,
                images, InstallOptions.defaults(images), rig.cargoEndpoint(), stateDir, "/run/podman/podman.sock", true,
                STEP_TIMEOUT);
        long t0 = System.nanoTime();
        conn = new UpOperation(request, gefyra, engine, steps::add, Clock.systemUTC()).run(Progress.NONE, new CancellationToken());
        long upNanos = System.nanoTime() - t0;
        assertTrue(conn.cargoRunning(), "Cargo runs: " + conn);

        // Stowaway's side saw the handshake of this client's key: a real one, not Ponte's word for it
        String clientKey = gefyra.client(clientId).orElseThrow().providerConfig().get("Interface.PublicKey");
        Long atStowaway = rig.side.handshakes().get(clientKey);
        assertNotNull(atStowaway, "Stowaway's wg shows a handshake with " + clientKey + ": " + rig.side.handshakes());
        assertTrue(atStowaway > 0, "a handshake happened");

        monitorThread = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("rig-monitor").unstarted(r));
        Scheduler scheduler = (delay, action) -> {
            var f = monitorThread.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
        monitor = new TunnelMonitor(new CargoTunnelProbe(engine, conn.cargoName(), rig.side.keys.publicKey(), () -> true,
                Clock.systemUTC()), scheduler, Clock.systemUTC(),
                new TunnelMonitor.Settings(INTERVAL, 120, INTERVAL, HealthRules.Thresholds.DEFAULT));
        monitor.addListener(health::add);
        long m0 = System.nanoTime();
        monitor.start();
        TunnelHealth connected = await(h -> h.state() == State.CONNECTED, Duration.ofSeconds(15));
        long monitorNanos = System.nanoTime() - m0;
        assertNotNull(connected.handshakeAge(), connected.toString());
        assertTrue(connected.handshakeAge().toSeconds() < 30, "a fresh, real handshake: " + connected);
        assertTrue(connected.rxBytes() > 0 && connected.txBytes() > 0, "traffic counted: " + connected);

        long tunnelWaits = stepMillis("Wait for the WireGuard handshake") + stepMillis("Reach the cluster through the tunnel");
        long operatorWaits = stepMillis("Install Gefyra in the cluster") + stepMillis("Register this machine")
                + stepMillis("Wait for the tunnel configuration");
        long upMs = TimeUnit.NANOSECONDS.toMillis(upNanos);
        figure("Up -> Connected (ms)", upMs + TimeUnit.NANOSECONDS.toMillis(monitorNanos));
        figure("  Ponte's own work incl. Podman (ms)", upMs - tunnelWaits - operatorWaits
                + TimeUnit.NANOSECONDS.toMillis(monitorNanos));
        figure("  waits on the rig: handshake + first ping/DNS through the tunnel (ms)", tunnelWaits);
        figure("  waits on the operator double: install, register, tunnel config (ms)", operatorWaits);
        figure("  of Ponte's: Cargo created and started (ms)", stepMillis("Start Cargo"));
        figure("handshake age when Connected (s)", connected.handshakeAge().toSeconds());
    }

    @Test
    @Order(2)
    void runReachesAClusterServiceByNameThroughTheTunnel() throws Exception {
        Assumptions.assumeTrue(conn != null, "needs a connection (test 1)");
        String serviceIp = rig.cluster.client().services().inNamespace(NAMESPACE).withName(WORKLOAD).get().getSpec().getClusterIP();
        String host = WORKLOAD + "." + NAMESPACE + ".svc.cluster.local";
        steps.clear();
        long t0 = System.nanoTime();
        new RunOperation(new RunRequest(conn, app, rig.appImage(), List.of(), NAMESPACE, Map.of(), null, List.of(),
                List.of(), false, 0, 0, STEP_TIMEOUT), engine, gefyra, inspector, steps::add, Clock.systemUTC())
                .run(Progress.NONE, new CancellationToken());
        long runNanos = System.nanoTime() - t0;
        ran = true;
        long r0 = System.nanoTime();
        String answer = until("the first request from " + app + " through the tunnel", Duration.ofSeconds(20),
                () -> {
                    ExecResult r = httpGetInApp(host, WORKLOAD_PORT);
                    return r.exitCode() == 0 && r.output().contains(" 200 ") ? r.output() : null;
                });
        long firstNanos = System.nanoTime() - r0;
        assertTrue(answer.endsWith(ClusterSide.serviceBody(new ClusterSide.Service(NAMESPACE, WORKLOAD, serviceIp,
                List.of(WORKLOAD_PORT)))), "the cluster service's body: " + answer);

        ExecResult lookup = engine.exec(app, EXEC, "nslookup", host);
        assertEquals(0, lookup.exitCode(), lookup.output());
        assertTrue(lookup.output().contains("192.168.99.1") && lookup.output().contains(serviceIp),
                "resolved by Stowaway's DNS to the Service's ClusterIP: " + lookup.output());
        ExecResult shortName = httpGetInApp(WORKLOAD, WORKLOAD_PORT);
        assertTrue(shortName.output().contains(" 200 "), "the short name works through the search list: " + shortName.output());
        ExecResult route = engine.exec(app, EXEC, "ip", "route");
        assertTrue(route.output().contains("default via " + conn.cargoIp()), "routed through Cargo: " + route.output());

        long tunnel = stepMillis("Check the tunnel");
        long runMs = TimeUnit.NANOSECONDS.toMillis(runNanos);
        figure("Run -> first successful request through the tunnel (ms)", runMs + TimeUnit.NANOSECONDS.toMillis(firstNanos));
        figure("  Ponte's own work incl. Podman: start, wait until running, gateway (ms)", runMs - tunnel);
        figure("  waits on the rig: tunnel check + first DNS lookup and HTTP GET (ms)",
                tunnel + TimeUnit.NANOSECONDS.toMillis(firstNanos));
    }

    @Test
    @Order(3)
    void bridgeBringsAClusterRequestToTheLocalContainerUntilUnbridged() throws Exception {
        Assumptions.assumeTrue(ran, "needs the app container (test 2)");
        long t0 = System.nanoTime();
        Bridge first = bridge();
        figure("Bridge -> ACTIVE (ms)", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        assertEquals(ALICE, first.rules(), "the header rule is on the bridge for Carrier2");
        String endpoint = first.clusterEndpoint().get(String.valueOf(WORKLOAD_PORT));
        assertNotNull(endpoint, "the operator gave the bridge a Stowaway proxy endpoint: " + first.clusterEndpoint());

        long r0 = System.nanoTime();
        String body = until("the bridged request to reach " + app, Duration.ofSeconds(15), () -> {
            Cmd.Result r = requestFromCluster(endpoint);
            return r.ok() ? r.out() : null;
        });
        figure("  bridge ACTIVE -> first bridged request answered (ms)", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - r0));
        assertEquals(RigImages.APP_BODY, body, "the local container answered");

        long u0 = System.nanoTime();
        new UnbridgeOperation(gefyra, first.name(), first.mount(), false, STEP_TIMEOUT).run(Progress.NONE, new CancellationToken());
        Cmd.Result refused = until("the bridged request to stop reaching " + app, Duration.ofSeconds(15), () -> {
            Cmd.Result r = requestFromCluster(endpoint);
            return r.ok() ? null : r;
        });
        figure("Unbridge -> no longer reaches the container (ms)", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - u0));
        assertFalse(refused.out().contains(RigImages.APP_BODY.strip()), refused.out());
        assertTrue(Optional.ofNullable(rig.cluster.client().configMaps().inNamespace(GefyraResources.NAMESPACE)
                .withName(ClusterSync.PROXY_ROUTES).get().getData()).orElse(Map.of()).isEmpty(), "Stowaway's route is gone");

        bridge = bridge(); // again, on the mount that stayed, for the fault tests
        assertEquals(first.mount(), bridge.mount(), "the mount was reused");
        String again = bridge.clusterEndpoint().get(String.valueOf(WORKLOAD_PORT));
        assertEquals(RigImages.APP_BODY, until("the new bridge to carry the request", Duration.ofSeconds(15), () -> {
            Cmd.Result r = requestFromCluster(again);
            return r.ok() ? r.out() : null;
        }));
    }

    @Test
    @Order(4)
    void aStoppedStowawayIsSeenAndTrafficFlowsAgainWhenItReturns() throws Exception {
        Assumptions.assumeTrue(bridge != null && monitor != null, "needs the bridge (test 3) and the monitor (test 1)");
        String host = WORKLOAD + "." + NAMESPACE + ".svc.cluster.local";
        health.clear();
        long t0 = System.nanoTime();
        rig.side.stopStowaway();
        TunnelHealth hurt = await(h -> h.state() != State.CONNECTED, Duration.ofSeconds(10));
        figure("Stowaway stopped -> " + hurt.state() + " (ms)", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        assertFalse(hurt.reason() == null || hurt.reason().isBlank(), "with a reason: " + hurt);
        LOG.info("rig: health after Stowaway stopped: {} ({})", hurt.state(), hurt.reason());
        String serviceIp = rig.cluster.client().services().inNamespace(NAMESPACE).withName(WORKLOAD).get().getSpec().getClusterIP();
        ExecResult during = httpGetInApp(serviceIp, WORKLOAD_PORT); // by address: a name would wait out DNS retries
        assertFalse(during.exitCode() == 0 && during.output().contains(" 200 "), "no answer while Stowaway is away: "
                + during.output());

        long s0 = System.nanoTime();
        rig.side.startStowaway();
        TunnelHealth back = await(h -> h.state() == State.CONNECTED, Duration.ofSeconds(40));
        figure("Stowaway back -> Connected (ms)", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s0));
        assertTrue(back.handshakeAge() != null && back.handshakeAge().toSeconds() < 40, "a new handshake: " + back);
        until("the app's requests to flow again", Duration.ofSeconds(20), () -> {
            ExecResult r = httpGetInApp(host, WORKLOAD_PORT);
            return r.exitCode() == 0 && r.output().contains(" 200 ") ? r : null;
        });
        figure("Stowaway back -> app's request answered again (ms)", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s0));
        String endpoint = bridge.clusterEndpoint().get(String.valueOf(WORKLOAD_PORT));
        assertEquals(RigImages.APP_BODY, until("the bridged request to flow again", Duration.ofSeconds(20), () -> {
            Cmd.Result r = requestFromCluster(endpoint);
            return r.ok() ? r.out() : null;
        }));

        // A quick restart: Cargo keeps the session Stowaway forgot until 15 s of its packets went unanswered. A Run
        // right away waits for that new handshake in its tunnel check instead of saying the tunnel is down.
        rig.side.stopStowaway();
        rig.side.startStowaway();
        String quick = app + "-q";
        steps.clear();
        try {
            new RunOperation(new RunRequest(conn, quick, rig.appImage(), List.of(), NAMESPACE, Map.of(), null, List.of(),
                    List.of(), false, 0, 0, STEP_TIMEOUT), engine, gefyra, inspector, steps::add, Clock.systemUTC())
                    .run(Progress.NONE, new CancellationToken());
            figure("Stowaway restarted -> a Run's tunnel check passed (ms)", stepMillis("Check the tunnel"));
        } finally {
            if (engine.inspect(quick).isPresent()) {
                engine.remove(quick);
            }
        }
    }

    @Test
    @Order(5)
    void removingTheAppMidBridgeFlagsTheBridge() throws Exception {
        Assumptions.assumeTrue(bridge != null, "needs the bridge (test 3)");
        ExecutorService ui = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("rig-ui").unstarted(r));
        dev.ponte.core.run.LocalService service = new dev.ponte.core.run.LocalService(
                new dev.ponte.testsupport.PortsRunBackend(engine, gefyra, inspector, java.time.Duration.ofSeconds(30)),
                new DirectTaskRunner(), ui);
        service.connectionsChanged(dev.ponte.testsupport.Snapshots.one(conn, dev.ponte.core.connections.ConnectionState.CONNECTED, ""));
        LocalContainersViewModel local = new LocalContainersViewModel(service, ui);
        try {
            ui.submit(() -> local.show(conn)).get();
            Supplier<List<BridgeState>> states = () -> onUi(ui, () -> List.copyOf(local.bridges()));
            BridgeState fine = until("the bridge in the local-containers view", Duration.ofSeconds(10),
                    () -> states.get().stream().filter(s -> s.bridge().name().equals(bridge.name())).findFirst().orElse(null));
            assertFalse(fine.flagged(), "not flagged while the app runs: " + fine);

            long t0 = System.nanoTime();
            engine.remove(app);
            // A forced remove stops the container first: a list between the engine's die and destroy events sees it
            // exited, and the flag says so ("… is exited") until the destroy event's list finds it gone.
            BridgeState flagged = until("the bridge to be flagged as gone", Duration.ofSeconds(10), () -> states.get().stream()
                    .filter(s -> s.bridge().name().equals(bridge.name()) && s.flagged() && s.flag().contains("gone"))
                    .findFirst().orElse(null));
            figure("app container removed -> bridge flagged (ms)", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            assertTrue(flagged.flag().contains(app) && flagged.flag().contains("gone"), flagged.flag());
        } finally {
            service.close();
            ui.shutdownNow();
        }
    }

    @Test
    @Order(6)
    void downLeavesNothingOfPonteOrTheRig() throws Exception {
        Assumptions.assumeTrue(conn != null && monitor != null, "needs a connection (test 1)");
        monitor.stop();
        long t0 = System.nanoTime();
        DownOperation.Report report = new DownOperation(conn, stateDir, true, gefyra, engine, steps::add, Clock.systemUTC(),
                STEP_TIMEOUT).run(Progress.NONE, new CancellationToken());
        figure("Down with uninstall (ms)", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        down = true;
        assertTrue(report.clean(), "down's own check: " + report.leftovers());

        List<String> left = new ArrayList<>(ponteLeftovers());
        closeRig();
        left.addAll(rig.leftovers());
        figure("rig tear-down (ms)", rig.tearDown().toMillis());
        assertEquals(List.of(), left, "nothing of Ponte's or the rig's is left");
    }

    @AfterAll
    void stopRig() throws Exception {
        try {
            if (monitor != null) {
                monitor.stop();
            }
            if (monitorThread != null) {
                monitorThread.shutdownNow();
            }
            if (conn != null && !down) { // a step failed: clean up the way a user would
                try {
                    new DownOperation(conn, stateDir, true, gefyra, engine, e -> { }, Clock.systemUTC(), STEP_TIMEOUT)
                            .run(Progress.NONE, new CancellationToken());
                } catch (Exception e) {
                    LOG.warn("rig: down after a failure did not finish: {}", e.toString());
                }
            }
            if (engine != null && engine.inspect(app).isPresent()) {
                engine.remove(app);
            }
        } finally {
            if (ponteClient != null) {
                ponteClient.close();
            }
            if (engine != null) {
                engine.close();
            }
            closeRig();
            if (stateDir != null) {
                Files.deleteIfExists(stateDir);
            }
            StringBuilder b = new StringBuilder("rig figures:");
            figures.forEach((k, v) -> b.append("\n  ").append(k).append(" = ").append(v));
            LOG.info("{}", b);
        }
    }

    private void closeRig() {
        if (rig != null && rig.tearDown() == null) {
            rig.close();
        }
    }

    private Bridge bridge() throws Exception {
        BridgePlan plan = new BridgePlan(NAMESPACE, WorkloadKind.DEPLOYMENT, WORKLOAD, WORKLOAD,
                List.of(new PortMapping(WORKLOAD_PORT, RigImages.APP_PORT)), app, ALICE);
        return new BridgeOperation(plan, conn, gefyra, engine, inspector, STEP_TIMEOUT, steps::add, Clock.systemUTC())
                .run(Progress.NONE, new CancellationToken());
    }

    /** An HTTP/1.0 GET from inside the app container (busybox nc: this busybox's wget crashes). */
    private ExecResult httpGetInApp(String host, int port) {
        return engine.exec(app, EXEC, "sh", "-c", "printf 'GET / HTTP/1.0\\r\\nHost: " + host
                + "\\r\\n\\r\\n' | nc -w 3 " + host + " " + port);
    }

    /**
     * A request from inside the cluster to a bridge's Stowaway proxy endpoint ({@code <service>:<P>}, what Carrier2
     * sends a matching request to), with the rule's header: the name through the cluster DNS, then curl.
     */
    private Cmd.Result requestFromCluster(String endpoint) {
        String host = endpoint.substring(0, endpoint.lastIndexOf(':'));
        String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
        Cmd.Result lookup = rig.side.exec(EXEC, "busybox", "nslookup", host, "192.168.99.1");
        String ip = lookup.ok() ? lastAddress(lookup.out()) : null;
        if (ip == null) {
            return new Cmd.Result(1, "", "no DNS answer for " + host + ": " + lookup.out() + lookup.err());
        }
        return rig.side.exec(EXEC, "curl", "-sS", "--max-time", "5", "-H", "x-user: alice",
                "--resolve", host + ":" + port + ":" + ip, "http://" + host + ":" + port + "/");
    }

    private static String lastAddress(String nslookup) {
        String found = null;
        boolean answer = false;
        for (String line : nslookup.split("\n")) {
            if (line.startsWith("Name:")) {
                answer = true;
            } else if (answer && line.startsWith("Address")) {
                found = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return found;
    }

    private long stepMillis(String name) {
        return steps.stream().filter(e -> e.name().equals(name) && e.state() == StepEvent.State.DONE)
                .mapToLong(e -> e.elapsed() == null ? 0 : e.elapsed().toMillis()).sum();
    }

    private TunnelHealth await(Predicate<TunnelHealth> wanted, Duration deadline) throws InterruptedException {
        return dev.ponte.testsupport.Queues.awaitMatching(health, wanted, deadline);
    }

    private static <T> T until(String what, Duration deadline, Supplier<T> check) throws Exception {
        return Poll.until(what, check, deadline, POLL, new CancellationToken());
    }

    private static <T> T onUi(ExecutorService ui, Callable<T> read) {
        try {
            return ui.submit(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void figure(String what, Object value) {
        figures.put(what, String.valueOf(value));
        LOG.info("rig: {} = {}", what, value);
    }

    /** Containers, networks, files and API objects of this connection that are still there. */
    private List<String> ponteLeftovers() {
        List<String> left = new ArrayList<>();
        engine.containers(Map.of(CargoLabels.CREATED_BY, "true")).stream()
                .filter(c -> c.name().equals(conn.cargoName()) || c.name().equals(app) || c.ips().containsKey(conn.networkName()))
                .forEach(c -> left.add("container " + c.name()));
        engine.inspect(app).ifPresent(c -> left.add("container " + app));
        engine.network(conn.networkName()).ifPresent(n -> left.add("network " + n.name()));
        engine.networks().stream().filter(n -> n.name().startsWith(conn.networkName())).forEach(n -> left.add("network " + n.name()));
        try (var files = Files.list(stateDir)) {
            files.forEach(f -> left.add("file " + f));
        } catch (java.io.IOException e) {
            left.add("state folder unreadable: " + e);
        }
        left.addAll(gefyra.leftovers());
        gefyra.client(clientId).ifPresent(c -> left.add("GefyraClient " + c.name()));
        Optional.ofNullable(rig.cluster.client().configMaps().inNamespace(GefyraResources.NAMESPACE)
                .withName(ClusterSync.PROXY_ROUTES).get()).ifPresent(c -> left.add("ConfigMap " + ClusterSync.PROXY_ROUTES));
        return left;
    }
}
