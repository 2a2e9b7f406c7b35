package dev.ponte.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.ContainerEngine.Container;
import dev.ponte.core.port.ContainerEngine.ExecResult;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CargoTunnelProbeTest {
    static final String CARGO = "gefyra-cargo-default";
    static final String STOWAWAY = "70KmUHpKP0kWQaj4gKCPZWS6iLoeN1vHKaZ1oGqwYiU=";
    final dev.ponte.testsupport.TestClock clock = new dev.ponte.testsupport.TestClock(Instant.parse("2026-05-01T10:00:00.500Z"));
    final FakeEngine engine = new FakeEngine();
    boolean api = true;
    final CargoTunnelProbe probe = new CargoTunnelProbe(engine.port, CARGO, STOWAWAY, () -> api, clock);

    @Test
    void oneExecReadsHandshakeCountersAndPing() {
        engine.output = "1000000100\n" + STOWAWAY + "\t1000000070\n" + STOWAWAY + "\t4000\t9000\nwg=0\nping=0\n";
        TunnelSample s = probe.sample();
        assertEquals(1, engine.execs.size());
        assertEquals(List.of("sh", "-c", CargoTunnelProbe.SCRIPT), engine.execs.getFirst());
        assertTrue(CargoTunnelProbe.SCRIPT.contains("timeout 1 ping -c 1 192.168.99.1"));
        assertFalse(CargoTunnelProbe.SCRIPT.contains("dump"), "dump would print the private key");
        assertEquals(clock.instant().minusSeconds(30), s.latestHandshake(), "30 s old on Cargo's clock");
        assertEquals(4000, s.rxBytes());
        assertEquals(9000, s.txBytes());
        assertTrue(s.stowawayReachable() && s.apiReachable() && s.cargoRunning());
        assertNull(s.error());
    }

    @Test
    void failedPingIsAnUnreachableStowaway() {
        engine.output = "1000000100\n" + STOWAWAY + "\t1000000070\n" + STOWAWAY + "\t4000\t9000\nwg=0\nping=1\n";
        assertFalse(probe.sample().stowawayReachable());
    }

    @Test
    void missingInterfaceIsAnErrorSample() {
        engine.output = "1000000100\nUnable to access interface: No such device\nwg=1\nping=1\n";
        TunnelSample s = probe.sample();
        assertEquals("wg show failed (exit 1)", s.error());
        assertTrue(s.cargoRunning());
        assertNull(s.latestHandshake());
    }

    @Test
    void stoppedOrMissingCargoIsCargoGone() {
        engine.state = "exited";
        TunnelSample s = probe.sample();
        assertFalse(s.cargoRunning());
        assertTrue(s.error().contains("exited"));
        assertTrue(engine.execs.isEmpty());
        engine.state = null;
        assertFalse(probe.sample().cargoRunning());
    }

    @Test
    void engineFailureIsAFailedSampleNotCargoGone() {
        engine.fail = true;
        api = false;
        TunnelSample s = probe.sample();
        assertTrue(s.cargoRunning());
        assertFalse(s.stowawayReachable() || s.apiReachable());
        assertTrue(s.error().contains("did not answer"), s.error());
    }

    @Test
    void apiCheckThatThrowsCountsAsUnreachable() {
        CargoTunnelProbe p = new CargoTunnelProbe(engine.port, CARGO, null, () -> {
            throw new IllegalStateException("boom");
        }, clock);
        engine.output = "1000000100\n" + STOWAWAY + "\t0\n" + STOWAWAY + "\t0\t92\nwg=0\nping=1\n";
        TunnelSample s = p.sample();
        assertFalse(s.apiReachable());
        assertNull(s.latestHandshake(), "0 means never");
    }

    /**
     * Answers only what the probe uses, through a dynamic proxy so methods other work adds to the port don't
     * break this test.
     */
    static final class FakeEngine {
        String state = "running";
        String output = "";
        boolean fail;
        final List<List<String>> execs = new ArrayList<>();
        final ContainerEngine port = (ContainerEngine) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ContainerEngine.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "container" -> container((String) args[0]);
                    case "exec" -> exec((String[]) args[2]);
                    case "close" -> null;
                    case "toString" -> "FakeEngine";
                    default -> throw new AssertionError("the probe should not call " + method.getName());
                });

        private Optional<Container> container(String name) {
            if (fail) {
                throw new IllegalStateException("connection refused");
            }
            return state == null ? Optional.empty()
                    : Optional.of(new Container("id", name, "cargo", state, Map.of(), Map.of()));
        }

        private ExecResult exec(String[] command) {
            execs.add(List.of(command));
            return new ExecResult(0, output);
        }
    }
}
