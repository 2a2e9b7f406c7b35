package dev.ponte.core.health;

import java.time.Instant;

/**
 * What one look at the tunnel found.
 *
 * @param latestHandshake from {@code wg show <if> latest-handshakes}; null when never (or not readable this time)
 * @param rxBytes         bytes received from the peer ({@code wg show <if> transfer})
 * @param txBytes         bytes sent to the peer
 * @param stowawayReachable the probe (ping of the Stowaway address through the tunnel) answered
 * @param apiReachable      the cluster's API server answered
 * @param error             why the sample is incomplete (Cargo gone, exec failed), or null
 * @param cargoRunning      false when Cargo's container is gone or stopped: then nothing else could be measured
 */
public record TunnelSample(Instant at, Instant latestHandshake, long rxBytes, long txBytes,
                           boolean stowawayReachable, boolean apiReachable, String error, boolean cargoRunning) {

    /** A sample taken while Cargo runs. */
    public TunnelSample(Instant at, Instant latestHandshake, long rxBytes, long txBytes,
                        boolean stowawayReachable, boolean apiReachable, String error) {
        this(at, latestHandshake, rxBytes, txBytes, stowawayReachable, apiReachable, error, true);
    }

    /** Cargo's container does not exist or does not run. */
    public static TunnelSample cargoGone(Instant at, boolean apiReachable, String why) {
        return new TunnelSample(at, null, 0, 0, false, apiReachable, why, false);
    }
}
