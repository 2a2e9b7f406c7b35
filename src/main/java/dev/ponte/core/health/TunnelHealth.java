package dev.ponte.core.health;

import java.time.Duration;
import java.time.Instant;

/**
 * One health verdict for a connection's tunnel.
 *
 * @param handshakeAge age of the latest WireGuard handshake, null when there was none
 * @param reason       why the state is what it is, in plain words ("no handshake for 3 min")
 * @param expectedDip  true while the dip is one Gefyra causes on purpose (Stowaway restarts when any client connects)
 */
public record TunnelHealth(State state, String reason, Duration handshakeAge, long rxBytes, long txBytes,
                           Instant at, boolean expectedDip) {
    public enum State { CONNECTED, DEGRADED, DOWN }
}
