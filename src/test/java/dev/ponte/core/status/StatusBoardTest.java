package dev.ponte.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.port.Subscription;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.status.StatusEvent.TaskFinished.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusBoardTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private final StatusBoard board = new StatusBoard();
    private final List<StatusEvent> events = new ArrayList<>();
    private final List<AppStatus> snapshots = new ArrayList<>();

    StatusBoardTest() {
        board.onEvent(events::add);
        board.subscribe(snapshots::add);
    }

    private void conn(ConnectionState state, String reason) {
        board.update(ConnectionStatus.of("kind-dev", state, reason));
    }

    private static BridgeStatus bridge(BridgeStatus.State state, String reason) {
        return new BridgeStatus("api-to-local", "default/deployment/api", "api-local", state, reason, T0);
    }

    @Test
    void subscriberGetsTheCurrentSnapshotAtOnceAndEveryChange() {
        assertEquals(List.of(AppStatus.EMPTY), snapshots);
        conn(ConnectionState.CONNECTING, "");
        conn(ConnectionState.CONNECTED, "");
        assertEquals(3, snapshots.size());
        assertEquals(ConnectionState.CONNECTED, snapshots.getLast().connections().getFirst().state());
        assertEquals(board.snapshot(), snapshots.getLast());
    }

    @Test
    void reconnectOfferedOnceWhenADownTunnelNewlyOffersIt() {
        var reconnect = java.util.Set.of(dev.ponte.core.connections.ConnectionSnapshot.Action.DISCONNECT,
                dev.ponte.core.connections.ConnectionSnapshot.Action.RECONNECT);
        var disconnectOnly = java.util.Set.of(dev.ponte.core.connections.ConnectionSnapshot.Action.DISCONNECT);
        board.update(new ConnectionStatus("kind-dev", ConnectionState.CONNECTED, "", false, disconnectOnly, false));
        board.update(new ConnectionStatus("kind-dev", ConnectionState.DOWN, "no handshake", false, disconnectOnly, false));
        events.clear();
        board.update(new ConnectionStatus("kind-dev", ConnectionState.DOWN, "no handshake", false, reconnect, false));
        board.update(new ConnectionStatus("kind-dev", ConnectionState.DOWN, "no handshake for 4 min", false, reconnect, false));
        assertEquals(List.of(new StatusEvent.ReconnectOffered("kind-dev", "no handshake")), events);
        board.update(new ConnectionStatus("kind-dev", ConnectionState.CONNECTED, "", false, disconnectOnly, false));
        assertEquals(new StatusEvent.TunnelRecovered("kind-dev"), events.getLast());
    }

    @Test
    void anEqualUpdateIsNotDelivered() {
        conn(ConnectionState.CONNECTED, "");
        conn(ConnectionState.CONNECTED, "");
        assertEquals(2, snapshots.size());
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(textBlock = """
            CONNECTED,    DEGRADED,      dropped
            CONNECTED,    DOWN,          dropped
            DEGRADED,     DOWN,          dropped
            NOT_CONNECTED, CONNECTING,   none
            CONNECTING,   CONNECTED,     none
            CONNECTING,   FAILED,        none
            CONNECTED,    DISCONNECTING, none
            DISCONNECTING, NOT_CONNECTED, none
            CONNECTING,   DOWN,          none
            """)
    void transitionsAnnounceOnlyADropOfAConnectedTunnel(ConnectionState from, ConnectionState to, String expected) {
        conn(from, "");
        events.clear();
        conn(to, "no handshake for 3 min");
        if (expected.equals("dropped")) {
            assertEquals(List.of(new StatusEvent.TunnelDropped("kind-dev", to, "no handshake for 3 min")), events);
        } else {
            assertEquals(List.of(), events);
        }
    }

    @Test
    void recoveryIsAnnouncedAfterAnAnnouncedDrop() {
        conn(ConnectionState.CONNECTED, "");
        conn(ConnectionState.DOWN, "Cargo is gone");
        conn(ConnectionState.CONNECTED, "");
        assertEquals(List.of(new StatusEvent.TunnelDropped("kind-dev", ConnectionState.DOWN, "Cargo is gone"),
                new StatusEvent.TunnelRecovered("kind-dev")), events);
    }

    @Test
    void anExpectedDipIsNeitherAnnouncedNorItsRecovery() {
        conn(ConnectionState.CONNECTED, "");
        board.update(new ConnectionStatus("kind-dev", ConnectionState.DEGRADED, "Stowaway is restarting", true, java.util.Set.of(), false));
        conn(ConnectionState.CONNECTED, "");
        assertEquals(List.of(), events);
    }

    @Test
    void aDipThatOutlastsItsWindowIsAnnounced() {
        conn(ConnectionState.CONNECTED, "");
        board.update(new ConnectionStatus("kind-dev", ConnectionState.DEGRADED, "Stowaway is restarting", true, java.util.Set.of(), false));
        conn(ConnectionState.DEGRADED, "the probe fails");
        assertEquals(List.of(new StatusEvent.TunnelDropped("kind-dev", ConnectionState.DEGRADED, "the probe fails")), events);
    }

    @Test
    void aNewConnectionAfterDisconnectIsNotARecovery() {
        conn(ConnectionState.CONNECTED, "");
        conn(ConnectionState.DOWN, "Cargo is gone");
        conn(ConnectionState.DISCONNECTING, "");
        conn(ConnectionState.NOT_CONNECTED, "");
        conn(ConnectionState.CONNECTING, "");
        conn(ConnectionState.CONNECTED, "");
        assertEquals(1, events.size(), events.toString());
    }

    @Test
    void removingAConnectionForgetsItsAnnouncedDrop() {
        conn(ConnectionState.CONNECTED, "");
        conn(ConnectionState.DEGRADED, "slow");
        board.removeConnection("kind-dev");
        assertEquals(List.of(), board.snapshot().connections());
        conn(ConnectionState.CONNECTED, "");
        assertEquals(1, events.size(), events.toString());
    }

    @Test
    void aBridgeThatBecomesFlaggedIsAnnouncedOnce() {
        board.update(bridge(BridgeStatus.State.PENDING, ""));
        board.update(bridge(BridgeStatus.State.ACTIVE, ""));
        board.update(bridge(BridgeStatus.State.FLAGGED, "local container api-local stopped"));
        board.update(bridge(BridgeStatus.State.FLAGGED, "local container api-local exited (1)"));
        assertEquals(List.of(new StatusEvent.BridgeFlagged("api-to-local", "default/deployment/api", "api-local",
                "local container api-local stopped")), events);
        board.removeBridge("api-to-local");
        assertEquals(List.of(), board.snapshot().bridges());
    }

    @Test
    void taskFinishedIsPublishedAsGiven() {
        board.taskFinished("Connect kind-dev", Outcome.SUCCEEDED, Duration.ofSeconds(14));
        assertEquals(List.of(new StatusEvent.TaskFinished("Connect kind-dev", Outcome.SUCCEEDED, Duration.ofSeconds(14))),
                events);
        assertEquals(1, snapshots.size(), "a task's end changes no state");
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() {
        List<StatusEvent> late = new ArrayList<>();
        Subscription s = board.onEvent(late::add);
        s.close();
        conn(ConnectionState.CONNECTED, "");
        conn(ConnectionState.DOWN, "gone");
        assertEquals(List.of(), late);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        board.subscribe(s -> {
            throw new IllegalStateException("boom");
        });
        conn(ConnectionState.CONNECTED, "");
        assertEquals(ConnectionState.CONNECTED, snapshots.getLast().connections().getFirst().state());
    }

    @Test
    void concurrentUpdatesAreDeliveredInTheOrderTheyWereApplied() throws Exception {
        List<AppStatus> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        board.subscribe(seen::add);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            String ctx = "ctx-" + t;
            pool.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 200; i++) {
                    board.update(ConnectionStatus.of(ctx, i % 2 == 0 ? ConnectionState.CONNECTED : ConnectionState.DEGRADED, "r" + i));
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(1 + 800, seen.size());
        // Each delivered snapshot extends the one before it by exactly one update: none came out of order.
        for (int i = 2; i < seen.size(); i++) {
            int changed = 0;
            var a = seen.get(i - 1).connections();
            var b = seen.get(i).connections();
            for (var c : b) {
                if (!a.contains(c)) {
                    changed++;
                }
            }
            assertEquals(1, changed, "snapshot " + i);
        }
        assertEquals(seen.getLast(), board.snapshot());
    }
}
