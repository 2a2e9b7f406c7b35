package dev.ponte.app;

import dev.ponte.core.status.BridgeStatus;
import dev.ponte.core.status.StatusBoard;
import dev.ponte.ui.run.BridgeState;
import dev.ponte.ui.run.LocalContainersViewModel;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;

/**
 * Feeds this machine's bridges, with their flags, into the status board (tray icon, menu and
 * notifications). Runs on the UI thread, where the list changes.
 */
final class BridgeStatusBinding {
    private final StatusBoard board;
    private final Clock clock;
    private final Map<String, BridgeStatus> shown = new HashMap<>();

    private BridgeStatusBinding(StatusBoard board, Clock clock) {
        this.board = board;
        this.clock = clock;
    }

    static void bind(LocalContainersViewModel local, StatusBoard board, Clock clock) {
        BridgeStatusBinding b = new BridgeStatusBinding(board, clock);
        local.bridges().addListener((ListChangeListener<BridgeState>) c -> b.apply(List.copyOf(local.bridges())));
    }

    void apply(List<BridgeState> states) {
        Map<String, BridgeStatus> next = new HashMap<>();
        for (BridgeState s : states) {
            BridgeStatus.State state = s.flagged() ? BridgeStatus.State.FLAGGED
                    : s.bridge().active() ? BridgeStatus.State.ACTIVE : BridgeStatus.State.PENDING;
            String reason = s.flagged() ? s.flag() : "";
            BridgeStatus old = shown.get(s.bridge().name());
            BridgeStatus status = old != null && old.state() == state && old.reason().equals(reason) ? old
                    : new BridgeStatus(s.bridge().name(), workload(s), s.bridge().clientContainer(), state, reason, clock.instant());
            next.put(status.name(), status);
            if (status != old) {
                board.update(status);
            }
        }
        shown.keySet().stream().filter(n -> !next.containsKey(n)).toList().forEach(board::removeBridge);
        shown.clear();
        shown.putAll(next);
    }

    /** {@code namespace/kind/name} as the board wants it. */
    private static String workload(BridgeState s) {
        return s.mount() == null ? s.bridge().mount() : s.mount().targetNamespace() + "/" + s.mount().target();
    }
}
