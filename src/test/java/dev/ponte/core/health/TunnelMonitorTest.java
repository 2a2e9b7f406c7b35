package dev.ponte.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.health.TunnelHealth.State;
import dev.ponte.testsupport.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunnelMonitorTest {
    static final Duration INTERVAL = Duration.ofSeconds(5);

    final dev.ponte.testsupport.TestClock clock = new dev.ponte.testsupport.TestClock(Instant.parse("2026-05-01T10:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler();
    final List<TunnelHealth> events = new ArrayList<>();

    /** A scripted tunnel: while up, it handshakes every 100 s and moves 1000 B/s in, 500 B/s out. */
    boolean up = true;
    boolean api = true;
    int probes;
    Instant handshake = clock.instant().minusSeconds(5);
    long rx;
    long tx;

    final TunnelProbe probe = () -> {
        probes++;
        Instant now = clock.instant();
        if (up) {
            if (Duration.between(handshake, now).toSeconds() >= 100) {
                handshake = now;
            }
            rx = 1000 * (now.getEpochSecond() % 100_000);
            tx = rx / 2;
        }
        return new TunnelSample(now, handshake, rx, tx, up, api, null);
    };

    TunnelMonitor monitor(int historySize) {
        TunnelMonitor m = new TunnelMonitor(probe, scheduler, clock, new TunnelMonitor.Settings(INTERVAL, historySize,
                Duration.ofSeconds(10), HealthRules.Thresholds.DEFAULT));
        m.addListener(events::add);
        return m;
    }

    void startNow(TunnelMonitor m) {
        m.start();
        scheduler.advance(Duration.ZERO);
    }

    void tick() {
        clock.advance(INTERVAL);
        scheduler.advance(INTERVAL);
    }

    State state(TunnelMonitor m) {
        return m.current().orElseThrow().state();
    }

    @Test
    void degradesOneIntervalAfterTheFirstFailureAndGoesDownAfterSix() {
        TunnelMonitor m = monitor(120);
        startNow(m);
        assertEquals(State.CONNECTED, events.getLast().state());
        up = false;
        tick();
        assertEquals(State.CONNECTED, state(m), "one lost ping does not flap the state");
        Instant firstFailure = m.history().getLast().at();
        tick();
        assertEquals(State.DEGRADED, events.getLast().state());
        assertEquals(INTERVAL, Duration.between(firstFailure, events.getLast().at()));
        for (int i = 0; i < 3; i++) {
            tick();
            assertEquals(State.DEGRADED, state(m));
        }
        tick();
        assertEquals(State.DOWN, events.getLast().state());
        assertEquals(Duration.ofSeconds(25), Duration.between(firstFailure, events.getLast().at()));
        assertFalse(events.getLast().expectedDip());
    }

    @Test
    void recoversToConnectedAtTheFirstAnswer() {
        TunnelMonitor m = monitor(120);
        startNow(m);
        up = false;
        for (int i = 0; i < 7; i++) {
            tick();
        }
        assertEquals(State.DOWN, state(m));
        up = true;
        tick();
        assertEquals(State.CONNECTED, events.getLast().state());
    }

    @Test
    void stowawayRestartIsAnExpectedDipNotAnError() {
        TunnelMonitor m = monitor(120);
        startNow(m);
        m.expectDip(TunnelMonitor.STOWAWAY_RESTART);
        tick();
        up = false;
        int before = events.size();
        for (int i = 0; i < 12; i++) { // 60 s without an answer
            tick();
        }
        List<TunnelHealth> during = events.subList(before, events.size());
        assertFalse(during.isEmpty());
        assertTrue(during.stream().allMatch(h -> h.state() == State.DEGRADED && h.expectedDip()), during.toString());
        assertEquals(HealthRules.STOWAWAY_RESTARTING, during.getFirst().reason());
        up = true;
        tick();
        assertEquals(State.CONNECTED, events.getLast().state());
        assertFalse(events.getLast().expectedDip());
        up = false; // a new failure after the recovery is not the announced dip any more
        tick();
        tick();
        assertEquals(State.DEGRADED, state(m));
        assertFalse(m.current().orElseThrow().expectedDip());
    }

    @Test
    void dipLongerThanItsWindowEndsDown() {
        TunnelMonitor m = monitor(120);
        startNow(m);
        m.expectDip(Duration.ofSeconds(30));
        up = false;
        for (int i = 0; i < 6; i++) {
            tick();
        }
        assertTrue(m.current().orElseThrow().expectedDip());
        tick(); // 35 s: the window is over and six checks failed
        assertEquals(State.DOWN, state(m));
    }

    @Test
    void stopStopsSampling() {
        TunnelMonitor m = monitor(120);
        startNow(m);
        tick();
        m.stop();
        int seen = probes;
        assertTrue(scheduler.pending().isEmpty());
        for (int i = 0; i < 5; i++) {
            tick();
        }
        assertEquals(seen, probes);
        assertFalse(m.running());
        startNow(m);
        assertEquals(seen + 1, probes, "a restart samples again");
    }

    @Test
    void aSampleInFlightWhenStoppedIsDropped() {
        TunnelMonitor[] box = new TunnelMonitor[1];
        box[0] = new TunnelMonitor(() -> {
            box[0].stop();
            return probe.sample();
        }, scheduler, clock);
        box[0].addListener(events::add);
        startNow(box[0]);
        assertTrue(events.isEmpty());
        assertTrue(box[0].history().isEmpty());
        assertTrue(scheduler.pending().isEmpty());
    }

    @Test
    void historyIsBounded() {
        TunnelMonitor m = monitor(120);
        startNow(m);
        for (int i = 0; i < 200; i++) {
            tick();
        }
        List<TunnelSample> h = m.history();
        assertEquals(120, h.size());
        assertEquals(clock.instant(), h.getLast().at());
        assertEquals(clock.instant().minus(INTERVAL.multipliedBy(119)), h.getFirst().at());
    }

    @Test
    void tellsListenersOnChangeAndEveryTenSecondsOtherwise() {
        TunnelMonitor m = monitor(120);
        startNow(m);
        for (int i = 0; i < 12; i++) { // 60 s steady
            tick();
        }
        assertEquals(7, events.size(), "t=0 and every 10 s: " + events);
        api = false;
        tick();
        tick();
        assertEquals(State.DEGRADED, events.getLast().state());
        assertEquals(clock.instant(), events.getLast().at(), "a change is told at once");
    }

    @Test
    void aThrowingProbeCountsAsAFailedProbe() {
        TunnelMonitor m = new TunnelMonitor(() -> {
            throw new IllegalStateException("engine socket closed");
        }, scheduler, clock);
        startNow(m);
        TunnelHealth h = m.current().orElseThrow();
        assertEquals(State.DEGRADED, h.state());
        assertTrue(h.reason().contains("engine socket closed"), h.reason());
        tick();
        assertEquals(1, scheduler.pending().size(), "keeps sampling");
    }

    @Test
    void trafficRatesFollowTheCounters() {
        TunnelMonitor m = monitor(120);
        startNow(m);
        tick();
        tick();
        List<TrafficRate> rates = m.traffic();
        assertEquals(2, rates.size());
        assertEquals(1000.0, rates.getLast().rxPerSecond(), 0.001);
        assertEquals(500.0, rates.getLast().txPerSecond(), 0.001);
    }
}
