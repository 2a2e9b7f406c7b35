package dev.ponte.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Bytes per second received and sent through the tunnel between two samples (the UI's sparkline). */
public record TrafficRate(Instant at, double rxPerSecond, double txPerSecond) {

    /**
     * One rate per pair of consecutive samples that both read WireGuard's counters. A counter that went down
     * (Cargo or its interface was restarted) gives no rate for that pair.
     */
    public static List<TrafficRate> of(List<TunnelSample> samples) {
        List<TrafficRate> rates = new ArrayList<>();
        TunnelSample prev = null;
        for (TunnelSample s : samples) {
            boolean counted = s.cargoRunning() && s.error() == null;
            if (counted && prev != null) {
                double secs = Duration.between(prev.at(), s.at()).toMillis() / 1000.0;
                long rx = s.rxBytes() - prev.rxBytes();
                long tx = s.txBytes() - prev.txBytes();
                if (secs > 0 && rx >= 0 && tx >= 0) {
                    rates.add(new TrafficRate(s.at(), rx / secs, tx / secs));
                }
            }
            prev = counted ? s : null;
        }
        return rates;
    }
}
