package dev.ponte.ui.shell;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.model.ContextState;
import dev.ponte.core.run.BridgeState;
import dev.ponte.ui.clusters.ClusterViewModel;
import dev.ponte.ui.clusters.ContextItemViewModel;
import dev.ponte.ui.connection.ConnectionViewModel;
import dev.ponte.ui.connection.HealthText;
import dev.ponte.ui.run.LocalContainersViewModel;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;

/** The status bar's words: the selected context and its API server; its connection; how many are connected. */
public final class StatusBarViewModel {
    private final StringBinding contextStatus;
    private final StringBinding connectionStatus;
    private final String version;

    StatusBarViewModel(ClusterViewModel cluster, ConnectionViewModel connection, LocalContainersViewModel local,
                       ObservableValue<ConnectionsSnapshot> all, String version) {
        this.version = version;
        connectionStatus = Bindings.createStringBinding(() -> statusLine(all.getValue(), connection.snapshotProperty().get(),
                local.bridges()), all, connection.snapshotProperty(), local.bridges());
        ObservableValue<ContextState> state = cluster.contextProperty().flatMap(ContextItemViewModel::stateProperty);
        ObservableValue<String> detail = cluster.contextProperty().flatMap(ContextItemViewModel::stateDetailProperty);
        // Lazy flatMap values only notify again once read: the binding reads them every time. It takes the words
        // from the context itself: called while the context changes, a flatMap may still hold the value it had for
        // the one before (null after no context), depending on which listener ran first.
        contextStatus = Bindings.createStringBinding(() -> {
            state.getValue();
            detail.getValue();
            return contextLine(cluster.contextProperty().get());
        }, cluster.contextProperty(), state, detail);
    }

    /** "kind-dev · Kubernetes v1.30.4", "staging · unreachable", or that no context is selected. */
    static String contextLine(ContextItemViewModel c) {
        if (c == null) {
            return "No context selected";
        }
        ContextState st = c.stateProperty().get();
        return c.name() + " · " + switch (st == null ? ContextState.UNKNOWN : st) {
            case REACHABLE -> "Kubernetes " + c.serverVersionProperty().get();
            case CHECKING -> "connecting…";
            case UNREACHABLE -> "unreachable";
            case NO_ACCESS -> "no access";
            case UNKNOWN -> "not checked";
        };
    }

    /**
     * The selected context's connection (state, handshake, traffic, bridges) and, when another one is connected too,
     * how many and the worst: "Connected · handshake 4 s ago … · 2 connected · worst: Degraded".
     */
    static String statusLine(ConnectionsSnapshot all, ConnectionSnapshot shown, List<BridgeState> bridges) {
        String here;
        if (shown == null) {
            here = "Not connected";
        } else if (shown.state().isUp() && shown.health() != null) {
            here = shown.state().word() + " · " + HealthText.numbers(shown.health()) + bridgeSummary(bridges);
        } else {
            here = shown.headline() + (shown.state().isUp() ? bridgeSummary(bridges) : "");
        }
        int live = all.live().size();
        boolean shownLive = shown != null && shown.state().isUp();
        if (live > 1 || (live == 1 && !shownLive)) {
            here += " · " + all.summary();
        }
        return here;
    }

    /** {@code · 2 bridges} or {@code · ⚠ 1 of 2 bridges: its local container api-local is exited}. */
    static String bridgeSummary(List<BridgeState> bridges) {
        if (bridges.isEmpty()) {
            return "";
        }
        var flagged = bridges.stream().filter(BridgeState::flagged).toList();
        String count = bridges.size() == 1 ? "1 bridge" : bridges.size() + " bridges";
        if (flagged.isEmpty()) {
            return " · " + count;
        }
        return " · ⚠ " + flagged.size() + " of " + count + " not carrying traffic: " + flagged.getFirst().workload() + " — "
                + flagged.getFirst().flag();
    }

    public StringBinding contextStatusProperty() {
        return contextStatus;
    }

    /** The connection slot. */
    public StringBinding connectionStatusProperty() {
        return connectionStatus;
    }

    public String version() {
        return version;
    }
}
