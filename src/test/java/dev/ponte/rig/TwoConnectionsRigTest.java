package dev.ponte.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.app.CoreServices;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.health.HealthRules;
import dev.ponte.core.health.TunnelMonitor;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ExecutorLauncher;
import dev.ponte.core.task.Poll;
import dev.ponte.docker.DockerEngine;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.tray.TrayActions;
import dev.ponte.ui.tray.TrayMenu;
import dev.ponte.ui.tray.TrayMenuBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two connections at once on two rigs (two clusters, two Stowaway peers): both tunnels up, each with its own client,
 * network and Cargo; one Stowaway stops and only its connection degrades, the other stays Connected; the tray's
 * menu lists both. Ponte's core exactly as the app wires it ({@link CoreServices}), health sampled every second.
 */
@Tag("rig")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoConnectionsRigTest {
    private static final Logger LOG = LoggerFactory.getLogger(TwoConnectionsRigTest.class);
    private static final String A = "rig-a";
    private static final String B = "rig-b";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private Rig a;
    private Rig b;
    private Path home;
    private CoreServices core;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> Thread.ofPlatform().daemon().unstarted(r));
    private final ScheduledExecutorService health = Executors.newScheduledThreadPool(2, r -> Thread.ofPlatform().daemon().unstarted(r));

    @BeforeAll
    void start() throws Exception {
        RigRequirements.check();
        a = Rig.start(A);
        b = Rig.start(B);
        home = Files.createTempDirectory("ponte-two");
        UiSettings settings = new UiSettings();
        settings.cargoImage = a.cargoImage();
        settings.engineEndpoint = Rig.ENGINE;
        settings.cargoEndpoints.put(A, a.cargoEndpoint());
        settings.cargoEndpoints.put(B, b.cargoEndpoint());
        core = new CoreServices(Map.of("KUBECONFIG", a.kubeconfig + ":" + b.kubeconfig,
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), home, settings, List::of, Clock.systemUTC(),
                new ExecutorLauncher(pool), pool, health, ConnectionService.Options.defaults().withHealth(
                        new TunnelMonitor.Settings(Duration.ofSeconds(1), 60, Duration.ofSeconds(1), HealthRules.Thresholds.DEFAULT)));
        core.connections.reconcile();
        await("the reconcile", ConnectionsSnapshot::reconciled);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            for (String c : List.of(A, B)) {
                if (core.connections.snapshot().of(c).map(s -> s.state().isUp()).orElse(false)) {
                    core.connections.disconnect(c, true);
                }
            }
            await("both disconnected", s -> s.busy().isEmpty());
            try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
                assertTrue(engine.containers(Map.of("created_by.gefyra.dev", "true")).isEmpty(), "no container left");
                assertTrue(engine.networks().stream().noneMatch(n -> n.name().startsWith("gefyra-network-")), "no network left");
            }
        } finally {
            core.close();
            a.close();
            b.close();
            pool.shutdownNow();
            health.shutdownNow();
        }
    }

    @Test
    void bothConnectAndOnlyTheOneWhoseStowawayStopsDegrades() throws Exception {
        long t0 = System.nanoTime();
        core.connections.connect(A);
        core.connections.connect(B);
        await("both connected with a healthy tunnel", s -> healthy(s, A) && healthy(s, B));
        LOG.info("FIGURE two connections up and healthy after {} ms", (System.nanoTime() - t0) / 1_000_000);
        ConnectionSnapshot ca = of(A);
        ConnectionSnapshot cb = of(B);
        assertNotEquals(ca.clientId(), cb.clientId());
        assertNotEquals(ca.connection().networkName(), cb.connection().networkName());
        assertNotEquals(ca.connection().cargoName(), cb.connection().cargoName());
        try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
            assertTrue(engine.inspect(ca.connection().cargoName()).orElseThrow().running());
            assertTrue(engine.inspect(cb.connection().cargoName()).orElseThrow().running());
        }
        assertEquals("2 connected", core.connections.snapshot().summary());
        List<String> menu = menuLabels();
        assertTrue(menu.contains("rig-a: Connected") && menu.contains("rig-b: Connected"), menu.toString());

        // A's Stowaway stops: A degrades (then goes down); B stays Connected the whole time.
        long s0 = System.nanoTime();
        a.side.stopStowaway();
        await("rig-a to degrade", s -> s.of(A).map(c -> c.state() == ConnectionState.DEGRADED || c.state() == ConnectionState.DOWN)
                .orElse(false));
        LOG.info("FIGURE rig-a's Stowaway stopped -> rig-a not Connected after {} ms", (System.nanoTime() - s0) / 1_000_000);
        assertEquals(ConnectionState.CONNECTED, of(B).state(), "the other connection is not affected: " + of(B).headline());
        int healthyB = 0;
        for (int i = 0; i < 5; i++) {
            int samples = of(B).traffic().size();
            await("another sample of rig-b", s -> s.of(B).map(c -> c.traffic().size() != samples || c.traffic().size() >= 60)
                    .orElse(false));
            healthyB += of(B).state() == ConnectionState.CONNECTED ? 1 : 0;
        }
        assertEquals(5, healthyB, "rig-b stayed Connected through five more samples");
        assertTrue(core.connections.snapshot().summary().startsWith("2 connected · worst: "), core.connections.snapshot().summary());
        menu = menuLabels();
        assertTrue(menu.stream().anyMatch(l -> l.startsWith("rig-a: Degraded") || l.startsWith("rig-a: Down")), menu.toString());
        assertTrue(menu.contains("rig-b: Connected"), menu.toString());

        a.side.startStowaway();
        await("rig-a back", s -> healthy(s, A));
        assertEquals(ConnectionState.CONNECTED, of(B).state());
    }

    private List<String> menuLabels() {
        TrayActions none = new TrayActions() {
            @Override
            public void openWindow() {
            }

            @Override
            public void act(String context, ConnectionSnapshot.Action action) {
            }

            @Override
            public void unbridge(String bridge) {
            }

            @Override
            public void setCloseToTray(boolean on) {
            }

            @Override
            public void quit() {
            }
        };
        return TrayMenuBuilder.build(core.status.snapshot(), true, none).menu().stream()
                .filter(i -> i instanceof TrayMenu.Label).map(i -> ((TrayMenu.Label) i).text()).toList();
    }

    private ConnectionSnapshot of(String context) {
        return core.connections.snapshot().of(context).orElseThrow();
    }

    private static boolean healthy(ConnectionsSnapshot s, String c) {
        return s.of(c).map(x -> x.state() == ConnectionState.CONNECTED && x.health() != null).orElse(false);
    }

    private void await(String what, Predicate<ConnectionsSnapshot> done) throws Exception {
        try {
            Poll.until(what, () -> done.test(core.connections.snapshot()) ? Boolean.TRUE : null, WAIT, Duration.ofMillis(100),
                    new CancellationToken());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + " — " + core.connections.snapshot().connections().stream()
                    .map(c -> c.context() + " " + c.headline() + " " + c.problem()).toList(), e);
        }
    }
}
