package dev.ponte.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.port.ContainerEngine.EngineEvent;
import dev.ponte.core.port.ContainerEngine.RunSpec;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.PonteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake's run side behaves like the engines the adapter tests run on, so tests built on it mean something. */
class FakeEngineRunTest {
    private final FakeEngine engine = new FakeEngine();
    private final List<String> seen = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    private RunSpec spec(String name, String image, boolean autoRemove) {
        return new RunSpec(name, image, List.of(), Map.of(), Map.of("created_by.gefyra.dev", "true"), List.of(), "net",
                List.of("192.168.99.1"), List.of("ns.svc.cluster.local"), List.of(), autoRemove, 0, 0);
    }

    @Test
    void lifeOfAnAppContainerIsSeenThroughEventsAndInspect() {
        engine.createNetwork("net", "10.30.0.0/24", Map.of());
        Subscription s = engine.events(e -> seen.add(e.action() + " " + e.name()), errors::add);
        engine.create(spec("app", "app:dev", false));
        engine.start("app");
        ContainerEngine.ContainerDetails first = engine.inspect("app").orElseThrow();
        assertTrue(first.running());
        assertEquals("10.30.0.2", first.ips().get("net"));
        assertEquals(List.of("ns.svc.cluster.local"), first.dnsSearch());
        assertNotNull(first.startedAt());

        engine.stopExitCode = 137;
        engine.stop("app", Duration.ofSeconds(1));
        ContainerEngine.ContainerDetails stopped = engine.inspect("app").orElseThrow();
        assertEquals("exited", stopped.state());
        assertEquals(137, stopped.exitCode());
        assertTrue(stopped.ips().isEmpty(), "no address while stopped");

        engine.restart("app", Duration.ofSeconds(1));
        assertNotEquals("10.30.0.2", engine.inspect("app").orElseThrow().ips().get("net"), "a new address, as Podman gives");
        engine.remove("app");
        assertTrue(engine.inspect("app").isEmpty());
        assertEquals(List.of("create app", "start app", "die app", "stop app", "start app", "restart app", "die app",
                "destroy app"), seen);

        s.close();
        engine.create(spec("other", "app:dev", false));
        assertFalse(seen.contains("create other"), "closed: nothing more");
        assertTrue(errors.isEmpty());
    }

    @Test
    void autoRemoveAndABrokenStream() {
        engine.createNetwork("net", null, Map.of());
        engine.events(e -> seen.add(e.action() + " " + e.name()), errors::add);
        engine.create(spec("once", "app:dev", true));
        engine.start("once");
        engine.exit("once", 0);
        assertTrue(engine.containers.isEmpty(), "auto-removed");
        assertEquals(List.of("create once", "start once", "die once", "destroy once"), seen);

        IllegalStateException restarted = new IllegalStateException("engine restarted");
        engine.breakEvents(restarted);
        assertEquals(List.of(restarted), errors);
        assertEquals(0, engine.subscribers());
    }

    @Test
    void refusesLikeTheAdapter() {
        engine.createNetwork("net", null, Map.of());
        engine.addImage("app:dev");
        engine.create(spec("app", "app:dev", false));
        assertTrue(assertThrows(PonteException.class, () -> engine.create(spec("app", "app:dev", false)))
                .problem().title().contains("A container named app exists"));
        assertTrue(assertThrows(PonteException.class, () -> engine.create(spec("b", "other:1", false)))
                .problem().title().contains("not on this machine"));
        assertTrue(assertThrows(PonteException.class, () -> engine.create(spec("c", "Bad Ref", false)))
                .problem().detail().contains("space"));
        RuntimeException injected = new RuntimeException("boom");
        engine.failNext("stop", injected);
        assertSame(injected, assertThrows(RuntimeException.class, () -> engine.stop("app", Duration.ZERO)));
        engine.stop("app", Duration.ZERO);
        assertTrue(engine.calls().containsAll(List.of("createRun", "stop")), engine.calls()::toString);
    }

    @Test
    void gatewayStepNeedsARunningTarget() {
        engine.createNetwork("net", null, Map.of());
        engine.containers.put("cargo", new ContainerEngine.Container("c", "cargo", "cargo", "running", Map.of(), Map.of()));
        engine.create(spec("app", "app:dev", false));
        assertEquals(1, engine.exec("cargo", Duration.ofSeconds(1), "bash", "patchContainerGateway.sh", "app", "10.0.0.149").exitCode());
        engine.start("app");
        assertEquals(0, engine.exec("cargo", Duration.ofSeconds(1), "bash", "patchContainerGateway.sh", "app", "10.0.0.149").exitCode());
        assertEquals("10.0.0.149", engine.gateways.get("app"));
        List<EngineEvent> events = engine.events;
        assertEquals("start", events.getLast().action());
    }
}
