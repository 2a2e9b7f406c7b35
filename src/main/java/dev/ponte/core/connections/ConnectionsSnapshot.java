package dev.ponte.core.connections;

import java.util.List;
import java.util.Optional;

/** Every connection of this machine, in the order they became known. Immutable. */
public record ConnectionsSnapshot(List<ConnectionSnapshot> connections, boolean reconciled) {
    public static final ConnectionsSnapshot EMPTY = new ConnectionsSnapshot(List.of(), false);

    public ConnectionsSnapshot {
        connections = List.copyOf(connections);
    }

    public Optional<ConnectionSnapshot> of(String context) {
        return connections.stream().filter(c -> c.context().equals(context)).findFirst();
    }

    /** Connections with a tunnel (connected, degraded or down). */
    public List<ConnectionSnapshot> live() {
        return connections.stream().filter(c -> c.state().isUp()).toList();
    }

    /** Connections an earlier run left (resume or clean up). */
    public List<ConnectionSnapshot> interrupted() {
        return connections.stream().filter(c -> c.state() == ConnectionState.INTERRUPTED).toList();
    }

    /** Connections with an operation running. */
    public List<ConnectionSnapshot> busy() {
        return connections.stream().filter(c -> c.state().isBusy()).toList();
    }

    /** The worst state over the live connections (NOT_CONNECTED when none is live): what the tray icon shows. */
    public ConnectionState worst() {
        ConnectionState worst = ConnectionState.NOT_CONNECTED;
        for (ConnectionSnapshot c : live()) {
            worst = rank(c.state()) > rank(worst) ? c.state() : worst;
        }
        return worst;
    }

    /** "2 connected · worst: Degraded", "1 connected", or "Not connected". */
    public String summary() {
        int n = live().size();
        if (n == 0) {
            return ConnectionState.NOT_CONNECTED.word();
        }
        ConnectionState w = worst();
        return n + " connected" + (w == ConnectionState.CONNECTED ? "" : " · worst: " + w.word());
    }

    private static int rank(ConnectionState s) {
        return switch (s) {
            case CONNECTED -> 1;
            case DEGRADED -> 2;
            case DOWN -> 3;
            default -> 0;
        };
    }
}
