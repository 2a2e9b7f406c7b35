package dev.ponte.core.health;

import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.health.TunnelHealth.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Turns a tunnel's recent samples into one verdict. Pure: same history, same answer.
 *
 * <p>Why these rules (shared/testing.md, "one-machine rig"; WireGuard's timers):
 * <ul>
 *   <li>The ping probe is the quick signal. Gefyra's own probe is one {@code timeout 1 ping}; a single lost ping
 *   happens, so it takes {@code degradeAfterFailures} (2) failures in a row to leave CONNECTED.</li>
 *   <li>A healthy idle tunnel shows handshake ages up to ~141 s (keys are renewed after 120 s, at the next 21 s
 *   keepalive). WireGuard drops a session 180 s after its handshake, so only an age over {@code handshakeStale}
 *   (180 s) means no session is left: with a failing probe that is DOWN at once.</li>
 *   <li>With traffic (the probe is traffic) a tunnel came back 0.6–5.4 s after its peer returned, as WireGuard
 *   retries a handshake every 5 s. A probe still failing after {@code downAfterFailures} (6) checks, 25 s at the
 *   default 5 s interval, has missed several retries: DOWN.</li>
 *   <li>Gefyra restarts Stowaway whenever any client connects or disconnects. Failures inside an
 *   {@link ExpectedDip} are DEGRADED with {@code expectedDip=true}, however long, until the window ends.</li>
 *   <li>Cargo gone is DOWN at once; an unreachable API server is DEGRADED (after the same hysteresis).</li>
 * </ul>
 * Reasons are stable texts (no changing numbers), so a listener can tell a change from an update; the changing
 * figures are in {@link TunnelHealth#handshakeAge()} and the counters.
 */
public final class HealthRules {
    public static final String STOWAWAY_RESTARTING = "Stowaway is restarting (another client connected or "
            + "disconnected); this is expected and usually takes under a minute";

    /**
     * @param degradeAfterFailures probe failures in a row before DEGRADED (a failure with no success before it
     *                             counts at once)
     * @param downAfterFailures    probe failures in a row before DOWN
     * @param handshakeStale       handshake age beyond which WireGuard has no session
     */
    public record Thresholds(int degradeAfterFailures, int downAfterFailures, Duration handshakeStale) {
        public static final Thresholds DEFAULT = new Thresholds(2, 6, Duration.ofSeconds(180));

        public Thresholds {
            if (degradeAfterFailures < 1 || downAfterFailures < degradeAfterFailures) {
                throw new IllegalArgumentException("need 1 <= degradeAfterFailures <= downAfterFailures");
            }
            Objects.requireNonNull(handshakeStale, "handshakeStale");
        }
    }

    /** A time in which Gefyra restarts Stowaway on purpose; failures that begin inside it are expected. */
    public record ExpectedDip(Instant from, Instant until) {
        boolean covers(Instant t) {
            return !t.isBefore(from) && !t.isAfter(until);
        }
    }

    private final Thresholds thresholds;

    public HealthRules() {
        this(Thresholds.DEFAULT);
    }

    public HealthRules(Thresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /**
     * @param history samples, oldest first, at least one
     * @param dip     the current expected-dip window, or null
     */
    public TunnelHealth evaluate(List<TunnelSample> history, ExpectedDip dip) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("no sample to judge");
        }
        TunnelSample last = history.getLast();
        Instant handshake = latestKnownHandshake(history);
        Duration age = handshake == null ? null : max(Duration.between(handshake, last.at()), Duration.ZERO);
        boolean stale = age != null && age.compareTo(thresholds.handshakeStale()) > 0;

        if (!last.cargoRunning()) {
            return health(last, State.DOWN, "Cargo, the local end of the tunnel, is not running"
                    + (last.error() == null ? "" : ": " + last.error()), age, false);
        }
        int failures = trailing(history, s -> !s.stowawayReachable());
        boolean okBefore = failures < history.size();
        if (failures > 0) {
            TunnelSample firstFailure = history.get(history.size() - failures);
            if (dip != null && dip.covers(last.at()) && !firstFailure.at().isBefore(dip.from())) {
                return health(last, State.DEGRADED, STOWAWAY_RESTARTING, age, true);
            }
            if (stale) {
                return health(last, State.DOWN, "No WireGuard handshake for over "
                        + minutes(thresholds.handshakeStale())
                        + " and Stowaway does not answer through the tunnel", age, false);
            }
            if (failures >= thresholds.downAfterFailures()) {
                return health(last, State.DOWN, "Stowaway (" + Gefyra.STOWAWAY_IP + ") has stopped answering "
                        + "through the tunnel" + errorSuffix(last), age, false);
            }
            if (failures >= thresholds.degradeAfterFailures() || !okBefore) {
                String why = okBefore ? "Stowaway (" + Gefyra.STOWAWAY_IP + ") does not answer through the tunnel"
                        : "Waiting for Stowaway (" + Gefyra.STOWAWAY_IP + ") to answer through the tunnel";
                return health(last, State.DEGRADED, why + errorSuffix(last), age, false);
            }
            // one lost ping after a success: not enough to change the verdict
        }
        if (handshake == null) {
            return health(last, State.DEGRADED, "Stowaway answers, but WireGuard reports no handshake yet"
                    + errorSuffix(last), null, false);
        }
        if (stale) {
            return health(last, State.DEGRADED, "Stowaway answers, but WireGuard's last handshake is over "
                    + minutes(thresholds.handshakeStale()) + " old", age, false);
        }
        int apiFailures = trailing(history, s -> !s.apiReachable());
        if (apiFailures >= thresholds.degradeAfterFailures() || apiFailures == history.size()) {
            return health(last, State.DEGRADED, "The tunnel works, but the cluster's API server does not answer; "
                    + "Ponte can't start or change bridges until it does", age, false);
        }
        return health(last, State.CONNECTED, "Connected: Stowaway answers through the tunnel", age, false);
    }

    /** Handshakes only move forward, so the newest one any sample saw is a lower bound when a read failed. */
    static Instant latestKnownHandshake(List<TunnelSample> history) {
        Instant best = null;
        for (TunnelSample s : history) {
            if (s.latestHandshake() != null && (best == null || s.latestHandshake().isAfter(best))) {
                best = s.latestHandshake();
            }
        }
        return best;
    }

    private static int trailing(List<TunnelSample> history, Predicate<TunnelSample> failed) {
        int n = 0;
        for (int i = history.size() - 1; i >= 0 && failed.test(history.get(i)); i--) {
            n++;
        }
        return n;
    }

    private static TunnelHealth health(TunnelSample s, State state, String reason, Duration age, boolean dip) {
        return new TunnelHealth(state, reason, age, s.rxBytes(), s.txBytes(), s.at(), dip);
    }

    private static String errorSuffix(TunnelSample s) {
        return s.error() == null ? "" : " (" + s.error() + ")";
    }

    private static String minutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " minutes" : d.toSeconds() + " s";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
