package dev.ponte.ui.tray;

import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.status.ConnectionStatus;
import dev.ponte.core.status.ConnectionStatus.State;
import dev.ponte.core.status.StatusBoard;
import dev.ponte.core.task.Problem;
import dev.ponte.ui.connection.ConnectionViewModel;
import dev.ponte.ui.connection.ConnectionViewModel.Phase;

/**
 * Feeds the connection panel's state into the {@link StatusBoard}: phase, live health and problem of the context
 * the panel shows. The panel follows the selected context, so when the user selects another one the previous
 * context leaves the board (its health is no longer watched, so Ponte cannot vouch for it) and the new one enters
 * once its look-up has answered. FX thread, like the view-model's properties.
 */
public final class ConnectionStatusBinding {
    private final ConnectionViewModel vm;
    private final StatusBoard board;
    private String shown;

    private ConnectionStatusBinding(ConnectionViewModel vm, StatusBoard board) {
        this.vm = vm;
        this.board = board;
    }

    public static ConnectionStatusBinding bind(ConnectionViewModel vm, StatusBoard board) {
        ConnectionStatusBinding b = new ConnectionStatusBinding(vm, board);
        vm.contextProperty().addListener((o, a, n) -> b.push());
        vm.phaseProperty().addListener((o, a, n) -> b.push());
        vm.healthProperty().addListener((o, a, n) -> b.push());
        vm.problemProperty().addListener((o, a, n) -> b.push());
        b.push();
        return b;
    }

    private void push() {
        String ctx = vm.contextProperty().get();
        if (shown != null && !shown.equals(ctx)) {
            board.removeConnection(shown);
            shown = null;
        }
        // UNKNOWN: the look-up has not answered yet; keep the board as it was rather than flash "not connected".
        if (ctx == null || vm.phaseProperty().get() == Phase.UNKNOWN) {
            return;
        }
        shown = ctx;
        board.update(toStatus(ctx, vm.phaseProperty().get(), vm.healthProperty().get(), vm.problemProperty().get(),
                vm.connectionProperty().get() != null));
    }

    /**
     * The panel's state in the board's words.
     *
     * @param tunnelLeft true when a connection object remains (after a failed Disconnect it does)
     */
    static ConnectionStatus toStatus(String ctx, Phase phase, TunnelHealth health, Problem problem, boolean tunnelLeft) {
        return switch (phase) {
            case UNKNOWN, NOT_CONNECTED -> ConnectionStatus.of(ctx, State.NONE, "");
            case CONNECTING -> ConnectionStatus.of(ctx, State.CONNECTING, "");
            case DISCONNECTING -> ConnectionStatus.of(ctx, State.DISCONNECTING, "");
            case CONNECTED -> health == null ? ConnectionStatus.of(ctx, State.CONNECTED, "")
                    : new ConnectionStatus(ctx, switch (health.state()) {
                        case CONNECTED -> State.CONNECTED;
                        case DEGRADED -> State.DEGRADED;
                        case DOWN -> State.DOWN;
                    }, health.state() == TunnelHealth.State.CONNECTED ? "" : health.reason(), health.expectedDip());
            case FAILED -> {
                String why = problem == null ? "" : problem.title();
                // A failed Disconnect leaves the tunnel: offer Disconnect again, not Connect.
                yield tunnelLeft ? ConnectionStatus.of(ctx, State.DOWN, "Disconnect failed: " + why)
                        : ConnectionStatus.of(ctx, State.FAILED, why);
            }
        };
    }
}
