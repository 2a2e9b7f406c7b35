package dev.ponte.core.status;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.run.BridgeState;
import dev.ponte.core.run.LocalState;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Feeds the {@link StatusBoard} (tray icon, menu, notifications) from the core services: every connection that is
 * more than "not connected" (and one that was, until it is forgotten), and every bridge of this machine with its
 * flag. Whatever the window shows, the board sees every connection.
 */
public final class StatusFeed {
    private final StatusBoard board;
    private final Clock clock;
    private final Set<String> shownConnections = new HashSet<>();
    private final Map<String, BridgeStatus> shownBridges = new HashMap<>();

    public StatusFeed(StatusBoard board, Clock clock) {
        this.board = board;
        this.clock = clock;
    }

    /** A new connections snapshot. */
    public synchronized void connections(ConnectionsSnapshot snapshot) {
        Set<String> now = new HashSet<>();
        for (ConnectionSnapshot c : snapshot.connections()) {
            boolean worth = c.state() != ConnectionState.UNKNOWN
                    && (c.state() != ConnectionState.NOT_CONNECTED || shownConnections.contains(c.context()));
            if (!worth) {
                continue;
            }
            now.add(c.context());
            String reason = switch (c.state()) {
                case CONNECTED, NOT_CONNECTED, CONNECTING -> "";
                case FAILED -> c.problem() == null ? "" : c.problem().title();
                case INTERRUPTED -> c.leftovers() == null ? "" : "left from before: " + c.leftovers().summary();
                default -> c.health() == null ? c.undoing() : c.health().reason();
            };
            board.update(new ConnectionStatus(c.context(), c.state(), reason,
                    c.health() != null && c.health().expectedDip(), c.actions(), c.byGefyraCli()));
        }
        for (String gone : Set.copyOf(shownConnections)) {
            if (!now.contains(gone)) {
                board.removeConnection(gone);
            }
        }
        shownConnections.clear();
        shownConnections.addAll(now);
    }

    /** New local states (every live connection's bridges). */
    public synchronized void local(Map<String, LocalState> states) {
        Map<String, BridgeStatus> next = new HashMap<>();
        for (LocalState st : states.values()) {
            for (BridgeState s : st.bridges()) {
                BridgeStatus.State state = s.flagged() ? BridgeStatus.State.FLAGGED
                        : s.bridge().active() ? BridgeStatus.State.ACTIVE : BridgeStatus.State.PENDING;
                String reason = s.flagged() ? s.flag() : "";
                BridgeStatus old = shownBridges.get(s.bridge().name());
                BridgeStatus status = old != null && old.state() == state && old.reason().equals(reason) ? old
                        : new BridgeStatus(s.bridge().name(), workload(s), s.bridge().clientContainer(), state, reason,
                                clock.instant());
                next.put(status.name(), status);
                if (status != old) {
                    board.update(status);
                }
            }
        }
        shownBridges.keySet().stream().filter(n -> !next.containsKey(n)).toList().forEach(board::removeBridge);
        shownBridges.clear();
        shownBridges.putAll(next);
    }

    /** {@code namespace/kind/name} as the board wants it. */
    private static String workload(BridgeState s) {
        return s.mount() == null ? s.bridge().mount() : s.mount().targetNamespace() + "/" + s.mount().target();
    }
}
