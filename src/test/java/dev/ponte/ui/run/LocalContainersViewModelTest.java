package dev.ponte.ui.run;

import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.run.LocalService;
import dev.ponte.testsupport.Snapshots;
import dev.ponte.core.run.BridgeState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.testsupport.DirectTaskRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local-containers list follows the engine's events and flags bridges whose container or tunnel fails. */
class LocalContainersViewModelTest {
    private final FakeRunBackend backend = new FakeRunBackend();
    private final LocalService service = new LocalService(backend, new DirectTaskRunner(), Runnable::run);
    private final LocalContainersViewModel vm = new LocalContainersViewModel(service, Runnable::run);

    /** The connection service says the fake connection has a tunnel (or, with null, that it has none). */
    private void live(ConnectionState state, String reason) {
        service.connectionsChanged(state == null ? dev.ponte.core.connections.ConnectionsSnapshot.EMPTY
                : Snapshots.one(backend.connection, state, reason));
    }

    private void show() {
        live(ConnectionState.CONNECTED, "");
        vm.show(backend.connection);
    }

    private void runApi() throws Exception {
        backend.run(new RunRequest(backend.connection, "api-local", "acme/api:dev", List.of(), "shop", Map.of(), null,
                List.of(), List.of(new ContainerEngine.PortBinding("", 8080, 8080, "tcp")), false, 0, 0,
                Duration.ofSeconds(5)), e -> { }).run(Progress.NONE, new CancellationToken());
    }

    private void addBridge(String client) {
        String ip = backend.engine.inspect("api-local").orElseThrow().ips().get(backend.connection.networkName());
        backend.cluster.mounts.put("api-shop-k2x9q", new BridgeMount("api-shop-k2x9q", "shop", "deployment/api", "api",
                "ACTIVE", null, Instant.EPOCH, "ponteabc123"));
        backend.cluster.bridges.put("b-" + client, new Bridge("b-" + client, "api-shop-k2x9q", client, "api-local", ip,
                List.of("8080:8080"), new MatchRules(List.of(new MatchRules.RuleSet(List.of(
                        new MatchRules.Header("x-user", "alice", MatchRules.Type.EXACT))))), Map.of(), "ACTIVE", null, Instant.EPOCH));
    }

    @Test
    void listsTheConnectionsContainersButNotCargoAndFollowsEngineEvents() throws Exception {
        show();
        assertTrue(vm.items().isEmpty());
        assertEquals(1, backend.engine.subscribers());
        runApi();
        assertEquals(List.of("api-local"), vm.items().stream().map(LocalContainerItem::name).toList());
        LocalContainerItem item = vm.items().getFirst();
        assertTrue(item.container().running());
        assertNotNull(item.container().ip());
        assertEquals("shop", item.container().namespace());
        assertEquals("8080→8080", LocalContainersView.ports(item.container().ports()));

        backend.engine.stop("api-local", Duration.ZERO);
        assertEquals("exited", vm.items().getFirst().container().state(), "stopped containers stay listed (by label)");
        backend.engine.remove("api-local");
        assertTrue(vm.items().isEmpty());

        live(null, "");
        assertEquals(0, backend.engine.subscribers(), "watch closed when the connection goes");
    }

    @Test
    void aBridgeIsFlaggedWhenItsContainerStopsOrTheTunnelGoesDown() throws Exception {
        runApi();
        addBridge("ponteabc123");
        addBridge("someone-else");
        show();
        assertEquals(1, vm.bridges().size(), "only this machine's bridges");
        BridgeState s = vm.bridges().getFirst();
        assertNull(s.flag());
        assertEquals("shop/api", s.workload());
        assertEquals(1, vm.items().getFirst().bridges().size());

        backend.engine.stop("api-local", Duration.ZERO);
        assertTrue(vm.bridges().getFirst().flagged());
        assertTrue(vm.bridges().getFirst().flag().contains("api-local is exited"), vm.bridges().getFirst().flag());
        assertTrue(vm.items().getFirst().problem());

        backend.engine.restart("api-local", Duration.ZERO);
        // A restarted container may get a new address: the bridge points at the old one until Run re-points it.
        assertTrue(vm.bridges().getFirst().flagged());
        live(ConnectionState.DOWN, "no handshake for 200 s");
        assertTrue(vm.bridges().getFirst().flag().startsWith("the tunnel is down"));
    }

    @Test
    void unbridgeOffersTheMountOnlyForTheLastBridgeOfAMountPonteCreated() throws Exception {
        runApi();
        addBridge("ponteabc123");
        show();
        BridgeState s = vm.bridges().getFirst();
        assertTrue(vm.offersMountRemoval(s));
        addBridge("someone-else");
        live(null, "");
        show();
        assertFalse(vm.offersMountRemoval(vm.bridges().getFirst()), "another user's bridge still uses the mount");
        vm.unbridge(vm.bridges().getFirst(), true);
        assertFalse(backend.cluster.bridges.containsKey("b-ponteabc123"));
        assertTrue(backend.cluster.mounts.containsKey("api-shop-k2x9q"), "kept for the other user");
        assertTrue(vm.messageProperty().get().contains("kept"), vm.messageProperty().get());
    }

    @Test
    void theBridgeWatchUpdatesRowsLive() throws Exception {
        runApi();
        show();
        assertTrue(vm.bridges().isEmpty());
        addBridge("ponteabc123");
        backend.cluster.bridgeChanged(backend.cluster.bridges.get("b-ponteabc123"), false);
        assertEquals(1, vm.items().getFirst().bridges().size(), "a new bridge shows on its container at once");
        backend.cluster.deleteBridge("b-ponteabc123", Duration.ZERO, new CancellationToken());
        assertTrue(vm.items().getFirst().bridges().isEmpty());
        assertTrue(vm.bridges().isEmpty());
    }

    @Test
    void restartFromTheListRoutesThroughCargoAgainAndRepointsItsBridge() throws Exception {
        runApi();
        addBridge("ponteabc123");
        show();
        String before = vm.items().getFirst().container().ip();
        vm.restart(vm.items().getFirst());
        String after = vm.items().getFirst().container().ip();
        assertFalse(before.equals(after), "the engine gave it a new address");
        assertEquals(backend.connection.cargoIp(), backend.engine.gateways.get("api-local"), "gateway applied again");
        assertEquals(after, backend.cluster.bridges.get("b-ponteabc123").destinationIp());
        assertTrue(vm.messageProperty().get().contains("re-pointed"), vm.messageProperty().get());
    }

    @Test
    void aBridgeWatchThatWentQuietSaysSoAndRefreshWatchesAgain() throws Exception {
        show();
        runApi();
        addBridge("ponteabc123");
        service.refresh(backend.connection.name()); // nothing stale yet: only the list is read again
        assertEquals(1, backend.cluster.bridgeWatchers.size());
        var watch = backend.cluster.bridgeWatchers.getFirst();

        watch.onStale(Instant.parse("2026-11-01T10:00:00Z"), new java.net.http.HttpTimeoutException("timed out"));

        assertTrue(vm.staleProperty().get().startsWith("Bridges may be out of date since "), vm.staleProperty().get());
        assertTrue(vm.staleProperty().get().contains("the cluster did not answer in time"), vm.staleProperty().get());
        vm.refresh();
        assertEquals("", vm.staleProperty().get());
        assertEquals(1, backend.cluster.bridgeWatchers.size(), "the quiet watch is replaced by a new one");
        assertTrue(backend.cluster.bridgeWatchers.getFirst() != watch);
        assertEquals(List.of("b-ponteabc123"), vm.bridges().stream().map(b -> b.bridge().name()).toList(),
                "the new watch lists the bridges again");
    }

    @Test
    void aBridgeWatchThatFailsIsNoLongerSilent() {
        show();
        backend.cluster.bridgeWatchers.getFirst().onError(new RuntimeException(new java.net.ConnectException("refused")));
        assertEquals("Live updates of bridges stopped: Cannot reach the cluster. Press Refresh to watch them again.",
                vm.staleProperty().get());
        backend.cluster.bridgeWatchers.getFirst().onCurrent();
        assertEquals("", vm.staleProperty().get());
    }
}
