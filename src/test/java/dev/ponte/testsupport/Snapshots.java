package dev.ponte.testsupport;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.health.TunnelHealth;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Connection snapshots for tests of what follows the connection service (the local side, the tray feed). */
public final class Snapshots {
    private Snapshots() {
    }

    /** One connection in {@code state}; DEGRADED and DOWN carry {@code reason} as their health's reason. */
    public static ConnectionsSnapshot one(Connection conn, ConnectionState state, String reason) {
        TunnelHealth h = switch (state) {
            case CONNECTED -> new TunnelHealth(TunnelHealth.State.CONNECTED, "", null, 0, 0, Instant.EPOCH, false);
            case DEGRADED -> new TunnelHealth(TunnelHealth.State.DEGRADED, reason, null, 0, 0, Instant.EPOCH, false);
            case DOWN -> new TunnelHealth(TunnelHealth.State.DOWN, reason, null, 0, 0, Instant.EPOCH, false);
            default -> null;
        };
        return new ConnectionsSnapshot(List.of(new ConnectionSnapshot(conn.context(), conn.name(), conn.clientId(), state,
                state.isUp() ? conn : null, h, List.of(), "", List.of(), "", null, "", "", null, Set.of(), false)), true);
    }
}
