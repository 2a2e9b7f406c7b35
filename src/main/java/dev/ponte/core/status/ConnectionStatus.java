package dev.ponte.core.status;

import dev.ponte.core.connections.ConnectionSnapshot.Action;
import dev.ponte.core.connections.ConnectionState;
import java.util.Objects;
import java.util.Set;

/**
 * What the tray and notifications know of one connection (one kube context joined to one local network).
 *
 * @param context     the kube context's name
 * @param reason      why the state is what it is, in plain words; empty when there is nothing to say
 * @param expectedDip true while a DEGRADED state is one Gefyra causes on purpose (Stowaway restarts when any
 *                    client connects), see {@code core.health.HealthRules}: shown, but not announced
 * @param actions     what may be done with it now (the tray offers these)
 * @param byGefyraCli the gefyra CLI made it
 */
public record ConnectionStatus(String context, ConnectionState state, String reason, boolean expectedDip,
                               Set<Action> actions, boolean byGefyraCli) {
    public ConnectionStatus {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        actions = actions == null ? Set.of() : Set.copyOf(actions);
    }

    public static ConnectionStatus of(String context, ConnectionState state, String reason) {
        return new ConnectionStatus(context, state, reason, false, defaults(state), false);
    }

    /** What a connection in this state usually allows (tests and the tray's own fallback). */
    static Set<Action> defaults(ConnectionState s) {
        return switch (s) {
            case NOT_CONNECTED, FAILED -> Set.of(Action.CONNECT);
            case CONNECTED, DEGRADED, DOWN -> Set.of(Action.DISCONNECT);
            case INTERRUPTED -> Set.of(Action.RESUME, Action.CLEAN_UP);
            default -> Set.of();
        };
    }
}
