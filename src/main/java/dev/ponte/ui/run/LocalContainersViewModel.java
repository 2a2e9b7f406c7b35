package dev.ponte.ui.run;

import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.model.Change;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.run.LocalContainer;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Problem;
import dev.ponte.ui.common.TaskRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection's local containers and this machine's bridges, kept live: engine events trigger
 * a re-read of the list (coalesced, one read at a time), mounts and bridges come from a watch. A
 * bridge is flagged at once when its local container stops or goes, when the tunnel is down, or
 * when the operator reports an error.
 */
public final class LocalContainersViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(LocalContainersViewModel.class);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final RunBackend backend;
    private final TaskRunner tasks;
    private final Executor ui;

    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LocalContainerItem> items = FXCollections.observableArrayList();
    private final ObservableList<BridgeState> bridges = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final Map<String, Bridge> bridgeObjects = new LinkedHashMap<>();
    private final Map<String, BridgeMount> mountObjects = new LinkedHashMap<>();
    private List<LocalContainer> containers = List.of();
    private String tunnelDown;
    private Subscription engineWatch;
    private Subscription bridgeWatch;
    private boolean reading;
    private boolean dirty;
    private int generation;

    public LocalContainersViewModel(RunBackend backend, TaskRunner tasks, Executor ui) {
        this.backend = backend;
        this.tasks = tasks;
        this.ui = ui;
    }

    /** Shows the containers of this connection (null: none, e.g. not connected). Call on the UI thread. */
    public void show(Connection conn) {
        if (Objects.equals(conn, connection.get())) {
            return;
        }
        stopWatches();
        generation++;
        connection.set(conn);
        containers = List.of();
        bridgeObjects.clear();
        mountObjects.clear();
        problem.set(null);
        message.set("");
        rebuild();
        if (conn == null) {
            return;
        }
        int gen = generation;
        engineWatch = backend.watchEngine(() -> ui.execute(() -> {
            if (gen == generation) {
                refresh();
            }
        }), error -> ui.execute(() -> {
            if (gen == generation) {
                LOG.info("Engine event stream ended ({}); reading the list once more", error.toString());
                message.set("Live updates from the engine stopped; press Refresh to update the list.");
                refresh();
            }
        }));
        try {
            bridgeWatch = backend.watchBridges(conn, listener(gen, bridgeObjects, Bridge::name),
                    listener(gen, mountObjects, BridgeMount::name));
        } catch (RuntimeException e) {
            LOG.warn("Cannot watch bridges: {}", e.toString());
        }
        refresh();
    }

    /** The tunnel is down (with the reason), or up again (null): every bridge of this machine is flagged meanwhile. */
    public void tunnelDown(String reason) {
        if (!Objects.equals(reason, tunnelDown)) {
            tunnelDown = reason;
            rebuild();
        }
    }

    /** Reads the list again; while a read runs, at most one more follows. */
    public void refresh() {
        Connection conn = connection.get();
        if (conn == null) {
            return;
        }
        if (reading) {
            dirty = true;
            return;
        }
        reading = true;
        int gen = generation;
        tasks.runQuietly("Reading local containers", (p, c) -> backend.localContainers(conn), list -> {
            reading = false;
            if (gen == generation) {
                containers = list;
                rebuild();
            }
            again();
        }, error -> {
            reading = false;
            if (gen == generation) {
                problem.set(ErrorAdvice.explain(error, "the container engine"));
            }
            again();
        });
    }

    private void again() {
        if (dirty) {
            dirty = false;
            refresh();
        }
    }

    public void stop(LocalContainerItem item) {
        act("Stopping " + item.name(), () -> backend.stop(item.name(), STOP_GRACE));
    }

    public void restart(LocalContainerItem item) {
        Connection conn = connection.get();
        if (conn == null) {
            return;
        }
        tasks.run("Restarting " + item.name(), (p, c) -> backend.restart(conn, item.name(), STOP_GRACE), repointed -> {
            message.set(repointed.isEmpty() ? item.name() + " restarted and routed through Cargo"
                    : item.name() + " restarted; bridges re-pointed: " + String.join(", ", repointed));
            refresh();
        }, this::failed);
    }

    /** Removes the container and this machine's bridges that point at it. */
    public void remove(LocalContainerItem item) {
        Connection conn = connection.get();
        if (conn == null) {
            return;
        }
        tasks.run("Removing " + item.name(), backend.remove(conn, item.name()), removed -> {
            message.set(removed.isEmpty() ? item.name() + " removed"
                    : item.name() + " removed with " + removed.size() + " bridge(s): " + String.join(", ", removed));
            refresh();
        }, this::failed);
    }

    /**
     * True when unbridging {@code s} should offer to remove its mount too: Ponte on this machine
     * created the mount and no other bridge (of any user) uses it.
     */
    public boolean offersMountRemoval(BridgeState s) {
        Connection conn = connection.get();
        return conn != null && dev.ponte.core.lifecycle.UnbridgeOperation.offerMountRemoval(mountObjects.get(s.bridge().mount()),
                conn.clientId(), bridgeObjects.values().stream().filter(b -> b.mount().equals(s.bridge().mount())).toList(),
                s.bridge().name());
    }

    /** Deletes the bridge (and its mount when {@code removeMount}); the rows update from the watch. */
    public void unbridge(BridgeState s, boolean removeMount) {
        Connection conn = connection.get();
        if (conn == null) {
            return;
        }
        tasks.run("Unbridging " + s.workload() + " from " + s.bridge().clientContainer(),
                backend.unbridge(conn, s.bridge().name(), s.bridge().mount(), removeMount),
                done -> message.set(String.join("; ", done)), this::failed);
    }

    private void act(String title, Runnable action) {
        tasks.run(title, (p, c) -> {
            action.run();
            return null;
        }, ok -> refresh(), this::failed);
    }

    private void failed(Throwable error) {
        if (!(error instanceof java.util.concurrent.CancellationException)) {
            problem.set(ErrorAdvice.explain(error, "the container engine"));
        }
        refresh();
    }

    public void stopWatches() {
        if (engineWatch != null) {
            engineWatch.close();
            engineWatch = null;
        }
        if (bridgeWatch != null) {
            bridgeWatch.close();
            bridgeWatch = null;
        }
    }

    private <T> StreamListener<T> listener(int gen, Map<String, T> into, java.util.function.Function<T, String> key) {
        return new StreamListener<>() {
            @Override
            public void onChange(Change<T> change) {
                ui.execute(() -> {
                    if (gen != generation) {
                        return;
                    }
                    T item = change.item();
                    if (change.type() == Change.Type.DELETED) {
                        into.remove(key.apply(item));
                    } else {
                        into.put(key.apply(item), item);
                    }
                    rebuild();
                });
            }

            @Override
            public void onSynced() {
            }

            @Override
            public void onError(Throwable error) {
                LOG.info("Bridge watch failed: {}", error.toString());
            }
        };
    }

    private void rebuild() {
        Connection conn = connection.get();
        List<BridgeState> states = new ArrayList<>();
        Map<String, LocalContainer> byName = new LinkedHashMap<>();
        containers.forEach(c -> byName.put(c.name(), c));
        if (conn != null) {
            for (Bridge b : bridgeObjects.values()) {
                if (!conn.clientId().equals(b.client())) {
                    continue; // other users' bridges of shared mounts are theirs
                }
                states.add(new BridgeState(b, mountObjects.get(b.mount()), flag(b, byName.get(b.clientContainer()))));
            }
        }
        bridges.setAll(states);
        List<LocalContainerItem> rows = new ArrayList<>();
        for (LocalContainer c : containers) {
            rows.add(new LocalContainerItem(c, states.stream()
                    .filter(s -> c.name().equals(s.bridge().clientContainer())).toList()));
        }
        items.setAll(rows);
    }

    private String flag(Bridge b, LocalContainer local) {
        if (tunnelDown != null) {
            return "the tunnel is down: " + tunnelDown;
        }
        if (b.failed()) {
            return "the operator reports an error" + (b.message() == null ? "" : ": " + b.message());
        }
        if (local == null) {
            return "its local container " + b.clientContainer() + " is gone";
        }
        if (!local.running()) {
            return "its local container " + b.clientContainer() + " is " + local.state();
        }
        if (local.ip() != null && b.destinationIp() != null && !local.ip().equals(b.destinationIp())) {
            return "it points at " + b.destinationIp() + " but " + local.name() + " is at " + local.ip();
        }
        return null;
    }

    public ObservableList<LocalContainerItem> items() {
        return items;
    }

    /** This machine's bridges with their flags, for the workload rows, the status bar and the tray. */
    public ObservableList<BridgeState> bridges() {
        return bridges;
    }

    /** All mounts known in the cluster (shared ones included). */
    public Map<String, BridgeMount> mounts() {
        return java.util.Collections.unmodifiableMap(mountObjects);
    }

    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public void dismissProblem() {
        problem.set(null);
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** A listener for callers that only care that something changed (e.g. the status bar). */
    public void onBridgesChanged(Consumer<List<BridgeState>> listener) {
        bridges.addListener((javafx.collections.ListChangeListener<BridgeState>) c -> listener.accept(List.copyOf(bridges)));
    }
}
