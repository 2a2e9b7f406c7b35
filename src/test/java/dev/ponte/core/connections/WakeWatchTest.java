package dev.ponte.core.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponte.testsupport.ManualScheduler;
import dev.ponte.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WakeWatchTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final AtomicReference<Set<String>> addresses = new AtomicReference<>(Set.of("wlan0=192.168.1.20"));
    private final AtomicInteger checks = new AtomicInteger();
    private final WakeWatch watch = new WakeWatch(scheduler, clock, addresses::get, checks::incrementAndGet);

    private void tick(Duration wallClock) {
        clock.advance(wallClock);
        scheduler.advance(WakeWatch.TICK);
    }

    @Test
    void quietTicksCheckNothing() {
        watch.start();
        for (int i = 0; i < 10; i++) {
            tick(WakeWatch.TICK);
        }
        assertEquals(0, checks.get());
    }

    @Test
    void aWakeUpChecksEveryTunnelAtOnce() {
        watch.start();
        tick(WakeWatch.TICK);
        tick(Duration.ofMinutes(40)); // the lid was closed: the tick came 40 min late
        assertEquals(1, checks.get());
        tick(WakeWatch.TICK);
        assertEquals(1, checks.get());
    }

    @Test
    void aNetworkChangeChecksEveryTunnelAtOnce() {
        watch.start();
        tick(WakeWatch.TICK);
        addresses.set(Set.of("wlan0=10.0.0.7", "tun0=10.8.0.2")); // another Wi-Fi and a VPN
        tick(WakeWatch.TICK);
        assertEquals(1, checks.get());
    }

    @Test
    void closedItChecksNoMore() {
        watch.start();
        watch.close();
        tick(Duration.ofMinutes(40));
        assertEquals(0, checks.get());
    }
}
