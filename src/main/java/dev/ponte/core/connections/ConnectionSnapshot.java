package dev.ponte.core.connections;

import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.StepEvent;
import java.util.List;
import java.util.Set;

/**
 * One connection as every screen sees it at one moment: immutable, published by {@link ConnectionService} on every
 * change.
 *
 * @param context    the kube context (for a connection another tool made without naming one: {@code gefyra:<name>})
 * @param name       the connection's name (network {@code gefyra-network-<name>}, Cargo {@code gefyra-cargo-<name>})
 * @param connection the live connection's parts, or null while there is no tunnel
 * @param health     the latest health verdict while connected, else null
 * @param traffic    rx+tx byte counters of the last health samples, oldest first (the sparkline)
 * @param operation  title of the running or last operation ("Connect kind-dev"), or empty
 * @param steps      its steps, in order
 * @param undoing    while cancelling or after a failure: what is being undone right now, else empty
 * @param problem    why the last operation failed, or null
 * @param diagnostics "Copy diagnostics": the operation, its steps and the cause chain, secrets redacted
 * @param result     the last operation's outcome in one line ("Nothing left: …"), or empty
 * @param leftovers  what an earlier run left (state INTERRUPTED), or null
 * @param actions    what the user may do now
 * @param byGefyraCli the gefyra CLI made this connection (not Ponte)
 */
public record ConnectionSnapshot(String context, String name, String clientId, ConnectionState state,
                                 Connection connection, TunnelHealth health, List<Long> traffic, String operation,
                                 List<StepEvent> steps, String undoing, Problem problem, String diagnostics, String result,
                                 Leftovers leftovers, Set<Action> actions, boolean byGefyraCli) {
    /** What can be done with a connection; the buttons, the tray and the command line offer exactly these. */
    public enum Action {
        CONNECT("Connect"), DISCONNECT("Disconnect"), UNINSTALL("Disconnect and uninstall"), CANCEL("Cancel"),
        RESUME("Resume"), CLEAN_UP("Clean up"), RECONNECT("Reconnect");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ConnectionSnapshot {
        traffic = List.copyOf(traffic);
        steps = List.copyOf(steps);
        actions = Set.copyOf(actions);
        operation = operation == null ? "" : operation;
        undoing = undoing == null ? "" : undoing;
        diagnostics = diagnostics == null ? "" : diagnostics;
        result = result == null ? "" : result;
    }

    public boolean can(Action a) {
        return actions.contains(a);
    }

    /** The state word with the health's reason where there is one: "Degraded — no handshake for 3 min". */
    public String headline() {
        String word = state.word();
        if (state == ConnectionState.CANCELLING && !undoing.isEmpty()) {
            return "Cancelling — " + undoing;
        }
        if ((state == ConnectionState.DEGRADED || state == ConnectionState.DOWN) && health != null && !health.reason().isEmpty()) {
            return word + " — " + health.reason();
        }
        if (state == ConnectionState.FAILED && problem != null) {
            return word + " — " + problem.title();
        }
        if (state == ConnectionState.INTERRUPTED && leftovers != null && leftovers.interrupted() != null) {
            return word + " — " + leftovers.interrupted() + " was interrupted";
        }
        return word;
    }

    /** Done steps out of all (0..1), for a progress bar. */
    public double progress() {
        long done = steps.stream().filter(s -> s.state() != StepEvent.State.PENDING && s.state() != StepEvent.State.RUNNING).count();
        return steps.isEmpty() ? 0 : (double) done / steps.size();
    }
}
