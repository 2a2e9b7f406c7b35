package dev.ponte.core.health;

import java.time.Instant;

/**
 * What one look at the tunnel found.
 *
 * @param latestHandshake from {@code wg show <if> latest-handshakes}; null when never
 * @param stowawayReachable the probe (ping of the Stowaway address through the tunnel) answered
 * @param apiReachable      the cluster's API server answered
 * @param error             why the sample is incomplete (Cargo gone, exec failed), or null
 */
public record TunnelSample(Instant at, Instant latestHandshake, long rxBytes, long txBytes,
                           boolean stowawayReachable, boolean apiReachable, String error) {
}
