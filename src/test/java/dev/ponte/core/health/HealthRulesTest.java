package dev.ponte.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.health.HealthRules.ExpectedDip;
import dev.ponte.core.health.TunnelHealth.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthRulesTest {
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    final HealthRules rules = new HealthRules();

    /** Samples every 5 s; handshake {@code handshakeAgo} s before each sample (-1: none). */
    static final class History {
        final List<TunnelSample> samples = new ArrayList<>();

        History add(int n, int handshakeAgo, boolean probe, boolean api) {
            for (int i = 0; i < n; i++) {
                Instant at = T0.plusSeconds(5L * samples.size());
                Instant hs = handshakeAgo < 0 ? null : at.minusSeconds(handshakeAgo);
                samples.add(new TunnelSample(at, hs, 1000L * samples.size(), 2000L * samples.size(), probe, api, null));
            }
            return this;
        }

        History ok(int n) {
            return add(n, 10, true, true);
        }

        History lost(int n) {
            return add(n, 10, false, true);
        }

        Instant at(int index) {
            return samples.get(index).at();
        }
    }

    TunnelHealth judge(History h) {
        return rules.evaluate(h.samples, null);
    }

    @Test
    void connectedWhenProbeAnswersAndHandshakeIsRecent() {
        TunnelHealth health = judge(new History().ok(3));
        assertEquals(State.CONNECTED, health.state());
        assertEquals(Duration.ofSeconds(10), health.handshakeAge());
        assertEquals(2000, health.rxBytes());
        assertEquals(4000, health.txBytes());
        assertFalse(health.expectedDip());
    }

    @Test
    void idleTunnelAt141SecondsIsStillConnected() {
        assertEquals(State.CONNECTED, judge(new History().add(2, 141, true, true)).state());
    }

    @ParameterizedTest(name = "{0} lost after success -> {1}")
    @CsvSource(textBlock = """
            1, CONNECTED
            2, DEGRADED
            5, DEGRADED
            6, DOWN
            9, DOWN
            """)
    void consecutiveProbeFailuresDegradeThenGoDown(int lost, State expected) {
        TunnelHealth health = judge(new History().ok(2).lost(lost));
        assertEquals(expected, health.state(), health.reason());
        if (expected != State.CONNECTED) {
            assertTrue(health.reason().contains("192.168.99.1"), health.reason());
        }
    }

    @Test
    void oneSuccessResetsTheCount() {
        assertEquals(State.CONNECTED, judge(new History().ok(1).lost(5).ok(1).lost(1)).state());
    }

    @Test
    void failedProbeWithHandshakeOlderThan180sIsDownAtOnce() {
        TunnelHealth health = judge(new History().add(1, 176, true, true).add(1, 181, false, true));
        assertEquals(State.DOWN, health.state());
        assertTrue(health.reason().contains("No WireGuard handshake for over 3 minutes"), health.reason());
    }

    @Test
    void staleHandshakeButAnsweringProbeIsDegraded() {
        TunnelHealth health = judge(new History().add(2, 200, true, true));
        assertEquals(State.DEGRADED, health.state());
        assertTrue(health.reason().startsWith("Stowaway answers, but"), health.reason());
    }

    @Test
    void waitingForTheFirstAnswerIsDegradedNotConnected() {
        TunnelHealth health = judge(new History().add(1, -1, false, true));
        assertEquals(State.DEGRADED, health.state());
        assertTrue(health.reason().startsWith("Waiting for Stowaway"), health.reason());
        assertNull(health.handshakeAge());
    }

    @Test
    void neverAnsweringGoesDownAfterTheBound() {
        assertEquals(State.DOWN, judge(new History().add(6, -1, false, true)).state());
    }

    @Test
    void answeringWithoutAnyHandshakeIsDegraded() {
        assertEquals(State.DEGRADED, judge(new History().add(2, -1, true, true)).state());
    }

    @Test
    void apiUnreachableTwiceIsDegradedOnceIsNot() {
        assertEquals(State.CONNECTED, judge(new History().ok(2).add(1, 10, true, false)).state());
        TunnelHealth health = judge(new History().ok(2).add(2, 10, true, false));
        assertEquals(State.DEGRADED, health.state());
        assertTrue(health.reason().contains("API server"), health.reason());
    }

    @Test
    void cargoGoneIsDownAtOnce() {
        History h = new History().ok(3);
        h.samples.add(TunnelSample.cargoGone(T0.plusSeconds(15), true, "container gefyra-cargo-default is exited"));
        TunnelHealth health = judge(h);
        assertEquals(State.DOWN, health.state());
        assertTrue(health.reason().contains("Cargo") && health.reason().contains("exited"), health.reason());
    }

    @Test
    void failuresInsideAnExpectedDipAreAnExplainedDip() {
        History h = new History().ok(2).lost(8);
        TunnelHealth health = rules.evaluate(h.samples, new ExpectedDip(h.at(1), h.at(1).plusSeconds(90)));
        assertEquals(State.DEGRADED, health.state());
        assertTrue(health.expectedDip());
        assertEquals(HealthRules.STOWAWAY_RESTARTING, health.reason());
    }

    @Test
    void evenTheFirstFailureInsideADipIsExplained() {
        History h = new History().ok(2).lost(1);
        TunnelHealth health = rules.evaluate(h.samples, new ExpectedDip(h.at(0), h.at(0).plusSeconds(90)));
        assertTrue(health.expectedDip());
        assertEquals(State.DEGRADED, health.state());
    }

    @Test
    void failuresOutlastingTheDipAreDown() {
        History h = new History().ok(2).lost(8);
        TunnelHealth health = rules.evaluate(h.samples, new ExpectedDip(h.at(1), h.at(1).plusSeconds(20)));
        assertEquals(State.DOWN, health.state());
        assertFalse(health.expectedDip());
    }

    @Test
    void failuresThatBeganBeforeTheDipAreNotExplainedByIt() {
        History h = new History().ok(2).lost(3);
        TunnelHealth health = rules.evaluate(h.samples, new ExpectedDip(h.at(3), h.at(3).plusSeconds(90)));
        assertEquals(State.DEGRADED, health.state());
        assertFalse(health.expectedDip());
    }

    @Test
    void recoveryInsideTheDipIsConnected() {
        History h = new History().ok(2).lost(4).ok(1);
        TunnelHealth health = rules.evaluate(h.samples, new ExpectedDip(h.at(0), h.at(0).plusSeconds(90)));
        assertEquals(State.CONNECTED, health.state());
        assertFalse(health.expectedDip());
    }

    @Test
    void aFailedWgReadKeepsTheLastKnownHandshake() {
        History h = new History().ok(2);
        h.samples.add(new TunnelSample(T0.plusSeconds(10), null, 0, 0, true, true, "wg show wg0 failed (exit 1)"));
        TunnelHealth health = judge(h);
        assertEquals(State.CONNECTED, health.state());
        assertEquals(Duration.ofSeconds(15), health.handshakeAge());
    }
}
