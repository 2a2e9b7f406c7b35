package dev.ponte.core.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.lifecycle.ConnectionRequest;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnostics' "Apply MTU": remembered per context, and a live connection gets a new Cargo and network with it. */
class ApplyMtuTest {
    private static final String CTX = "kind-dev";
    @TempDir
    Path dir;

    private ConnectionService service(FakePorts p) {
        return p.service(Journal.inMemory(Clock.systemUTC()), new DirectTaskRunner(), Runnable::run, new ManualScheduler(),
                Clock.systemUTC());
    }

    @Test
    void aLiveConnectionGetsCargoAndNetworkWithTheMtuAndItsContainersStayRouted() throws Exception {
        FakePorts p = new FakePorts(dir, CTX);
        ConnectionService s = service(p);
        s.reconcile();
        s.connect(CTX);
        var conn = s.snapshot().of(CTX).orElseThrow().connection();
        String subnet = p.engine.networks.get(conn.networkName()).subnets().getFirst();
        p.engine.create(new ContainerEngine.RunSpec("api-local", "api:dev", List.of(), Map.of(),
                Map.of(CargoLabels.CREATED_BY, "true"), List.of(), conn.networkName(), List.of(), List.of(), List.of(), false, 0, 0));
        p.engine.start("api-local");
        String ip = p.engine.containers.get("api-local").ips().get(conn.networkName());

        assertTrue(s.applyMtu(CTX, 1280));

        ConnectionSnapshot after = s.snapshot().of(CTX).orElseThrow();
        assertEquals(ConnectionState.CONNECTED, after.state(), after.headline() + " " + after.problem());
        assertEquals(Map.of(ConnectionRequest.NETWORK_MTU_OPTION, "1280"), p.engine.networkOptions(conn.networkName()));
        assertEquals(List.of(subnet), p.engine.networks.get(conn.networkName()).subnets(), "the same subnet");
        String config = Files.readString(p.gefyraDir.resolve(after.name() + ".conf"));
        assertTrue(config.contains("\nMTU = 1280\n"), "Cargo's WireGuard config has the MTU line");
        assertEquals(ip, p.engine.containers.get("api-local").ips().get(conn.networkName()), "the container kept its address");
        assertEquals(conn.cargoIp(), p.engine.gateways.get("api-local"), "and is routed through the new Cargo");
        assertTrue(p.engine.calls.contains("disconnect"), "the container was moved to the new network");
        assertEquals("running", p.engine.containers.get(conn.cargoName()).state(), "a new Cargo runs");
        assertEquals(1280, p.mtus.get(CTX), "remembered for the next Connect");
        assertTrue(after.steps().stream().anyMatch(e -> e.name().startsWith("Make the network with the new MTU")));
    }

    @Test
    void withoutATunnelItIsRememberedForTheNextConnect() throws Exception {
        FakePorts p = new FakePorts(dir, CTX);
        ConnectionService s = service(p);
        s.reconcile();
        s.show(CTX);
        assertTrue(s.applyMtu(CTX, 1360));
        assertTrue(s.snapshot().of(CTX).orElseThrow().result().contains("next Connect"));
        s.connect(CTX);
        var conn = s.snapshot().of(CTX).orElseThrow().connection();
        assertEquals("1360", p.engine.networkOptions(conn.networkName()).get(ConnectionRequest.NETWORK_MTU_OPTION));
        assertTrue(Files.readString(p.gefyraDir.resolve(conn.name() + ".conf")).contains("\nMTU = 1360\n"));
    }

    @Test
    void anMtuOutOfRangeIsRefused() {
        FakePorts p = new FakePorts(dir, CTX);
        ConnectionService s = service(p);
        assertThrows(IllegalArgumentException.class, () -> s.applyMtu(CTX, 100));
    }
}
