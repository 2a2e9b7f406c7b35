package dev.ponte.ui.run;

import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.run.BridgeState;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.run.LocalService;
import dev.ponte.core.run.LocalState;
import dev.ponte.core.task.Latest;
import dev.ponte.core.task.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The local-containers list of the selected context's connection: a window onto the {@link LocalService}, which
 * keeps every live connection's containers and bridges (with their flags) current whatever is shown here.
 */
public final class LocalContainersViewModel {
    private final LocalService service;
    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LocalContainerItem> items = FXCollections.observableArrayList();
    private final ObservableList<BridgeState> bridges = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper stale = new ReadOnlyStringWrapper("");
    private Map<String, LocalState> states = Map.of();
    private Map<String, BridgeMount> mounts = Map.of();

    public LocalContainersViewModel(LocalService service, Executor ui) {
        this.service = service;
        service.subscribe(new Latest<>(ui, s -> {
            states = s;
            update();
        }));
    }

    /** Shows the containers of this connection (null: none, e.g. not connected). Call on the UI thread. */
    public void show(Connection conn) {
        if (!Objects.equals(conn, connection.get())) {
            connection.set(conn);
            update();
        }
    }

    private void update() {
        Connection conn = connection.get();
        LocalState s = conn == null ? null : states.get(conn.name());
        List<BridgeState> b = s == null ? List.of() : s.bridges();
        if (!b.equals(bridges)) {
            bridges.setAll(b);
        }
        List<LocalContainerItem> rows = new ArrayList<>();
        if (s != null) {
            for (LocalContainer c : s.containers()) {
                rows.add(new LocalContainerItem(c, s.bridgesOf(c.name())));
            }
        }
        if (!rows.equals(items)) {
            items.setAll(rows);
        }
        mounts = s == null ? Map.of() : s.mounts();
        problem.set(s == null ? null : s.problem());
        message.set(s == null ? "" : s.message());
        stale.set(s == null ? "" : s.stale());
    }

    public void refresh() {
        with(service::refresh);
    }

    public void stop(LocalContainerItem item) {
        with(c -> service.stop(c, item.name()));
    }

    public void restart(LocalContainerItem item) {
        with(c -> service.restart(c, item.name()));
    }

    /** Removes the container and this machine's bridges that point at it. */
    public void remove(LocalContainerItem item) {
        with(c -> service.remove(c, item.name()));
    }

    /** True when unbridging {@code s} should offer to remove its mount too (Ponte made it; no other bridge uses it). */
    public boolean offersMountRemoval(BridgeState s) {
        Connection conn = connection.get();
        return conn != null && service.offersMountRemoval(conn.name(), s);
    }

    /** Deletes the bridge (and its mount when {@code removeMount}); the rows update from the watch. */
    public void unbridge(BridgeState s, boolean removeMount) {
        with(c -> service.unbridge(c, s, removeMount));
    }

    public void dismissProblem() {
        with(service::dismissProblem);
    }

    private void with(Consumer<String> action) {
        Connection conn = connection.get();
        if (conn != null) {
            action.accept(conn.name());
        }
    }

    public ObservableList<LocalContainerItem> items() {
        return items;
    }

    /** This machine's bridges of the shown connection with their flags, for the workload rows and the status bar. */
    public ObservableList<BridgeState> bridges() {
        return bridges;
    }

    /** All mounts known in the cluster (shared ones included). */
    public Map<String, BridgeMount> mounts() {
        return mounts;
    }

    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Why the bridges shown may be out of date, or empty; Refresh watches them again. */
    public ReadOnlyStringProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
