package dev.ponte.core.status;

import java.util.Objects;

/**
 * What Ponte knows of one connection (one kube context joined to one local network).
 *
 * @param context     the kube context's name
 * @param reason      why the state is what it is, in plain words; empty when there is nothing to say
 * @param expectedDip true while a DEGRADED state is one Gefyra causes on purpose (Stowaway restarts when any
 *                    client connects), see {@code core.health.HealthRules}: shown, but not announced
 */
public record ConnectionStatus(String context, State state, String reason, boolean expectedDip) {
    /** A connection's state as the tray and notifications see it. */
    public enum State {
        /** Not connected (or not known to be). */
        NONE,
        CONNECTING,
        CONNECTED,
        DEGRADED,
        DOWN,
        /** Disconnect is running. Not in issue 6's list; without it the menu would offer Disconnect twice. */
        DISCONNECTING,
        /**
         * Connect failed and left no tunnel (Up rolls back); {@code reason} says why. A failed Disconnect leaves the
         * tunnel, so it is reported as DOWN with the reason instead, and Disconnect stays on offer.
         */
        FAILED;

        /** True while the tunnel exists (healthy or not): Disconnect applies, Quit asks about it. */
        public boolean isUp() {
            return this == CONNECTED || this == DEGRADED || this == DOWN;
        }
    }

    public ConnectionStatus {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
    }

    public static ConnectionStatus of(String context, State state, String reason) {
        return new ConnectionStatus(context, state, reason, false);
    }
}
