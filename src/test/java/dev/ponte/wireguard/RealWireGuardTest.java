package dev.ponte.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.health.HealthRules.Thresholds;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.health.TunnelHealth.State;
import dev.ponte.core.health.TunnelMonitor;
import dev.ponte.core.port.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real WireGuard tunnel between two network namespaces (userspace wireguard-go, as Ponte's machines have no
 * kernel WireGuard; shared/testing.md), one end configured from the file Ponte writes for Cargo, watched by
 * {@link TunnelMonitor}. Needs root, {@code wireguard-go}, {@code wg}, {@code wg-quick}, {@code ip} and
 * {@code busybox}; without them it skips, or fails when {@code PONTE_EXPECT_WIREGUARD=1} (set by .ci/run).
 *
 * <p>Bounds, at a 1 s sampling interval: first handshake within 10 s of A's configuration; after B dies, not CONNECTED
 * within 10 s (2 failed probes of up to 2 s each) and DOWN within 30 s (6 failed probes); after B returns,
 * CONNECTED within 30 s (A retries its handshake every 5 s, and starts a new one at most 15 s after unanswered data).
 */
@Tag("wireguard")
class RealWireGuardTest {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(RealWireGuardTest.class);

    @BeforeAll
    static void needsWireGuard() {
        List<String> problems = new ArrayList<>(Cmd.missing("wireguard-go", "wg", "wg-quick", "ip", "busybox"));
        if (problems.isEmpty() && !"0".equals(Cmd.run("id", "-u").out().strip())) {
            problems.add("root (network namespaces)");
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            problems.add("/dev/net/tun");
        }
        String reason = "real WireGuard test needs " + String.join(", ", problems)
                + " (apt-get install --no-install-recommends wireguard-tools wireguard-go iproute2 busybox-static)";
        if ("1".equals(System.getenv("PONTE_EXPECT_WIREGUARD"))) {
            assertEquals(List.of(), problems, reason + "; PONTE_EXPECT_WIREGUARD=1 says it is there");
        }
        Assumptions.assumeTrue(problems.isEmpty(), reason);
    }

    @Test
    void monitorSeesARealTunnelConnectGoDownAndComeBack(TestReporter report) throws Exception {
        WireGuardRig rig = new WireGuardRig();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("tunnel-monitor").unstarted(r));
        Scheduler scheduler = (delay, action) -> {
            var f = executor.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
        TunnelMonitor monitor = new TunnelMonitor(new NetnsTunnelProbe(rig, Clock.systemUTC()), scheduler,
                Clock.systemUTC(), new TunnelMonitor.Settings(INTERVAL, 120, INTERVAL, Thresholds.DEFAULT));
        BlockingQueue<TunnelHealth> events = new LinkedBlockingQueue<>();
        monitor.addListener(events::add);
        try {
            rig.createNetwork();
            // wireguard-go's device is up from the start: A sends its first initiation as soon as it has a peer
            CompletableFuture<Long> handshake = rig.wgA.expect("Received handshake response");
            long configured = System.nanoTime();
            Path conf = rig.configureAFromPonte();
            rig.bringAUp();
            long first = rig.wgA.await(handshake, Duration.ofSeconds(10), "A's first handshake") - configured;
            figure(report, "Ponte's config applied -> first handshake (ms)", ms(first));
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(conf));
            assertAppliedAsWritten(rig);
            assertEquals(0, Cmd.run("ip", "netns", "exec", rig.nsA, "busybox", "ping", "-c", "1", "-W", "5",
                    WireGuardRig.TUNNEL_B_IP).exit(), "ping through the tunnel");

            monitor.start();
            TunnelHealth connected = await(events, h -> h.state() == State.CONNECTED, Duration.ofSeconds(10));
            assertTrue(connected.handshakeAge() != null && connected.handshakeAge().toSeconds() < 10,
                    "a real, fresh handshake: " + connected);
            assertTrue(connected.rxBytes() > 0 && connected.txBytes() > 0, connected.toString());
            figure(report, "handshake age when CONNECTED (s)", String.valueOf(connected.handshakeAge().toSeconds()));

            long kill = System.nanoTime();
            rig.wgB.kill(Duration.ofSeconds(5));
            TunnelHealth hurt = await(events, h -> h.state() != State.CONNECTED, Duration.ofSeconds(10));
            figure(report, "outage -> " + hurt.state() + " (ms)", ms(System.nanoTime() - kill));
            TunnelHealth down = await(events, h -> h.state() == State.DOWN, Duration.ofSeconds(30));
            figure(report, "outage -> DOWN (ms)", ms(System.nanoTime() - kill));
            assertTrue(down.reason().contains("stopped answering"), down.reason());

            assertTrue(Files.exists(rig.stalePath(rig.ifB)), "a killed wireguard-go leaves its socket behind");
            Files.delete(rig.stalePath(rig.ifB));
            CompletableFuture<Long> again = rig.wgA.expect("Received handshake response");
            long restart = System.nanoTime();
            rig.startB();
            TunnelHealth back = await(events, h -> h.state() == State.CONNECTED, Duration.ofSeconds(30));
            figure(report, "B restarted -> CONNECTED (ms)", ms(System.nanoTime() - restart));
            figure(report, "B restarted -> new handshake (ms)",
                    ms(rig.wgA.await(again, Duration.ofSeconds(1), "A's new handshake") - restart));
            assertTrue(back.handshakeAge().toSeconds() < 10, back.toString());

            monitor.stop();
            assertFalse(monitor.running());
        } finally {
            monitor.stop();
            executor.shutdownNow();
            rig.close();
        }
        assertEquals(List.of(), rig.leftovers(), "nothing of the rig is left");
    }

    /** A's device carries exactly the [Interface]/[Peer] values of Ponte's file. */
    private static void assertAppliedAsWritten(WireGuardRig rig) {
        String ns = rig.nsA;
        assertEquals(rig.pubA, Cmd.ok("ip", "netns", "exec", ns, "wg", "show", rig.ifA, "public-key"));
        assertEquals(rig.pubB + "\t" + WireGuardRig.VETH_B_IP + ":" + WireGuardRig.PORT_B,
                Cmd.ok("ip", "netns", "exec", ns, "wg", "show", rig.ifA, "endpoints"));
        assertEquals(rig.pubB + "\t21",
                Cmd.ok("ip", "netns", "exec", ns, "wg", "show", rig.ifA, "persistent-keepalive"));
        assertEquals(rig.pubB + "\t0.0.0.0/0", Cmd.ok("ip", "netns", "exec", ns, "wg", "show", rig.ifA, "allowed-ips"));
        assertEquals(rig.providerConfig().get("Peer.PresharedKey"),
                Cmd.ok("ip", "netns", "exec", ns, "wg", "show", rig.ifA, "preshared-keys").split("\t")[1]);
        assertTrue(Cmd.ok("ip", "-n", ns, "link", "show", rig.ifA).contains("mtu " + WireGuardRig.MTU));
    }

    private static TunnelHealth await(BlockingQueue<TunnelHealth> events, Predicate<TunnelHealth> wanted,
                                      Duration deadline) throws InterruptedException {
        return dev.ponte.testsupport.Queues.awaitMatching(events, wanted, deadline);
    }

    /** Measured figures go to the JUnit report and the log (surefire keeps the log in *-output.txt). */
    private static void figure(TestReporter report, String what, String value) {
        report.publishEntry(what, value);
        LOG.info("real WireGuard: {} = {}", what, value);
    }

    private static String ms(long nanos) {
        return String.valueOf(TimeUnit.NANOSECONDS.toMillis(nanos));
    }
}
