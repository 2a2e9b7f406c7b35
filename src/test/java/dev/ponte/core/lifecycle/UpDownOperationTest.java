package dev.ponte.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.ClientState;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.InstallOptions;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** up and down against in-memory ports: steps, idempotence, rollback on cancel and on failure at every call. */
class UpDownOperationTest {
    @TempDir
    Path dir;
    private final FakeGefyraCluster cluster = new FakeGefyraCluster();
    private final FakeEngine engine = new FakeEngine();
    private final List<StepEvent> events = new ArrayList<>();
    private ConnectionRequest request;

    @BeforeEach
    void setUp() {
        request = new ConnectionRequest("kind-dev", "/home/u/.kube/config", "kind-dev", "ponteabc123",
                GefyraImages.defaults(), InstallOptions.defaults(GefyraImages.defaults()), "172.17.0.1:31820", dir,
                "/var/run/docker.sock", true, Duration.ofSeconds(5));
        engine.execScript = cmd -> switch (cmd.split(" ")[0]) {
            case "wg" -> new ContainerEngine.ExecResult(0, "c2VydmVyLXB1YmxpYy1rZXk=\t1764070000\n");
            case "nslookup" -> new ContainerEngine.ExecResult(0,
                    "Server:\t\t192.168.99.1\nAddress:\t192.168.99.1:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.43.0.1\n");
            default -> new ContainerEngine.ExecResult(0, "");
        };
    }

    private Connection up(CancellationToken cancel) throws Exception {
        return new UpOperation(request, cluster, engine, events::add, Clock.systemUTC(), new SubnetPicker(List::of))
                .run(Progress.NONE, cancel);
    }

    private DownOperation.Report down(Connection c, boolean uninstall) throws Exception {
        return new DownOperation(c, dir, uninstall, cluster, engine, events::add, Clock.systemUTC(), Duration.ofSeconds(5))
                .run(Progress.NONE, new CancellationToken());
    }

    private void assertNothingLeft() {
        assertEquals(List.of(), List.copyOf(engine.networks.keySet()), "networks");
        assertEquals(List.of(), List.copyOf(engine.containers.keySet()), "containers");
        assertEquals(List.of(), List.copyOf(cluster.clients.keySet()), "clients");
        assertFalse(cluster.installed, "install of this run rolled back");
        assertFalse(Files.exists(request.wireGuardConfigFile()), "WireGuard config");
    }

    @Test
    void upFromScratchInstallsRegistersAndStartsCargoOnPoint149() throws Exception {
        Connection c = up(new CancellationToken());
        assertTrue(cluster.installed);
        assertEquals(ClientState.ACTIVE, cluster.clients.get("ponteabc123").state());
        assertEquals("172.18.0.0/16", cluster.clients.get("ponteabc123").subnet());
        assertEquals(List.of("gefyra-network-kind-dev"), List.copyOf(engine.networks.keySet()), "probe networks removed");
        assertEquals("true", engine.networks.get("gefyra-network-kind-dev").labels().get(CargoLabels.CREATED_BY));
        ContainerEngine.Container cargo = engine.containers.get("gefyra-cargo-kind-dev");
        assertTrue(cargo.running());
        assertEquals("172.18.0.149", cargo.ips().get("gefyra-network-kind-dev"));
        assertEquals("kind-dev", c.name());
        assertEquals("ponteabc123", c.clientId());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(request.wireGuardConfigFile())));
        assertTrue(Files.readString(request.wireGuardConfigFile()).contains("Endpoint = 172.17.0.1:31820"));
        List<StepEvent> last = lastStates();
        assertEquals(UpOperation.STEPS.size(), last.size());
        assertTrue(last.stream().allMatch(e -> e.state() == StepEvent.State.DONE), last.toString());
        assertTrue(last.getLast().detail().contains("10.43.0.1"), last.getLast().detail());
    }

    private List<StepEvent> lastStates() {
        StepEvent[] byIndex = new StepEvent[events.stream().mapToInt(StepEvent::total).max().orElse(0)];
        events.forEach(e -> byIndex[e.index() - 1] = e);
        return List.of(byIndex);
    }

    /** A busy machine: one try of each tunnel check runs past its own bound; the step tries again within its time. */
    @Test
    void aCheckThatRunsTooLongOnceIsTriedAgainNotAFailedConnect() throws Exception {
        var answers = engine.execScript;
        java.util.Set<String> slowOnce = new java.util.HashSet<>(List.of("wg", "timeout", "nslookup"));
        engine.execScript = cmd -> {
            if (slowOnce.remove(cmd.split(" ")[0])) {
                throw new PonteException(new Problem(Problem.Kind.TIMEOUT, "A command in a container did not finish",
                        "`" + cmd + "` ran longer than 5000 ms.", "Check the container."),
                        new java.util.concurrent.TimeoutException(cmd));
            }
            return answers.apply(cmd);
        };
        Connection c = up(new CancellationToken());
        assertEquals("kind-dev", c.name());
        assertTrue(slowOnce.isEmpty(), "each check ran slow once: " + slowOnce);
        assertTrue(lastStates().getLast().detail().contains("10.43.0.1"), lastStates().getLast().detail());
    }

    /** Any other failure of a check's command still fails the connect at once, with its own problem. */
    @Test
    void aCheckThatFailsOtherwiseStillFails() throws Exception {
        engine.execScript = cmd -> {
            throw new PonteException(new Problem(Problem.Kind.UNREACHABLE, "The engine went away", "gone", "Start it."));
        };
        PonteException e = assertThrows(PonteException.class, () -> up(new CancellationToken()));
        assertEquals(Problem.Kind.UNREACHABLE, e.problem().kind());
        assertNothingLeft();
    }

    @Test
    void upTwiceCreatesNothingTwice() throws Exception {
        up(new CancellationToken());
        long creates = cluster.calls.stream().filter("createClient"::equals).count();
        events.clear();
        up(new CancellationToken());
        assertEquals(1, cluster.calls.stream().filter("install"::equals).count(), "installed once");
        assertEquals(creates, cluster.calls.stream().filter("createClient"::equals).count(), "client created once");
        assertEquals(1, engine.networks.size());
        assertEquals(1, engine.containers.size());
        assertEquals(StepEvent.State.SKIPPED, lastStates().get(1).state(), "install not needed");
    }

    @Test
    void aRefusedSubnetIsBannedAndAnotherOneTaken() throws Exception {
        cluster.refuse.add("172.18.0.0/16");
        up(new CancellationToken());
        assertEquals("172.19.0.0/16", cluster.clients.get("ponteabc123").subnet());
        assertEquals("172.19.0.149", engine.containers.get("gefyra-cargo-kind-dev").ips().get("gefyra-network-kind-dev"));
    }

    @Test
    void subnetsOfOtherActiveClientsAreNeverProposed() throws Exception {
        cluster.installed = true;
        cluster.createClient("someone");
        cluster.setSubnet("someone", "172.18.0.0/16");
        up(new CancellationToken());
        assertEquals("172.19.0.0/16", cluster.clients.get("ponteabc123").subnet());
    }

    /** The calls of a successful up, in order; cancelling or failing at any of them must leave nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"operatorStatus", "install", "awaitOperatorReady", "createClient", "awaitClient",
            "createNetwork", "setSubnet", "create", "connect", "start", "exec"})
    void cancelAtAnyCallLeavesNothingBehind(String call) {
        CancellationToken cancel = new CancellationToken();
        cluster.beforeCall = c -> {
            if (c.equals(call)) {
                cancel.cancel();
            }
        };
        engine.beforeCall = cluster.beforeCall;
        assertThrows(CancellationException.class, () -> up(cancel));
        assertNothingLeft();
        assertTrue(events.stream().anyMatch(e -> e.state() == StepEvent.State.CANCELLED || e.state() == StepEvent.State.SKIPPED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"install", "awaitOperatorReady", "createClient", "awaitClient", "createNetwork", "setSubnet",
            "create", "connect", "start", "exec"})
    void anApiFailureAtAnyCallLeavesNothingBehind(String call) {
        RuntimeException failure = call.equals("exec") || call.equals("create") || call.equals("connect") || call.equals("start")
                || call.equals("createNetwork")
                ? new RuntimeException(new ConnectException("Connection refused"))
                : new ApiStatusException(500, "Internal error", null);
        cluster.failOnce.put(call, failure);
        engine.failOnce.put(call, failure);
        request = withTimeout(Duration.ofMillis(300));
        assertThrows(Exception.class, () -> up(new CancellationToken()));
        assertNothingLeft();
        assertTrue(events.stream().anyMatch(e -> e.state() == StepEvent.State.FAILED), "a failed step is shown");
    }

    private ConnectionRequest withTimeout(Duration t) {
        return new ConnectionRequest(request.context(), request.kubeconfigPath(), request.connectionName(), request.clientId(),
                request.images(), request.install(), request.cargoEndpoint(), request.stateDir(), request.engineSocketPath(),
                request.privilegedCargo(), t);
    }

    @Test
    void aTunnelThatGoesAwayAfterTheHandshakeSaysSoLogsWhatCargoShowsAndLeavesNothing() {
        request = new ConnectionRequest("kind-dev", "/home/u/.kube/config", "kind-dev", "ponteabc123",
                GefyraImages.defaults(), InstallOptions.defaults(GefyraImages.defaults()), "172.17.0.1:31820", dir,
                "/var/run/docker.sock", true, Duration.ofMillis(300));
        engine.execScript = cmd -> cmd.equals("wg show wg0 latest-handshakes")
                ? new ContainerEngine.ExecResult(0, "c2VydmVyLXB1YmxpYy1rZXk=\t1764070000\n")
                : new ContainerEngine.ExecResult(1, cmd.startsWith("wg show") ? "Unable to access interface: No such device" : "");
        engine.logs.put(request.cargoName(), "[#] ip link add wg0 type wireguard\n[#] iptables -A FORWARD -i wg0 -j ACCEPT\n"
                + "cargo-rig: wg-quick up /config/wg0.conf failed (attempt 1 of 3)");
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CargoStarter.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen = new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            PonteException e = assertThrows(PonteException.class, () -> up(new CancellationToken()));
            assertEquals("Cargo's tunnel went away", e.problem().title());
        } finally {
            logger.detachAppender(seen);
        }
        String logged = seen.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .collect(java.util.stream.Collectors.joining("\n"));
        assertTrue(logged.contains("Unable to access interface") && logged.contains("wg-quick up /config/wg0.conf failed"),
                "Cargo's interface and log reach Ponte's log before the rollback removes it: " + logged);
        assertNothingLeft();
    }

    @Test
    void preflightStopsBeforeAnyChangeWhenTheEngineIsDown() {
        engine.failOnce.put("info", new RuntimeException(new ConnectException("Connection refused")));
        PonteException e = assertThrows(PonteException.class, () -> up(new CancellationToken()));
        assertEquals("No container engine answers", e.problem().title());
        assertTrue(cluster.calls.stream().noneMatch(c -> c.equals("install") || c.equals("createClient")));
        assertNothingLeft();
    }

    @Test
    void preflightSaysWhatPermissionIsMissingBeforeInstalling() {
        cluster.mayInstall = false;
        PonteException e = assertThrows(PonteException.class, () -> up(new CancellationToken()));
        assertEquals(Problem.Kind.FORBIDDEN, e.problem().kind());
        assertTrue(e.problem().detail().contains("create namespaces"), e.problem().detail());
        assertNothingLeft();
    }

    @Test
    void aClusterWithoutAmd64NodesIsAWarningNotAStop() throws Exception {
        cluster.hasAmd64 = false;
        up(new CancellationToken());
        assertTrue(events.stream().anyMatch(e -> e.state() == StepEvent.State.WARNING && e.detail().contains("Carrier2")));
    }

    @Test
    void downRemovesEverythingOfTheConnectionAndSaysNothingIsLeft() throws Exception {
        Connection c = up(new CancellationToken());
        DownOperation.Report report = down(c, false);
        assertTrue(report.clean());
        assertTrue(report.removed().contains("container gefyra-cargo-kind-dev"), report.removed().toString());
        assertTrue(cluster.installed, "plain down keeps Gefyra installed");
        assertTrue(engine.networks.isEmpty() && engine.containers.isEmpty() && cluster.clients.isEmpty());
        assertFalse(Files.exists(request.wireGuardConfigFile()));
    }

    @Test
    void downAndUninstallLeavesNoGefyraObject() throws Exception {
        Connection c = up(new CancellationToken());
        assertTrue(down(c, true).clean());
        assertFalse(cluster.installed);
        assertEquals(List.of(), cluster.leftovers());
    }

    @Test
    void downIsIdempotentAndWorksOnHalfCreatedState() throws Exception {
        Connection c = up(new CancellationToken());
        engine.remove(c.cargoName()); // Cargo already gone, network and client still there
        assertTrue(down(c, false).clean());
        assertTrue(down(c, false).clean(), "second down finds nothing to do");
    }

    @Test
    void aFailedDownCanBeRetriedUntilClean() throws Exception {
        Connection c = up(new CancellationToken());
        engine.failOnce.put("removeNetwork", new IllegalStateException("network has active endpoints"));
        assertThrows(IllegalStateException.class, () -> down(c, false));
        // The next down gets the rest.
        assertTrue(down(c, false).clean());
    }
}
