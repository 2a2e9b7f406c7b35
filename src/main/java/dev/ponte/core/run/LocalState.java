package dev.ponte.core.run;

import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.task.Problem;
import java.util.List;
import java.util.Map;

/**
 * One connection's local side at one moment: its containers and this machine's bridges with their flags.
 *
 * @param mounts  every mount known in the cluster (shared ones included), by name
 * @param problem the last failure of a list read or an action, or null
 * @param message the last action's outcome in one line, or empty
 * @param stale   why the bridges shown may be out of date ("Bridges may be out of date since …"), or empty
 */
public record LocalState(Connection connection, List<LocalContainer> containers, List<BridgeState> bridges,
                         Map<String, BridgeMount> mounts, Problem problem, String message, String stale) {
    public LocalState {
        containers = List.copyOf(containers);
        bridges = List.copyOf(bridges);
        mounts = Map.copyOf(mounts);
        message = message == null ? "" : message;
        stale = stale == null ? "" : stale;
    }

    public LocalState(Connection connection, List<LocalContainer> containers, List<BridgeState> bridges,
                      Map<String, BridgeMount> mounts, Problem problem, String message) {
        this(connection, containers, bridges, mounts, problem, message, "");
    }

    /** The bridges that point at a container. */
    public List<BridgeState> bridgesOf(String container) {
        return bridges.stream().filter(s -> container.equals(s.bridge().clientContainer())).toList();
    }
}
