package dev.ponte.core.health;

/**
 * Takes one look at a tunnel: WireGuard's handshake and counters, a ping of Stowaway through it, and whether the
 * cluster's API answers. Blocking, bounded by its own timeouts; called from the monitor's background thread.
 * Should not throw: what failed goes into {@link TunnelSample#error()}.
 */
@FunctionalInterface
public interface TunnelProbe {
    TunnelSample sample();
}
