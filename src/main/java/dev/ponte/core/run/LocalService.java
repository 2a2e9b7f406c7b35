package dev.ponte.core.run;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.lifecycle.UnbridgeOperation;
import dev.ponte.core.model.Change;
import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.TaskLauncher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local side of every live connection, kept current whatever the window shows: its containers (engine events
 * trigger a re-read, coalesced, one read at a time) and this machine's bridges and mounts (a watch), each bridge
 * flagged at once when its local container stops or goes, the tunnel is down or the operator reports an error.
 * It follows the {@link dev.ponte.core.connections.ConnectionService}: a connection that gets a tunnel is watched, one
 * that loses it is dropped. Stop, Restart, Remove and Unbridge run here too, through the {@link TaskLauncher}.
 *
 * <p>Thread-safe. Subscribers get every new state map on the thread that changed it, and must hand off.
 */
public final class LocalService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalService.class);
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final RunBackend backend;
    private final TaskLauncher tasks;
    private final Executor background;
    private final Object lock = new Object();
    private final Map<String, Watch> watches = new LinkedHashMap<>();
    private final List<Consumer<Map<String, LocalState>>> listeners = new CopyOnWriteArrayList<>();
    private Map<String, LocalState> states = Map.of();
    private boolean closed;

    public LocalService(RunBackend backend, TaskLauncher tasks, Executor background) {
        this.backend = backend;
        this.tasks = tasks;
        this.background = background;
    }

    /** The backend Run and the wizards use (same engine, same journal). */
    public RunBackend backend() {
        return backend;
    }


    /** Applies a connections snapshot: start or stop watches, pass on tunnel states. */
    public void connectionsChanged(ConnectionsSnapshot snapshot) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Set<String> live = new HashSet<>();
            for (ConnectionSnapshot c : snapshot.connections()) {
                Connection conn = c.connection();
                if (conn == null || !c.state().isUp()) {
                    continue;
                }
                live.add(conn.name());
                Watch w = watches.get(conn.name());
                if (w == null || !w.connection.equals(conn)) {
                    if (w != null) {
                        w.close();
                    }
                    w = new Watch(conn);
                    watches.put(conn.name(), w);
                    w.start();
                }
                w.tunnelDown(c.state() == ConnectionState.DOWN ? (c.health() == null ? "no answer" : c.health().reason()) : null);
            }
            for (String name : List.copyOf(watches.keySet())) {
                if (!live.contains(name)) {
                    watches.remove(name).close();
                }
            }
            publish();
        }
    }

    public Map<String, LocalState> states() {
        synchronized (lock) {
            return states;
        }
    }

    /** The local side of one connection (by name), or null while it is not watched. */
    public LocalState state(String connection) {
        return states().get(connection);
    }

    /** Gets the current states at once, then every change. */
    public Subscription subscribe(Consumer<Map<String, LocalState>> listener) {
        synchronized (lock) {
            listeners.add(listener);
            listener.accept(states);
        }
        return () -> listeners.remove(listener);
    }

    /** Reads the containers again; a bridge watch that failed or cannot be trusted is opened again too. */
    public void refresh(String connection) {
        synchronized (lock) {
            Watch w = watches.get(connection);
            if (w != null) {
                if (!w.stale.isEmpty()) {
                    w.rewatchBridges();
                }
                w.refresh();
            }
        }
    }

    public void stop(String connection, String container) {
        act(connection, "Stopping " + container, (p, c) -> {
            backend.stop(container, STOP_GRACE);
            return container + " stopped";
        });
    }

    public void restart(String connection, String container) {
        Connection conn = connection(connection);
        if (conn != null) {
            act(connection, "Restarting " + container, (p, c) -> {
                List<String> repointed = backend.restart(conn, container, STOP_GRACE);
                return repointed.isEmpty() ? container + " restarted and routed through Cargo"
                        : container + " restarted; bridges re-pointed: " + String.join(", ", repointed);
            });
        }
    }

    /** Removes the container and this machine's bridges that point at it. */
    public void remove(String connection, String container) {
        Connection conn = connection(connection);
        if (conn != null) {
            Operation<List<String>> op = backend.remove(conn, container);
            act(connection, "Removing " + container, (p, c) -> {
                List<String> removed = op.run(p, c);
                return removed.isEmpty() ? container + " removed"
                        : container + " removed with " + removed.size() + " bridge(s): " + String.join(", ", removed);
            });
        }
    }

    /**
     * True when unbridging {@code s} should offer to remove its mount too: Ponte on this machine created the mount
     * and no other bridge (of any user) uses it.
     */
    public boolean offersMountRemoval(String connection, BridgeState s) {
        synchronized (lock) {
            Watch w = watches.get(connection);
            return w != null && UnbridgeOperation.offerMountRemoval(w.mounts.get(s.bridge().mount()), w.connection.clientId(),
                    w.bridges.values().stream().filter(b -> b.mount().equals(s.bridge().mount())).toList(), s.bridge().name());
        }
    }

    /** Deletes the bridge (and its mount when {@code removeMount}); the rows update from the watch. */
    public void unbridge(String connection, BridgeState s, boolean removeMount) {
        Connection conn = connection(connection);
        if (conn != null) {
            Operation<List<String>> op = backend.unbridge(conn, s.bridge().name(), s.bridge().mount(), removeMount);
            act(connection, "Unbridging " + s.workload() + " from " + s.bridge().clientContainer(), LocalService::explainUnbridge,
                    (p, c) -> String.join("; ", op.run(p, c)));
        }
    }

    /** Unbridge by the bridge's name, in whichever connection has it (the tray), keeping its mount. */
    public void unbridge(String bridgeName) {
        synchronized (lock) {
            for (var e : states.entrySet()) {
                for (BridgeState s : e.getValue().bridges()) {
                    if (s.bridge().name().equals(bridgeName)) {
                        unbridge(e.getKey(), s, false);
                        return;
                    }
                }
            }
        }
    }

    public void dismissProblem(String connection) {
        synchronized (lock) {
            Watch w = watches.get(connection);
            if (w != null) {
                w.problem = null;
                w.rebuild();
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            watches.values().forEach(Watch::close);
            watches.clear();
        }
    }

    private Connection connection(String name) {
        synchronized (lock) {
            Watch w = watches.get(name);
            return w == null ? null : w.connection;
        }
    }

    /** What a failed Unbridge shows: it talks to the cluster, and does not retry by itself. */
    public static dev.ponte.core.task.Problem explainUnbridge(Throwable error) {
        return ErrorAdvice.explainOperation(error, "the cluster", "press Unbridge again to finish it");
    }

    private void act(String connection, String title, Operation<String> op) {
        act(connection, title, e -> ErrorAdvice.explainOperation(e, "the container engine", "try again from the list"), op);
    }

    /** @param explain words a failure the way its action warrants (Unbridge talks to the cluster) */
    private void act(String connection, String title, Function<Throwable, dev.ponte.core.task.Problem> explain,
                     Operation<String> op) {
        tasks.launch(title, op, message -> {
            synchronized (lock) {
                Watch w = watches.get(connection);
                if (w != null) {
                    w.message = message;
                    w.refresh();
                }
            }
        }, error -> {
            synchronized (lock) {
                Watch w = watches.get(connection);
                if (w != null) {
                    if (!(error instanceof CancellationException)) {
                        w.problem = explain.apply(error);
                    }
                    w.refresh();
                }
            }
        });
    }

    private void publish() {
        Map<String, LocalState> next = new LinkedHashMap<>();
        watches.forEach((k, w) -> next.put(k, w.state));
        states = java.util.Collections.unmodifiableMap(next);
        for (Consumer<Map<String, LocalState>> l : listeners) {
            try {
                l.accept(states);
            } catch (RuntimeException e) {
                LOG.error("A local-containers listener failed", e);
            }
        }
    }

    /** One connection's watches and what they found; touched under the service's lock. */
    private final class Watch {
        final Connection connection;
        final Map<String, Bridge> bridges = new LinkedHashMap<>();
        final Map<String, BridgeMount> mounts = new LinkedHashMap<>();
        List<LocalContainer> containers = List.of();
        String tunnelDown;
        dev.ponte.core.task.Problem problem;
        String message = "";
        /** Why the bridges may be out of date (their watch failed or went quiet), or empty. */
        String stale = "";
        LocalState state;
        Subscription engineWatch;
        Subscription bridgeWatch;
        boolean reading;
        boolean dirty;
        boolean closed;

        Watch(Connection connection) {
            this.connection = connection;
            this.state = new LocalState(connection, List.of(), List.of(), Map.of(), null, "");
        }

        void start() {
            // Opening the engine's event stream and the cluster's watch is I/O: in the background.
            background.execute(() -> {
                Subscription events = null;
                Subscription watch = null;
                try {
                    events = backend.watchEngine(() -> locked(this::refresh), error -> locked(() -> {
                        LOG.info("Engine event stream of {} ended ({}); reading the list once more", connection.name(),
                                error.toString());
                        message = "Live updates from the engine stopped; press Refresh to update the list.";
                        refresh();
                    }));
                } catch (RuntimeException e) {
                    locked(() -> problem = ErrorAdvice.explain(e, "the container engine"));
                }
                watch = openBridgeWatch();
                Subscription ev = events;
                Subscription bw = watch;
                synchronized (lock) {
                    if (closed) {
                        close(ev);
                        close(bw);
                        return;
                    }
                    engineWatch = ev;
                    bridgeWatch = bw;
                    refresh();
                }
            });
        }

        /** Opens the bridge and mount watch (I/O: call in the background); null when the cluster refused, which {@link #stale} then says. */
        private Subscription openBridgeWatch() {
            try {
                return backend.watchBridges(connection, listener(bridges, Bridge::name), listener(mounts, BridgeMount::name));
            } catch (RuntimeException e) {
                dev.ponte.core.task.Problem p = ErrorAdvice.explain(e, "the cluster");
                LOG.warn("Cannot watch the bridges of {}: {}", connection.name(), p.detail());
                locked(() -> {
                    stale = "Bridges are not watched: " + p.title() + ". Press Refresh to try again.";
                    rebuild();
                });
                return null;
            }
        }

        /** Refresh of a failed or quiet bridge watch: a new one lists everything again. Under the lock. */
        void rewatchBridges() {
            Subscription old = bridgeWatch;
            bridgeWatch = null;
            close(old);
            bridges.clear();
            mounts.clear();
            stale = "";
            rebuild();
            background.execute(() -> {
                Subscription fresh = openBridgeWatch();
                synchronized (lock) {
                    if (closed || bridgeWatch != null) {
                        close(fresh);
                    } else {
                        bridgeWatch = fresh;
                    }
                }
            });
        }

        void tunnelDown(String reason) {
            if (!Objects.equals(reason, tunnelDown)) {
                tunnelDown = reason;
                rebuild();
            }
        }

        /** Reads the list again; while a read runs, at most one more follows. Under the lock. */
        void refresh() {
            if (closed) {
                return;
            }
            if (reading) {
                dirty = true;
                return;
            }
            reading = true;
            background.execute(() -> {
                List<LocalContainer> list = null;
                RuntimeException failure = null;
                try {
                    list = backend.localContainers(connection);
                } catch (RuntimeException e) {
                    failure = e;
                }
                List<LocalContainer> got = list;
                RuntimeException failed = failure;
                locked(() -> {
                    reading = false;
                    if (got != null) {
                        containers = got;
                    } else {
                        problem = ErrorAdvice.explain(failed, "the container engine");
                    }
                    rebuild();
                    if (dirty) {
                        dirty = false;
                        refresh();
                    }
                });
            });
        }

        void rebuild() {
            if (closed) {
                return;
            }
            Map<String, LocalContainer> byName = new LinkedHashMap<>();
            containers.forEach(c -> byName.put(c.name(), c));
            List<BridgeState> states = new ArrayList<>();
            for (Bridge b : bridges.values()) {
                if (connection.clientId() != null && connection.clientId().equals(b.client())) {
                    // other users' bridges of shared mounts are theirs
                    states.add(new BridgeState(b, mounts.get(b.mount()), BridgeFlags.flag(b, byName.get(b.clientContainer()), tunnelDown)));
                }
            }
            state = new LocalState(connection, containers, states, mounts, problem, message, stale);
            publish();
        }

        private <T> StreamListener<T> listener(Map<String, T> into, Function<T, String> key) {
            return new StreamListener<>() {
                @Override
                public void onChange(Change<T> change) {
                    locked(() -> {
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
                    LOG.info("Bridge watch of {} failed: {}", connection.name(), error.toString());
                    locked(() -> {
                        stale = "Live updates of bridges stopped: " + ErrorAdvice.explain(error, "the cluster").title()
                                + ". Press Refresh to watch them again.";
                        rebuild();
                    });
                }

                @Override
                public void onStale(java.time.Instant since, Throwable cause) {
                    locked(() -> {
                        stale = dev.ponte.core.task.Staleness.message("Bridges", since, cause, "the cluster");
                        rebuild();
                    });
                }

                @Override
                public void onCurrent() {
                    locked(() -> {
                        stale = "";
                        rebuild();
                    });
                }
            };
        }

        void close() {
            closed = true;
            close(engineWatch);
            close(bridgeWatch);
        }

        private void close(Subscription s) {
            if (s != null) {
                background.execute(s::close);
            }
        }

        private void locked(Runnable r) {
            synchronized (lock) {
                if (!closed) {
                    r.run();
                }
            }
        }
    }
}
