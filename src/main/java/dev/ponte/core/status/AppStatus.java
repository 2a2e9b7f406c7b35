package dev.ponte.core.status;

import java.util.List;

/**
 * An immutable snapshot of everything the tray shows: connections and bridges, each in the order they first
 * appeared.
 */
public record AppStatus(List<ConnectionStatus> connections, List<BridgeStatus> bridges) {
    public static final AppStatus EMPTY = new AppStatus(List.of(), List.of());

    /** The one state the tray icon shows, worst last. */
    public enum Overall { NONE, CONNECTED, DEGRADED, DOWN }

    public AppStatus {
        connections = List.copyOf(connections);
        bridges = List.copyOf(bridges);
    }

    /**
     * The worst state over all connections and bridges. A connection counts while it is up (CONNECTED,
     * DEGRADED, DOWN); a failed Connect or Disconnect counts as DOWN, since the user has to look at it, and leftovers
     * of an earlier run as DEGRADED. A flagged bridge is DEGRADED (its tunnel works, its local side does not);
     * connecting, disconnecting and not connected add nothing.
     */
    public Overall overall() {
        Overall worst = Overall.NONE;
        for (ConnectionStatus c : connections) {
            Overall o = switch (c.state()) {
                case CONNECTED -> Overall.CONNECTED;
                case DEGRADED, INTERRUPTED -> Overall.DEGRADED;
                case DOWN, FAILED -> Overall.DOWN;
                case UNKNOWN, NOT_CONNECTED, CONNECTING, DISCONNECTING, CANCELLING -> Overall.NONE;
            };
            worst = max(worst, o);
        }
        for (BridgeStatus b : bridges) {
            if (b.state() == BridgeStatus.State.FLAGGED) {
                worst = max(worst, Overall.DEGRADED);
            }
        }
        return worst;
    }

    /** True when a tunnel exists or a bridge is known: what Quit asks about and "Disconnect and quit" tears down. */
    public boolean anythingUp() {
        return connections.stream().anyMatch(c -> c.state().isUp()) || !bridges.isEmpty();
    }

    /** True while an operation (Connect, Disconnect, cancelling) runs: Quit asks whether to wait, undo or leave it. */
    public boolean anythingBusy() {
        return connections.stream().anyMatch(c -> c.state().isBusy());
    }

    private static Overall max(Overall a, Overall b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
