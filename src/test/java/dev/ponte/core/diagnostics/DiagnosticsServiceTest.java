package dev.ponte.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.lifecycle.FakeGefyraCluster;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.HostNetwork;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.Redactor;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every line of the checklist on in-memory ports: each one turned red by its fault, and green again without it. */
class DiagnosticsServiceTest {
    private static final String CTX = "kind-dev";
    @TempDir
    Path dir;
    private FakePorts ports;
    private FakeCargo cargo;
    private final FakeHost host = new FakeHost();
    private ConnectionService connections;
    private DiagnosticsService diagnostics;

    private void setUp(boolean connect) {
        ports = new FakePorts(dir, CTX);
        ports.cluster(CTX).installed = true;
        cargo = new FakeCargo(ports.engine.execScript);
        ports.engine.execScript = cargo;
        connections = ports.inlineService(new ManualScheduler());
        connections.reconcile();
        connections.show(CTX);
        if (connect) {
            connections.connect(CTX);
            assertEquals(ConnectionState.CONNECTED, connections.snapshot().of(CTX).orElseThrow().state());
        }
        diagnostics = new DiagnosticsService(ports.engines, ports.clusterPorts, connections::snapshot, ports.settings, host,
                Clock.systemUTC());
    }

    private DiagnosticsReport run() {
        return diagnostics.run(CTX, Progress.NONE, new CancellationToken());
    }

    private static Check line(DiagnosticsReport r, String key) {
        return r.check(key).orElseThrow(() -> new AssertionError("no line " + key + " in\n" + r.text()));
    }

    private static void assertState(CheckState expected, DiagnosticsReport r, String key) {
        assertEquals(expected, line(r, key).state(), () -> r.text());
    }

    @Test
    void aHealthyConnectionIsAllGreenWithEvidence() {
        setUp(true);
        DiagnosticsReport r = run();
        for (String key : List.of(Checks.ENGINE, Checks.API, Checks.PERMISSIONS, Checks.OPERATOR, Checks.STOWAWAY, Checks.DNS,
                Checks.MTU, Checks.PROXY, Checks.NODES)) {
            assertState(CheckState.OK, r, key);
            assertFalse(line(r, key).evidence().isBlank(), key + " says what it measured");
        }
        assertTrue(line(r, Checks.ENGINE).evidence().contains("Docker 27.1.0"), line(r, Checks.ENGINE).evidence());
        assertTrue(line(r, Checks.API).evidence().contains("v1.31.2"));
        assertTrue(line(r, Checks.DNS).evidence().contains("10.43.0.1"));
        assertTrue(line(r, Checks.MTU).evidence().contains("1420"), line(r, Checks.MTU).evidence());
        assertTrue(r.suggestedMtu().isEmpty());
        assertTrue(r.connected());
        assertEquals(r, diagnostics.last(CTX).orElseThrow());
    }

    @Test
    void beforeConnectingTheTunnelLinesAreNotCheckedAndTheRestIs() {
        setUp(false);
        DiagnosticsReport r = run();
        assertFalse(r.connected());
        assertState(CheckState.NOT_CHECKED, r, Checks.DNS);
        assertState(CheckState.OK, r, Checks.STOWAWAY);
        assertState(CheckState.OK, r, Checks.API);
        assertTrue(line(r, Checks.DNS).evidence().contains("needs a connection"));
    }

    @Test
    void noEngineFailsTheEngineLineAndComesBack() {
        setUp(false);
        ports.engineUp = false;
        DiagnosticsReport red = run();
        assertState(CheckState.FAILED, red, Checks.ENGINE);
        assertTrue(line(red, Checks.ENGINE).fix().contains("Start Docker Desktop"));
        ports.engineUp = true;
        assertState(CheckState.OK, run(), Checks.ENGINE);
    }

    @Test
    void anUnreachableApiServerFailsItsLineAndLeavesTheClusterLinesUnchecked() {
        setUp(false);
        ports.cluster(CTX).unreachable = new RuntimeException(new java.net.ConnectException("Connection refused"));
        DiagnosticsReport red = run();
        assertState(CheckState.FAILED, red, Checks.API);
        assertState(CheckState.NOT_CHECKED, red, Checks.PERMISSIONS);
        assertState(CheckState.NOT_CHECKED, red, Checks.OPERATOR);
        ports.cluster(CTX).unreachable = null;
        assertState(CheckState.OK, run(), Checks.API);
    }

    @Test
    void aDeniedVerbIsNamed() {
        setUp(false);
        ports.cluster(CTX).denied.add("create gefyra.dev/gefyrabridges");
        DiagnosticsReport red = run();
        assertState(CheckState.FAILED, red, Checks.PERMISSIONS);
        assertTrue(line(red, Checks.PERMISSIONS).evidence().contains("create gefyra.dev/gefyrabridges in gefyra"),
                line(red, Checks.PERMISSIONS).evidence());
        ports.cluster(CTX).denied.clear();
        ports.cluster(CTX).denied.add("create pods/exec");
        DiagnosticsReport optional = run();
        assertState(CheckState.WARNING, optional, Checks.PERMISSIONS);
        ports.cluster(CTX).denied.clear();
        assertState(CheckState.OK, run(), Checks.PERMISSIONS);
    }

    @Test
    void anOperatorOfAnotherVersionFailsAndAnotherPatchWarns() {
        setUp(false);
        ports.cluster(CTX).operatorImage = "quay.io/gefyra/operator:2.4.0";
        DiagnosticsReport red = run();
        assertState(CheckState.FAILED, red, Checks.OPERATOR);
        assertTrue(line(red, Checks.OPERATOR).evidence().contains("2.4.0"));
        assertTrue(line(red, Checks.OPERATOR).fix().contains("gefyra operator update --version 2.5.4"));
        ports.cluster(CTX).operatorImage = "quay.io/gefyra/operator:2.5.3";
        assertState(CheckState.WARNING, run(), Checks.OPERATOR);
        ports.cluster(CTX).operatorImage = "quay.io/gefyra/operator:2.5.4";
        DiagnosticsReport green = run();
        assertState(CheckState.OK, green, Checks.OPERATOR);
        assertTrue(line(green, Checks.OPERATOR).evidence().contains("gefyra-stowaway-0 ready"), line(green, Checks.OPERATOR).evidence());
    }

    @Test
    void aStoppedStowawayFailsTheEndpointLineAndTheDnsLine() {
        setUp(true);
        cargo.stowaway = false;
        host.udp = HostNetwork.UdpProbe.Outcome.REFUSED;
        DiagnosticsReport red = run();
        assertState(CheckState.FAILED, red, Checks.STOWAWAY);
        assertTrue(line(red, Checks.STOWAWAY).evidence().contains("refused"), line(red, Checks.STOWAWAY).evidence());
        assertTrue(line(red, Checks.STOWAWAY).evidence().contains("no answer"));
        assertState(CheckState.FAILED, red, Checks.DNS);
        assertState(CheckState.NOT_CHECKED, red, Checks.MTU);
        cargo.stowaway = true;
        host.udp = HostNetwork.UdpProbe.Outcome.SILENT;
        DiagnosticsReport green = run();
        assertState(CheckState.OK, green, Checks.STOWAWAY);
        assertState(CheckState.OK, green, Checks.DNS);
    }

    @Test
    void aStoppedClusterDnsFailsOnlyTheDnsLine() {
        setUp(true);
        cargo.dns = false;
        DiagnosticsReport red = run();
        assertState(CheckState.FAILED, red, Checks.DNS);
        assertState(CheckState.OK, red, Checks.STOWAWAY);
        assertTrue(line(red, Checks.DNS).fix().contains("kube-dns"));
        cargo.dns = true;
        assertState(CheckState.OK, run(), Checks.DNS);
    }

    @Test
    void aPathThatDropsLargePacketsFailsTheMtuLineWithASuggestion() {
        setUp(true);
        cargo.pathLimit = 1300;
        DiagnosticsReport red = run();
        assertState(CheckState.FAILED, red, Checks.MTU);
        int suggested = red.suggestedMtu().orElseThrow();
        assertTrue(suggested <= 1300 && suggested >= 1288, "suggested " + suggested + "\n" + red.text());
        assertTrue(line(red, Checks.MTU).evidence().contains("ping -M do"), line(red, Checks.MTU).evidence());
        // what the applied MTU does: the tunnel's packets fit the path
        cargo.tunnelMtu = suggested;
        DiagnosticsReport green = run();
        assertState(CheckState.OK, green, Checks.MTU);
        assertTrue(green.suggestedMtu().isEmpty());
    }

    @Test
    void busyboxPingIsSaidToSetNoDontFragmentBit() {
        setUp(true);
        cargo.busyboxPing = true;
        cargo.pathLimit = 1300;
        DiagnosticsReport r = run();
        assertState(CheckState.FAILED, r, Checks.MTU);
        assertTrue(line(r, Checks.MTU).evidence().contains("busybox"), line(r, Checks.MTU).evidence());
    }

    @Test
    void aVpnWithASmallMtuOnTheWayWarnsBeforeConnecting() {
        setUp(false);
        host.vpn(1360);
        DiagnosticsReport r = run();
        assertState(CheckState.WARNING, r, Checks.MTU);
        assertEquals(1280, r.suggestedMtu().orElseThrow());
        assertTrue(line(r, Checks.MTU).evidence().contains("tun0 (MTU 1360"), line(r, Checks.MTU).evidence());
    }

    @Test
    void nonAmd64NodesAreNamed() {
        setUp(false);
        ports.cluster(CTX).nodes.putAll(Map.of("node-a", "amd64", "node-b", "arm64"));
        DiagnosticsReport mixed = run();
        assertState(CheckState.WARNING, mixed, Checks.NODES);
        assertTrue(line(mixed, Checks.NODES).evidence().contains("node-b"));
        ports.cluster(CTX).nodes.put("node-a", "arm64");
        assertState(CheckState.FAILED, run(), Checks.NODES);
        ports.cluster(CTX).nodes.clear();
        assertState(CheckState.OK, run(), Checks.NODES);
    }

    @Test
    void aBridgeWhoseLocalServerDoesNotListenFailsItsLine() {
        setUp(true);
        var conn = connections.snapshot().of(CTX).orElseThrow().connection();
        FakeGefyraCluster g = ports.cluster(CTX);
        String clientId = conn.clientId();
        ports.engine.create(new ContainerEngine.RunSpec("api-local", "api:dev", List.of(), Map.of(),
                Map.of("created_by.gefyra.dev", "true"), List.of(), conn.networkName(), List.of(), List.of(), List.of(), false, 0, 0));
        ports.engine.start("api-local");
        String ip = ports.engine.inspect("api-local").orElseThrow().ips().get(conn.networkName());
        g.mounts.put("api-default-abcde", new BridgeMount("api-default-abcde", "default", "deployment/api", "api", "ACTIVE", null,
                Instant.EPOCH, clientId));
        g.bridges.put("b1", new Bridge("b1", "api-default-abcde", clientId, "api-local", ip, List.of("8000:80"),
                new MatchRules(List.of()), Map.of("80", "gefyra-stowaway-proxy-10000.gefyra.svc.cluster.local:10000"), "ACTIVE",
                null, Instant.EPOCH));
        g.proxyRoutes.put("b1", ip + ":8000,10000");
        cargo.listening = false;
        DiagnosticsReport red = run();
        assertState(CheckState.FAILED, red, Checks.bridge("b1"));
        assertTrue(line(red, Checks.bridge("b1")).evidence().contains("does not answer"), line(red, Checks.bridge("b1")).evidence());
        cargo.listening = true;
        assertState(CheckState.OK, run(), Checks.bridge("b1"));
        g.proxyRoutes.clear();
        DiagnosticsReport noRoute = run();
        assertState(CheckState.FAILED, noRoute, Checks.bridge("b1"));
        assertTrue(line(noRoute, Checks.bridge("b1")).evidence().contains("missing"));
    }

    @Test
    void evidenceIsRedacted() {
        setUp(false);
        ports.cluster(CTX).unreachable = new ApiStatusException(401, "Unauthorized: Bearer abcdefghijklmnopqrstuvwxyz0123456789", null);
        DiagnosticsReport r = run();
        assertFalse(r.text().contains("abcdefghijklmnopqrstuvwxyz0123456789"), r.text());
        assertTrue(r.text().contains(Redactor.MASK) || !r.text().contains("Bearer a"), r.text());
    }
}
