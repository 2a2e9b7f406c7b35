package dev.ponte.core.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionSnapshot.Action;
import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.lifecycle.FakeGefyraCluster;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection service on in-memory ports: states, several connections, the journal, cancel, crash and recovery. */
class ConnectionServiceTest {
    @TempDir
    Path dir;
    private final ManualScheduler scheduler = new ManualScheduler();
    private final DirectTaskRunner tasks = new DirectTaskRunner();

    private FakePorts ports(String... contexts) {
        return new FakePorts(dir, contexts);
    }

    /** The journal files opened, newest last: a test that simulates a process's death closes its file's live marks. */
    private final java.util.List<JournalFile> stores = new java.util.ArrayList<>();

    private Journal journal() {
        JournalFile file = new JournalFile(dir.resolve("state/journal.json"));
        stores.add(file);
        return new Journal(file, Clock.systemUTC());
    }

    private ConnectionService service(FakePorts p) {
        return p.service(journal(), tasks, Runnable::run, scheduler, Clock.systemUTC());
    }

    private static ConnectionSnapshot of(ConnectionService s, String context) {
        return s.snapshot().of(context).orElseThrow();
    }

    @Test
    void connectMakesTheConnectionAndWatchesItsHealth() {
        FakePorts p = ports("kind-dev");
        ConnectionService s = service(p);
        s.reconcile();
        s.show("kind-dev");
        assertEquals(ConnectionState.NOT_CONNECTED, of(s, "kind-dev").state());
        assertTrue(of(s, "kind-dev").can(Action.CONNECT));
        s.connect("kind-dev");
        ConnectionSnapshot c = of(s, "kind-dev");
        assertEquals(ConnectionState.CONNECTED, c.state(), c.headline());
        assertEquals("gefyra-cargo-kind-dev", c.connection().cargoName());
        assertTrue(c.can(Action.DISCONNECT));
        scheduler.advance(Duration.ZERO);
        assertNotNull(of(s, "kind-dev").health(), "the tunnel is sampled once connected");
        assertEquals(ConnectionState.CONNECTED, of(s, "kind-dev").state());
        // The journal knows every part (no Connect running any more), and nothing about the install (it stays).
        Journal j = s.journal();
        assertTrue(j.running().isEmpty());
        assertEquals(List.of(Journal.Kind.CLIENT, Journal.Kind.NETWORK, Journal.Kind.FILE, Journal.Kind.CARGO),
                j.entriesOf("kind-dev").stream().map(Journal.Entry::kind).toList());
    }

    @Test
    void twoContextsConnectAtOnceEachWithItsOwnNamesAndHealth() {
        FakePorts p = ports("kind-dev", "staging");
        ConnectionService s = service(p);
        s.reconcile();
        s.connect("kind-dev");
        s.connect("staging");
        ConnectionSnapshot a = of(s, "kind-dev");
        ConnectionSnapshot b = of(s, "staging");
        assertEquals(ConnectionState.CONNECTED, a.state());
        assertEquals(ConnectionState.CONNECTED, b.state());
        assertNotEquals(a.clientId(), b.clientId());
        assertNotEquals(a.connection().networkName(), b.connection().networkName());
        assertTrue(p.engine.containers.containsKey("gefyra-cargo-kind-dev"));
        assertTrue(p.engine.containers.containsKey("gefyra-cargo-staging"));
        assertEquals(2, s.snapshot().live().size());
        assertEquals("2 connected", s.snapshot().summary());
        // staging's tunnel breaks: only staging degrades, kind-dev stays connected.
        p.tunnelUp = true;
        scheduler.advance(Duration.ZERO);
        p.engine.containers.remove("gefyra-cargo-staging");
        for (int i = 0; i < 7; i++) {
            scheduler.advance(Duration.ofSeconds(1));
        }
        assertEquals(ConnectionState.CONNECTED, of(s, "kind-dev").state());
        assertEquals(ConnectionState.DOWN, of(s, "staging").state(), of(s, "staging").headline());
        assertEquals("2 connected · worst: Down", s.snapshot().summary());
    }

    @Test
    void disconnectRemovesEverythingAndEmptiesTheJournal() throws Exception {
        FakePorts p = ports("kind-dev");
        ConnectionService s = service(p);
        s.reconcile();
        s.connect("kind-dev");
        s.disconnect("kind-dev", false);
        ConnectionSnapshot c = of(s, "kind-dev");
        assertEquals(ConnectionState.NOT_CONNECTED, c.state(), c.headline() + " " + c.problem());
        assertTrue(c.result().startsWith("Nothing left"), c.result());
        assertTrue(p.engine.containers.isEmpty());
        assertTrue(p.engine.networks.isEmpty());
        assertTrue(p.cluster("kind-dev").clients.isEmpty());
        assertTrue(s.journal().entries().isEmpty(), s.journal().entries().toString());
        try (var files = Files.list(p.gefyraDir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void cancelAtEveryStepOfConnectUndoesItAndSaysCancellingFirst() {
        for (String call : List.of("canI", "operatorStatus", "createClient", "awaitClient", "setSubnet", "create", "connect",
                "start", "exec")) {
            FakePorts p = ports("kind-dev");
            ConnectionService s = service(p);
            s.reconcile();
            s.show("kind-dev");
            List<ConnectionState> seen = new ArrayList<>();
            List<String> headlines = new ArrayList<>();
            s.subscribe(x -> x.of("kind-dev").ifPresent(c -> {
                if (seen.isEmpty() || seen.getLast() != c.state()) {
                    seen.add(c.state());
                }
                headlines.add(c.headline());
            }));
            boolean[] fired = {false};
            Runnable cancel = () -> {
                if (!fired[0]) {
                    fired[0] = true;
                    s.cancel("kind-dev");
                }
            };
            p.cluster("kind-dev").beforeCall = c -> {
                if (c.equals(call)) {
                    cancel.run();
                }
            };
            p.engine.beforeCall = c -> {
                if (c.equals(call)) {
                    cancel.run();
                }
            };
            s.connect("kind-dev");
            ConnectionSnapshot c = of(s, "kind-dev");
            assertTrue(fired[0], "cancelled at " + call);
            assertEquals(ConnectionState.NOT_CONNECTED, c.state(), call + ": " + c.headline() + " " + c.problem());
            assertTrue(c.result().startsWith("Cancelled."), c.result());
            assertEquals(List.of(ConnectionState.NOT_CONNECTED, ConnectionState.CONNECTING, ConnectionState.CANCELLING,
                    ConnectionState.NOT_CONNECTED), seen, call);
            assertTrue(p.engine.containers.isEmpty(), call + " left " + p.engine.containers.keySet());
            assertTrue(p.engine.networks.isEmpty(), call + " left " + p.engine.networks.keySet());
            assertTrue(p.cluster("kind-dev").clients.isEmpty(), call + " left a client");
            assertTrue(s.journal().running().isEmpty());
            if (!c.result().contains("Nothing had been created")) {
                assertTrue(headlines.stream().anyMatch(h -> h.startsWith("Cancelling — undoing ")),
                        call + ": the panel says what is being undone: " + headlines);
            }
        }
    }

    @Test
    void aCrashMidConnectIsFoundAtTheNextStartAndCleanUpLeavesNothing() throws Exception {
        FakePorts p = ports("kind-dev");
        ConnectionService first = service(p);
        first.reconcile();
        p.engine.beforeCall = c -> {
            if (c.equals("create")) {
                throw new Error("killed"); // no rollback runs: as if the process died here
            }
        };
        try {
            first.connect("kind-dev");
        } catch (Error expected) {
            // the "process" is gone
        }
        stores.getLast().close(); // and with it, what marked its Connect as live
        p.engine.beforeCall = c -> { };
        ConnectionService next = service(p); // a fresh start on the same journal
        next.reconcile();
        ConnectionSnapshot c = of(next, "kind-dev");
        assertEquals(ConnectionState.INTERRUPTED, c.state());
        assertEquals("Connect", c.leftovers().interrupted());
        // The journal knew this Connect was installing Gefyra: that install is a leftover too.
        assertEquals(List.of(Journal.Kind.NETWORK, Journal.Kind.FILE, Journal.Kind.CLIENT, Journal.Kind.INSTALL),
                c.leftovers().parts().stream().map(Leftovers.Part::kind).toList(), c.leftovers().summary());
        assertTrue(c.can(Action.RESUME) && c.can(Action.CLEAN_UP));
        next.cleanUp("kind-dev");
        c = of(next, "kind-dev");
        assertEquals(ConnectionState.NOT_CONNECTED, c.state(), c.headline() + " " + c.problem());
        assertTrue(p.engine.networks.isEmpty());
        assertTrue(p.cluster("kind-dev").clients.isEmpty());
        assertFalse(p.cluster("kind-dev").installed, "the install this interrupted Connect made goes too");
        try (var files = Files.list(p.gefyraDir)) {
            assertEquals(0, files.count());
        }
        assertTrue(next.journal().entries().isEmpty());
    }

    @Test
    void aCrashMidConnectCanBeResumed() {
        FakePorts p = ports("kind-dev");
        ConnectionService first = service(p);
        first.reconcile();
        p.engine.beforeCall = c -> {
            if (c.equals("start")) {
                throw new Error("killed");
            }
        };
        try {
            first.connect("kind-dev");
        } catch (Error expected) {
            // gone
        }
        stores.getLast().close(); // the system releases a dead process's marks
        p.engine.beforeCall = c -> { };
        ConnectionService next = service(p);
        next.reconcile();
        assertEquals(ConnectionState.INTERRUPTED, of(next, "kind-dev").state());
        next.resume("kind-dev");
        assertEquals(ConnectionState.CONNECTED, of(next, "kind-dev").state(), of(next, "kind-dev").headline());
        assertEquals(1, p.engine.containers.size());
    }

    @Test
    void aStandingConnectionIsWatchedAgainAtTheNextStart() {
        FakePorts p = ports("kind-dev");
        ConnectionService first = service(p);
        first.reconcile();
        first.connect("kind-dev");
        first.close(); // quit, leaving it running
        ConnectionService next = service(p);
        next.reconcile();
        assertEquals(ConnectionState.CONNECTED, of(next, "kind-dev").state());
        scheduler.advance(Duration.ZERO);
        assertNotNull(of(next, "kind-dev").health());
    }

    @Test
    void aDisconnectThatCannotReachTheClusterRemovesTheLocalPartsAndKeepsDisconnectOnOffer() throws Exception {
        FakePorts p = ports("kind-dev");
        ConnectionService s = service(p);
        s.reconcile();
        s.connect("kind-dev");
        FakeGefyraCluster g = p.cluster("kind-dev");
        g.unreachable = new ApiStatusException(503, "the API server is not answering", null);
        s.disconnect("kind-dev", false);
        ConnectionSnapshot c = of(s, "kind-dev");
        assertEquals(ConnectionState.FAILED, c.state());
        assertTrue(c.can(Action.DISCONNECT), c.actions().toString());
        assertTrue(p.engine.containers.isEmpty() && p.engine.networks.isEmpty());
        try (var files = Files.list(p.gefyraDir)) {
            assertEquals(0, files.count(), "the key file goes even when the cluster cannot be reached");
        }
        assertTrue(c.problem().detail().contains("GefyraClient"), c.problem().detail());
        // The cluster is back: Disconnect again retries only what is left.
        g.unreachable = null;
        int engineCalls = p.engine.calls.size();
        s.disconnect("kind-dev", false);
        c = of(s, "kind-dev");
        assertEquals(ConnectionState.NOT_CONNECTED, c.state(), c.headline());
        assertTrue(g.clients.isEmpty());
        assertFalse(p.engine.calls.subList(engineCalls, p.engine.calls.size()).contains("remove"),
                "nothing local to remove the second time");
    }

    @Test
    void namesThatLookAlikeGetTheirOwnConnections() {
        FakePorts p = ports("prod.eu", "prod_eu", "PROD-EU", "生产", "運用");
        ConnectionService s = service(p);
        s.reconcile();
        for (String c : List.of("prod.eu", "prod_eu", "PROD-EU", "生产", "運用")) {
            s.connect(c);
        }
        List<String> names = s.snapshot().connections().stream().map(ConnectionSnapshot::name).toList();
        assertEquals(5, names.stream().distinct().count(), names.toString());
        assertEquals(5, p.engine.containers.size());
        assertTrue(names.stream().noneMatch("default"::equals));
        // Each context's Cargo is its own: disconnecting one leaves the others.
        s.disconnect("prod_eu", false);
        assertEquals(ConnectionState.CONNECTED, of(s, "prod.eu").state());
        assertEquals(4, p.engine.containers.size());
    }

    @Test
    void aCargoLabelledForAnotherContextIsNeitherTakenNorRemoved() {
        FakePorts p = ports("prod-eu");
        // Another context's Cargo already has the name this context's connection would get.
        p.engine.containers.put("gefyra-cargo-prod-eu", new ContainerEngine.Container("x", "gefyra-cargo-prod-eu", "cargo",
                "running", Map.of(CargoLabels.ROLE, CargoLabels.ROLE_CARGO, CargoLabels.CONTEXT, "prod.eu",
                CargoLabels.CONNECTION, "prod-eu"), Map.of()));
        ConnectionService s = service(p);
        s.reconcile();
        s.show("prod-eu");
        assertEquals(ConnectionState.NOT_CONNECTED, of(s, "prod-eu").state(), "prod.eu's Cargo is not prod-eu's connection");
        s.connect("prod-eu");
        ConnectionSnapshot c = of(s, "prod-eu");
        assertEquals(ConnectionState.FAILED, c.state());
        assertEquals("The Cargo container gefyra-cargo-prod-eu belongs to another connection", c.problem().title());
        assertTrue(p.engine.containers.containsKey("gefyra-cargo-prod-eu"), "the other context's Cargo stays");
    }

    @Test
    void hostileLabelsNeverReachAPath() throws Exception {
        FakePorts p = ports("kind-dev");
        Path victim = dir.resolve("projects/app/values.yaml");
        Files.createDirectories(victim.getParent());
        Files.writeString(victim, "keep me");
        for (String bad : List.of("../projects/app/values", "/etc/passwd", "a\nb", "x".repeat(300), "..", "a/b")) {
            p.engine.containers.put("gefyra-cargo-" + bad, new ContainerEngine.Container("x" + bad.hashCode(),
                    "gefyra-cargo-" + bad, "cargo", "running", Map.of(CargoLabels.ROLE, CargoLabels.ROLE_CARGO,
                    CargoLabels.CONNECTION, bad, CargoLabels.CONTEXT, "kind-dev"), Map.of()));
        }
        ConnectionService s = service(p);
        s.reconcile();
        assertTrue(s.snapshot().connections().stream().allMatch(c -> c.connection() == null),
                "no hostile Cargo is taken for a connection: " + s.snapshot());
        s.show("kind-dev");
        s.disconnect("kind-dev", false);
        s.cleanUp("kind-dev");
        assertEquals("keep me", Files.readString(victim));
    }

    @Test
    void aTunnelThatStaysDownOffersReconnectWhichMakesANewCargo() {
        FakePorts p = ports("kind-dev");
        dev.ponte.testsupport.TestClock clock = new dev.ponte.testsupport.TestClock(java.time.Instant.now());
        ConnectionService s = p.service(journal(), tasks, Runnable::run, scheduler, clock);
        s.reconcile();
        s.connect("kind-dev");
        String cargoId = p.engine.containers.get("gefyra-cargo-kind-dev").id();
        p.engine.containers.remove("gefyra-cargo-kind-dev"); // Cargo is gone: the tunnel is down at once
        scheduler.advance(Duration.ZERO);
        assertEquals(ConnectionState.DOWN, of(s, "kind-dev").state());
        assertFalse(of(s, "kind-dev").can(Action.RECONNECT), "not offered on the first bad sample");
        clock.advance(Duration.ofSeconds(31));
        scheduler.advance(Duration.ofSeconds(1));
        assertTrue(of(s, "kind-dev").can(Action.RECONNECT), of(s, "kind-dev").actions().toString());
        int clients = p.cluster("kind-dev").clients.size();
        s.reconnect("kind-dev");
        ConnectionSnapshot c = of(s, "kind-dev");
        assertEquals(ConnectionState.CONNECTED, c.state(), c.headline() + " " + c.problem());
        assertTrue(p.engine.containers.containsKey("gefyra-cargo-kind-dev"));
        assertEquals("running", p.engine.containers.get("gefyra-cargo-kind-dev").state(), "a new Cargo, started");
        assertEquals(clients, p.cluster("kind-dev").clients.size(), "the same client");
    }

    @Test
    void checkNowSamplesEveryTunnelWithoutWaitingForTheInterval() {
        FakePorts p = ports("kind-dev");
        ConnectionService s = service(p);
        s.reconcile();
        s.connect("kind-dev");
        scheduler.advance(Duration.ZERO);
        p.tunnelUp = false;
        p.engine.containers.remove("gefyra-cargo-kind-dev");
        s.checkNow();
        scheduler.advance(Duration.ZERO);
        assertEquals(ConnectionState.DOWN, of(s, "kind-dev").state(), "checked at once, not after the interval");
    }

    @Test
    void aFailedConnectNamesTheProblemAndOffersConnectAgain() {
        FakePorts p = ports("kind-dev");
        ConnectionService s = service(p);
        s.reconcile();
        p.cluster("kind-dev").failOnce.put("createClient", new ApiStatusException(500, "boom token=abc123secret", null));
        s.connect("kind-dev");
        ConnectionSnapshot c = of(s, "kind-dev");
        assertEquals(ConnectionState.FAILED, c.state());
        assertTrue(c.can(Action.CONNECT));
        assertTrue(c.diagnostics().contains("Register this machine"), c.diagnostics());
        assertFalse(c.diagnostics().contains("abc123secret"));
        assertNull(c.connection());
        assertTrue(p.engine.networks.isEmpty());
    }

    @Test
    void aHealthWatchThatCannotStartShowsDegradedNotCheckedAndRetriesUntilItStarts() {
        FakePorts p = ports("kind-dev");
        ConnectionService s = service(p);
        s.reconcile();
        // Connect works; the watch of the other clients (part of the health watch) is refused twice.
        p.cluster("kind-dev").failOnce.put("watchOtherClients", new ApiStatusException(403, "clients is forbidden", null));
        s.connect("kind-dev");

        ConnectionSnapshot c = of(s, "kind-dev");
        assertEquals(ConnectionState.DEGRADED, c.state(), "never Connected with nothing checked");
        assertTrue(c.health().reason().startsWith("not checked: "), c.health().reason());
        assertTrue(c.health().reason().contains("403 Forbidden"), c.health().reason());
        assertTrue(c.headline().contains("not checked"), c.headline());
        assertEquals(List.of(Duration.ofSeconds(10)), scheduler.pending(), "a retry is scheduled");

        p.cluster("kind-dev").failOnce.put("watchOtherClients", new RuntimeException(new java.net.ConnectException("refused")));
        scheduler.advance(Duration.ofSeconds(10));
        assertEquals(ConnectionState.DEGRADED, of(s, "kind-dev").state());
        assertTrue(of(s, "kind-dev").health().reason().contains("not checked"), of(s, "kind-dev").health().reason());
        assertEquals(List.of(Duration.ofSeconds(10)), scheduler.pending(), "and again");

        scheduler.advance(Duration.ofSeconds(10)); // the watch starts: its first sample comes at once
        scheduler.advance(Duration.ZERO);
        c = of(s, "kind-dev");
        assertEquals(ConnectionState.CONNECTED, c.state(), c.headline());
        assertFalse(c.health().reason().contains("not checked"), c.health().reason());
    }

    @Test
    void aHealthWatchThatCannotStartStopsRetryingOnceDisconnected() {
        FakePorts p = ports("kind-dev");
        ConnectionService s = service(p);
        s.reconcile();
        p.cluster("kind-dev").failOnce.put("watchOtherClients", new ApiStatusException(500, "boom", null));
        s.connect("kind-dev");
        assertEquals(ConnectionState.DEGRADED, of(s, "kind-dev").state());
        s.disconnect("kind-dev", false);
        assertEquals(ConnectionState.NOT_CONNECTED, of(s, "kind-dev").state());
        int calls = p.cluster("kind-dev").calls.size();
        scheduler.advance(Duration.ofSeconds(10));
        assertEquals(calls, p.cluster("kind-dev").calls.size(), "no health watch for a connection that is gone");
        assertEquals(ConnectionState.NOT_CONNECTED, of(s, "kind-dev").state());
    }
}
