package dev.ponte.core.connections;

import dev.ponte.core.connections.ConnectionSnapshot.Action;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.SubnetPicker;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.health.TunnelMonitor;
import dev.ponte.core.lifecycle.DownOperation;
import dev.ponte.core.port.Clusters;
import dev.ponte.core.port.Engines;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.Diagnostics;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.OperationCancelledException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.StepEvent;
import dev.ponte.core.task.TaskLauncher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every connection of this machine, across all kube contexts, whatever screen is open: the window, the tray and the
 * command line all subscribe here and send their commands here. Each connection has an explicit state machine
 * ({@link ConnectionState}), its own health watch while it has a tunnel, and its operation (Connect, Disconnect,
 * Reconnect, Clean up), run through the {@link TaskLauncher}. At start, {@link #reconcile()} compares the journal with
 * the engines and clusters and offers Resume or Clean up for what an earlier run left.
 *
 * <p>Thread-safe; commands may come from any thread. Subscribers get each new snapshot on the thread that made the
 * change, in order (the service delivers under its lock): they must hand off to their own thread and not block.
 */
public final class ConnectionService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionService.class);
    /** Health samples kept for the sparkline. */
    public static final int SPARK_POINTS = 60;

    /**
     * @param reconnectAfter how long a tunnel must be Down before Reconnect is offered
     * @param retryPending   how long until a context whose cluster did not answer at the reconcile is asked again
     */
    public record Options(Duration stepTimeout, TunnelMonitor.Settings health, Duration reconnectAfter,
                          Duration retryPending, Supplier<SubnetPicker> picker) {
        public static Options defaults() {
            return new Options(Duration.ofMinutes(3), TunnelMonitor.Settings.DEFAULT, Duration.ofSeconds(30),
                    Duration.ofSeconds(30), SubnetPicker::forThisHost);
        }

        public Options withStepTimeout(Duration d) {
            return new Options(d, health, reconnectAfter, retryPending, picker);
        }

        public Options withHealth(TunnelMonitor.Settings h) {
            return new Options(stepTimeout, h, reconnectAfter, retryPending, picker);
        }

        public Options withPicker(Supplier<SubnetPicker> p) {
            return new Options(stepTimeout, health, reconnectAfter, retryPending, p);
        }

        public Options withReconnectAfter(Duration d) {
            return new Options(stepTimeout, health, d, retryPending, picker);
        }
    }

    private final Engines engines;
    private final Clusters clusters;
    private final ConnectionSettings settings;
    private final Journal journal;
    private final TaskLauncher tasks;
    private final Executor background;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Options options;
    private final ConnectionOperations operations;

    private final Object lock = new Object();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<Consumer<ConnectionsSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private ConnectionsSnapshot snapshot = ConnectionsSnapshot.EMPTY;
    private boolean reconciled;
    private boolean closed;

    public ConnectionService(Engines engines, Clusters clusters, ConnectionSettings settings, Journal journal,
                             TaskLauncher tasks, Executor background, Scheduler scheduler, Clock clock, Options options) {
        this.engines = engines;
        this.clusters = clusters;
        this.settings = settings;
        this.journal = journal;
        this.tasks = tasks;
        this.background = background;
        this.scheduler = scheduler;
        this.clock = clock;
        this.options = options;
        this.operations = new ConnectionOperations(engines, clusters, settings, journal, clock, options.stepTimeout(),
                options.picker());
    }

    // --- queries -------------------------------------------------------------------------------------------

    public ConnectionsSnapshot snapshot() {
        synchronized (lock) {
            return snapshot;
        }
    }

    /** Gets the current snapshot at once, then every new one. */
    public Subscription subscribe(Consumer<ConnectionsSnapshot> listener) {
        synchronized (lock) {
            listeners.add(listener);
            safely(listener, snapshot);
        }
        return () -> listeners.remove(listener);
    }

    /** The journal (the crash tests listen to it; the command line's {@code clean} reads it). */
    public Journal journal() {
        return journal;
    }

    /** What Connect will create for the context, in words, before anything changes. */
    public String plan(String context) {
        Journal.Identity id = journal.knownIdentity(context).orElseGet(() -> new Journal.Identity(context,
                ConnectionNames.forContext(context), ConnectionNames.clientId(settings.machine(), ConnectionNames.forContext(context))));
        return "Connect will create, if missing — in the cluster: namespace gefyra with Gefyra's operator and Stowaway "
                + "(WireGuard, UDP " + settings.cargoEndpoint(context) + "), and a GefyraClient for this connection ("
                + id.clientId() + "); locally: the network gefyra-network-" + id.connection()
                + " and the Cargo container. Disconnect removes them again.";
    }

    // --- commands ------------------------------------------------------------------------------------------

    /** Makes the context known (the window selected it): looked up by the reconcile, else "not connected". */
    public void show(String context) {
        synchronized (lock) {
            if (context != null && !entries.containsKey(context)) {
                entry(context);
                publish();
            }
        }
    }

    public void connect(String context) {
        connect(context, () -> { });
    }

    /** @param first journal work that must come before the operation's own, done on its thread */
    private void connect(String context, Runnable first) {
        synchronized (lock) {
            Entry e = entry(context);
            if (!actions(e).contains(Action.CONNECT) && !actions(e).contains(Action.RESUME)) {
                LOG.info("Connect {} ignored in state {}", context, e.state);
                return;
            }
            journal.knownIdentity(context).ifPresent(id -> {
                e.name = id.connection();
                e.clientId = id.clientId();
            });
            launch(e, "Connect " + context, "Connect", ConnectionState.CONNECTING, () -> {
                first.run();
                // New names are recorded here, on the operation's thread: finding this machine's name may wait on DNS
                // and the journal is a file; neither belongs on the caller's (the UI's) thread.
                Journal.Identity id = journal.identity(context, settings.machine());
                synchronized (lock) {
                    e.name = id.connection();
                    e.clientId = id.clientId();
                }
            }, (sink, op) -> operations.up(context, journal.knownIdentity(context).orElseThrow(), op, sink), this::connected);
        }
    }

    /** Disconnect (and with {@code uninstall}, remove Gefyra from the cluster). */
    public void disconnect(String context, boolean uninstall) {
        synchronized (lock) {
            Entry e = entries.get(context);
            if (e == null || !actions(e).contains(uninstall ? Action.UNINSTALL : Action.DISCONNECT)) {
                return;
            }
            stopHealth(e);
            Connection conn = e.connection != null ? e.connection : Connection.named(e.name, context, e.clientId);
            String title = (uninstall ? "Disconnect and uninstall " : "Disconnect ") + context;
            List<String> strays = e.strays;
            boolean byUs = e.installedByUs;
            launch(e, title, "Disconnect", ConnectionState.DISCONNECTING, () -> { },
                    (sink, op) -> operations.down(context, conn, uninstall, e.engineEndpoint, strays, byUs, op, sink),
                    this::disconnected);
        }
    }

    /** Clean up what an earlier run left (Disconnect of the found parts; an install this connection started goes too if nobody else uses it). */
    public void cleanUp(String context) {
        synchronized (lock) {
            Entry e = entries.get(context);
            if (e == null || !actions(e).contains(Action.CLEAN_UP)) {
                return;
            }
            if (e.state.isUp() && !e.interruptedOps.isEmpty()) {
                cleanParts(e);
                return;
            }
            stopHealth(e);
            Connection conn = e.connection != null ? e.connection : Connection.named(e.name, e.contextOrNull(), e.clientId);
            List<String> strays = e.strays;
            boolean byUs = e.installedByUs;
            String name = e.name;
            launch(e, "Clean up " + e.context, "Clean up", ConnectionState.DISCONNECTING,
                    () -> journal.endedAll(name), // this Clean up takes over from what was interrupted
                    (sink, op) -> operations.down(e.contextOrNull(), conn, false, e.engineEndpoint, strays, byUs, op, sink),
                    this::disconnected);
        }
    }

    /**
     * Resume what an earlier run left: re-attach when the tunnel stands, else connect again (reusing what is there).
     * For a Run, Bridge or Unbridge interrupted inside a standing connection: keep what it made as it is.
     */
    public void resume(String context) {
        String name;
        synchronized (lock) {
            Entry e = entries.get(context);
            if (e == null || !actions(e).contains(Action.RESUME)) {
                return;
            }
            if (e.state.isUp() && !e.interruptedOps.isEmpty()) {
                List<String> ids = e.interruptedOps.stream().map(i -> i.running().id()).toList();
                background.execute(() -> ids.forEach(journal::ended)); // a file: not on the caller's thread
                e.result = "Kept what the interrupted " + e.interruptedOps.getFirst().running().operation() + " made: "
                        + e.interruptedOps.getFirst().leftovers().summary();
                e.interruptedOps = List.of();
                publish();
                return;
            }
            name = e.name;
            if (e.leftovers != null && e.leftovers.complete() && e.connection != null) {
                background.execute(() -> journal.endedAll(name)); // the resumed connection takes over
                e.leftovers = null;
                e.result = "Resumed: watching the tunnel again";
                move(e, ConnectionState.CONNECTED);
                startHealth(e);
                publish();
                return;
            }
        }
        connect(context, () -> journal.endedAll(name)); // the resumed connection takes over from what was interrupted
    }

    /** A new Cargo for the same client and subnet, when the tunnel stays down. */
    public void reconnect(String context) {
        synchronized (lock) {
            Entry e = entries.get(context);
            if (e == null || !actions(e).contains(Action.RECONNECT)) {
                return;
            }
            stopHealth(e);
            Journal.Identity id = new Journal.Identity(context, e.name, e.clientId);
            launch(e, "Reconnect " + context, "Reconnect", ConnectionState.CONNECTING, () -> { },
                    (sink, op) -> operations.reconnect(context, id, op, sink), this::connected);
        }
    }

    /**
     * Applies an MTU to the context's connection (the diagnostics' suggestion; upstream's {@code --mtu}): remembered for
     * every later Connect, and while a tunnel stands a Reconnect makes Cargo (its WireGuard config's {@code MTU =}) and
     * the network ({@code com.docker.network.driver.mtu}) anew with it, routing the containers on it through the new
     * Cargo again. Without a tunnel it only takes effect at the next Connect.
     *
     * @return false when the connection cannot take it now (busy, or made by the gefyra CLI)
     */
    public boolean applyMtu(String context, int mtu) {
        if (mtu < 576 || mtu > 9000) {
            throw new IllegalArgumentException("MTU " + mtu + " is out of range (576 to 9000)");
        }
        synchronized (lock) {
            Entry e = entry(context);
            if (e.state.isBusy() || e.running != null || e.byCli) {
                return false;
            }
            settings.mtu(context, java.util.OptionalInt.of(mtu));
            if (!e.state.isUp() || e.clientId == null || e.name == null) {
                e.result = "MTU " + mtu + " will be used from the next Connect.";
                publish();
                return true;
            }
            stopHealth(e);
            Journal.Identity id = new Journal.Identity(context, e.name, e.clientId);
            launch(e, "Apply MTU " + mtu + " to " + context, "Reconnect", ConnectionState.CONNECTING, () -> { },
                    (sink, op) -> operations.reconnect(context, id, op, sink), this::connected);
            return true;
        }
    }

    /** Cancels the running operation: it undoes what it created, the state says "Cancelling" until it has. */
    public void cancel(String context) {
        synchronized (lock) {
            Entry e = entries.get(context);
            if (e == null || e.running == null || !actions(e).contains(Action.CANCEL)) {
                return;
            }
            move(e, ConnectionState.CANCELLING);
            e.running.cancel();
            publish();
        }
    }

    /** Cancels every running operation (quit: "cancel and undo"). */
    public void cancelAll() {
        synchronized (lock) {
            List.copyOf(entries.keySet()).forEach(this::cancel);
        }
    }

    /** The machine woke up or the network changed: check every tunnel now. */
    public void checkNow() {
        synchronized (lock) {
            entries.values().stream().filter(e -> e.watch != null).forEach(e -> e.watch.sampleNow());
        }
    }

    /**
     * At start, off the UI thread: reads the journal against the engines and the clusters, attaches health to
     * connections that stand, marks what an earlier run left as INTERRUPTED (Resume / Clean up), removes the
     * throw-away networks of an interrupted subnet search, and asks again later for contexts whose cluster did not
     * answer.
     */
    public void reconcile() {
        background.execute(() -> reconcileNow(null));
    }

    /**
     * The journal changed in another process (the command line connected, disconnected or cleaned up; another
     * window): looks at every connection again, like the start-up reconcile. Connections made elsewhere appear,
     * connections taken apart elsewhere leave, and one being worked on elsewhere is left until that work ends.
     */
    public void journalChangedElsewhere() {
        background.execute(() -> reconcileNow(null));
    }

    private void reconcileNow(String only) {
        long t0 = System.nanoTime();
        List<Reconciler.Found> found;
        try {
            found = new Reconciler(engines, clusters, settings, journal).run(only);
        } catch (RuntimeException e) {
            LOG.warn("Reconcile failed: {}", ErrorAdvice.explain(e, "the container engine").detail());
            found = List.of();
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            for (Reconciler.Found f : found) {
                apply(f);
            }
            if (only == null) {
                reconciled = true;
                for (Entry e : entries.values()) {
                    if (e.state == ConnectionState.UNKNOWN) {
                        move(e, ConnectionState.NOT_CONNECTED);
                    }
                }
            }
            publish();
        }
        LOG.info("Reconcile{} took {} ms: {} connection(s) found", only == null ? "" : " of " + only,
                (System.nanoTime() - t0) / 1_000_000, found.size());
    }

    /** Stops every health watch (operations in flight keep running on the task layer until the app ends). */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            entries.values().forEach(this::stopHealth);
        }
    }

    // --- internals -----------------------------------------------------------------------------------------

    private void apply(Reconciler.Found f) {
        String context = f.context() != null ? f.context() : "gefyra:" + f.name();
        Entry e = entry(context);
        if (e.state.isBusy() || e.running != null) {
            return; // the user started something meanwhile: that operation owns the connection now
        }
        if (f.leftovers().isEmpty()) {
            // Only journal entries of things that never came to exist (or were removed by hand): forget them.
            journal.removedAll(x -> f.name().equals(x.connection()));
            journal.endedAll(f.name());
            if (e.state.isUp() || e.state == ConnectionState.INTERRUPTED) {
                // Another Ponte (the command line, a second window) disconnected or cleaned it up meanwhile.
                stopHealth(e);
                e.connection = null;
                e.leftovers = null;
                e.interruptedOps = List.of();
                e.result = "Disconnected elsewhere (by the command line or another Ponte): nothing of it is left.";
                move(e, ConnectionState.NOT_CONNECTED);
            } else if (e.state == ConnectionState.UNKNOWN) {
                move(e, ConnectionState.NOT_CONNECTED);
            }
            return;
        }
        f.ghosts().forEach(g -> journal.removed(g.kind(), g.where(), g.name()));
        List<Reconciler.Interrupted> ops = new ArrayList<>();
        for (Reconciler.Interrupted i : f.operations()) {
            if (i.leftovers().isEmpty()) {
                journal.ended(i.running().id()); // it had made nothing that is still there
            } else {
                ops.add(i);
            }
        }
        e.interruptedOps = List.copyOf(ops);
        e.name = f.name();
        e.clientId = f.clientId();
        e.byCli = f.byGefyraCli();
        e.engineEndpoint = f.engineEndpoint();
        e.strays = f.strays();
        e.installedByUs = f.installedByUs();
        if (f.context() != null && !f.byGefyraCli()) {
            journal.adopt(new Journal.Identity(f.context(), f.name(), f.clientId()));
        }
        if (f.leftovers().complete() && f.connection() != null) {
            forgetInstall(e);
            e.connection = f.connection();
            e.leftovers = null;
            if (!e.state.isUp()) {
                move(e, ConnectionState.CONNECTED);
                startHealth(e);
            }
        } else {
            if (e.state.isUp()) {
                stopHealth(e); // taken apart elsewhere, and not completely
                move(e, ConnectionState.NOT_CONNECTED);
            }
            e.connection = f.connection();
            e.leftovers = f.leftovers();
            move(e, ConnectionState.INTERRUPTED);
            if (!f.leftovers().clusterChecked() && f.context() != null) {
                scheduler.schedule(options.retryPending(), () -> reconcileNow(f.name()));
            }
        }
    }

    private interface OperationFactory<T> {
        Operation<T> make(Consumer<StepEvent> steps, String journalId);
    }

    /** Removes the parts an interrupted Run, Bridge or Unbridge left; the connection's own state does not change. */
    private void cleanParts(Entry e) {
        List<Reconciler.Interrupted> ops = e.interruptedOps;
        Leftovers all = new Leftovers(ops.stream().flatMap(i -> i.leftovers().parts().stream()).toList(),
                ops.getFirst().running().operation(), false, true, "Ponte");
        e.result = "Cleaning up what the interrupted " + all.interrupted() + " left…";
        long gen = e.generation;
        String name = e.name;
        String context = e.contextOrNull();
        String clientId = e.clientId;
        java.util.concurrent.atomic.AtomicReference<String> started = new java.util.concurrent.atomic.AtomicReference<>();
        tasks.launch("Clean up " + e.context, (progress, cancel) -> {
            started.set(journal.started(name, context, "Clean up parts")); // on the operation's thread: a file
            return operations.cleanParts(context, name, clientId, all, started.get(), step -> onStep(e, gen, step))
                    .run(progress, cancel);
        }, removed -> {
            String journalId = started.get();
            synchronized (lock) {
                journal.ended(journalId);
                ops.forEach(i -> journal.ended(i.running().id()));
                e.interruptedOps = List.of();
                e.result = "Cleaned up: " + String.join(", ", removed) + ". Nothing left.";
                publish();
            }
        }, error -> {
            String journalId = started.get();
            synchronized (lock) {
                journal.ended(journalId);
                e.problem = ErrorAdvice.explain(error, e.context);
                e.diagnostics = Diagnostics.of("Clean up " + e.context, e.problem, e.steps, error);
                publish();
            }
        });
        publish();
    }

    private interface Done<T> {
        void accept(Entry e, T result);
    }

    /** Starts an operation for the entry; its steps and outcome update the entry (and only while it is still its own). */
    private <T> void launch(Entry e, String title, String kind, ConnectionState busy, Runnable first, OperationFactory<T> factory,
                            Done<T> ok) {
        long gen = ++e.generation;
        e.steps.clear();
        e.problem = null;
        e.result = "";
        e.undoing = "";
        e.diagnostics = "";
        e.operation = title;
        move(e, busy);
        // The service's own token, in place before the operation starts (a launcher may run it inline), passed on
        // to the launcher's token inside the operation.
        dev.ponte.core.task.CancellationToken token = new dev.ponte.core.task.CancellationToken();
        e.running = token::cancel;
        java.util.concurrent.atomic.AtomicReference<String> started = new java.util.concurrent.atomic.AtomicReference<>();
        tasks.launch(title, (progress, cancel) -> {
            token.onCancel(cancel::cancel);
            // The journal is a file: it is written here, on the operation's thread, before anything is created.
            first.run();
            String name;
            String context;
            synchronized (lock) {
                name = e.name;
                context = e.contextOrNull();
            }
            started.set(journal.started(name, context, kind));
            // The window and the command line share the journal: only one of them works on a connection at a time.
            Optional<Journal.Running> other = name == null ? Optional.empty() : journal.busyElsewhere(name);
            if (other.isPresent()) {
                throw new dev.ponte.core.task.PonteException(new Problem(Problem.Kind.REFUSED, "Busy in another Ponte",
                        "Another Ponte process (the window or the command line) runs " + other.get().operation() + " on "
                                + name + " right now (since " + other.get().started() + ").",
                        "Wait until it has finished (or cancel it there), then try again."));
            }
            return factory.make(step -> onStep(e, gen, step), started.get()).run(new Reporting(progress, e, gen), cancel);
        }, result -> {
            String journalId = started.get();
            synchronized (lock) {
                journal.ended(journalId);
                if (gen == e.generation) {
                    e.running = null;
                    ok.accept(e, result);
                    publish();
                }
            }
        }, error -> {
            String journalId = started.get();
            synchronized (lock) {
                journal.ended(journalId);
                if (gen == e.generation) {
                    e.running = null;
                    failed(e, title, error);
                    publish();
                    if (!wasDisconnect(e) && e.name != null) {
                        // What a failed attempt could not undo shows up as leftovers (Clean up), found as at start.
                        String n = e.name;
                        background.execute(() -> reconcileNow(n));
                    }
                }
            }
        });
        publish();
    }

    private void connected(Entry e, Connection conn) {
        // Gefyra stays installed once a connection stands (as upstream's down leaves it): no longer this one's leftover.
        forgetInstall(e);
        e.connection = conn;
        e.leftovers = null;
        e.result = "Connected: " + conn.networkName() + ", Cargo at " + conn.cargoIp();
        move(e, ConnectionState.CONNECTED);
        startHealth(e);
    }

    private void forgetInstall(Entry e) {
        e.installedByUs = false;
        journal.removedAll(x -> x.kind() == Journal.Kind.INSTALL && e.name.equals(x.connection()));
    }

    private void disconnected(Entry e, DownOperation.Report report) {
        e.connection = null;
        e.leftovers = null;
        e.health = null;
        e.traffic.clear();
        e.strays = List.of();
        e.installedByUs = false;
        journal.removedAll(x -> e.name.equals(x.connection()));
        e.result = "Nothing left: removed " + report.removed().size() + " things (" + String.join(", ", report.removed()) + ").";
        move(e, ConnectionState.NOT_CONNECTED);
    }

    private void failed(Entry e, String title, Throwable error) {
        ConnectionState was = e.state;
        if (error instanceof CancellationException c) {
            List<String> undone = c instanceof OperationCancelledException o ? o.undone() : List.of();
            List<String> left = c instanceof OperationCancelledException o ? o.left() : List.of();
            if (left.isEmpty() && !wasDisconnect(e)) {
                e.connection = null;
                e.result = "Cancelled. " + (undone.isEmpty() ? "Nothing had been created." : "Undone: " + String.join(", ", undone) + ".");
                move(e, ConnectionState.NOT_CONNECTED);
                return;
            }
            e.problem = new Problem(Problem.Kind.CANCELLED, "Cancelled; some parts are left",
                    left.isEmpty() ? "Disconnect stopped before it had removed everything." : "Could not undo: " + String.join("; ", left) + ".",
                    "Press Disconnect (or Clean up) to remove what is left.");
        } else if (error instanceof DownOperation.LeftoversException left) {
            e.problem = new Problem(Problem.Kind.UNKNOWN, "Some things could not be removed",
                    "Still there: " + String.join(", ", left.leftovers()) + "."
                            + (left.reasons().isEmpty() ? "" : " Why: " + sentence(String.join("; ", left.reasons()))),
                    "Press Disconnect again: it retries only what is left. By hand: " + Manual.commands(left.leftovers()));
        } else {
            Problem p = ErrorAdvice.explain(error, "the cluster of " + e.context);
            e.problem = p.retryable() ? new Problem(p.kind(), p.title(), p.detail(), was == ConnectionState.DISCONNECTING
                    ? "Press Disconnect again to retry; if it keeps failing, use Copy diagnostics."
                    : "Ponte removed what this attempt created. Press Connect to try again; if it keeps failing, use Copy diagnostics.")
                    : p;
        }
        e.diagnostics = Diagnostics.of(title, e.problem, e.steps, error);
        if (e.connection == null && e.name != null && wasDisconnect(e)) {
            e.connection = Connection.named(e.name, e.contextOrNull(), e.clientId); // keep Disconnect on offer
        }
        move(e, ConnectionState.FAILED);
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    private boolean wasDisconnect(Entry e) {
        return e.operation.startsWith("Disconnect") || e.operation.startsWith("Clean up");
    }

    private void onStep(Entry e, long gen, StepEvent step) {
        synchronized (lock) {
            if (gen != e.generation) {
                return;
            }
            int i = step.index() - 1;
            while (e.steps.size() <= i) {
                e.steps.add(null);
            }
            e.steps.set(i, step);
            publish();
        }
    }

    /** The launcher's progress, plus what is being undone for the entry's "Cancelling — undoing …". */
    private final class Reporting implements Progress {
        private final Progress inner;
        private final Entry e;
        private final long gen;

        Reporting(Progress inner, Entry e, long gen) {
            this.inner = inner;
            this.e = e;
            this.gen = gen;
        }

        @Override
        public void step(String name, int index, int total) {
            inner.step(name, index, total);
        }

        @Override
        public void message(String text) {
            inner.message(text);
        }

        @Override
        public void undoing(int remaining, String what) {
            inner.undoing(remaining, what);
            synchronized (lock) {
                if (gen == e.generation) {
                    e.undoing = remaining == 0 ? "" : "undoing " + remaining + (remaining == 1 ? " step" : " steps") + ": " + what;
                    publish();
                }
            }
        }
    }

    private void startHealth(Entry e) {
        long gen = e.generation;
        Connection conn = e.connection;
        String context = e.contextOrNull();
        String endpoint = e.engineEndpoint;
        background.execute(() -> {
            TunnelWatch w;
            try {
                var engine = endpoint == null ? engines.open() : engines.open(endpoint);
                var session = context == null ? null : openQuietly(context);
                w = TunnelWatch.start(engine, session, conn, scheduler, clock, options.health(), h -> onHealth(e, gen, h));
            } catch (RuntimeException ex) {
                Problem p = ErrorAdvice.explain(ex, "the container engine");
                LOG.warn("Cannot watch the tunnel of {}: {}", conn.name(), p.detail());
                synchronized (lock) {
                    if (gen == e.generation && e.state.isUp()) {
                        e.health = new TunnelHealth(TunnelHealth.State.DEGRADED, "not checked: " + p.detail(), null, 0, 0,
                                clock.instant(), false);
                        move(e, ConnectionState.DEGRADED);
                        publish();
                        scheduler.schedule(Duration.ofSeconds(10), () -> {
                            synchronized (lock) {
                                if (gen == e.generation && e.state.isUp() && e.watch == null && !closed) {
                                    startHealth(e);
                                }
                            }
                        });
                    }
                }
                return;
            }
            synchronized (lock) {
                if (gen != e.generation || !e.state.isUp() || closed) {
                    w.close();
                } else {
                    e.watch = w;
                }
            }
        });
    }

    private dev.ponte.core.port.ClusterSession openQuietly(String context) {
        try {
            return clusters.open(context);
        } catch (RuntimeException ex) {
            return null; // health still comes from Cargo; the API counts as unreachable
        }
    }

    private void onHealth(Entry e, long gen, TunnelHealth h) {
        synchronized (lock) {
            if (gen != e.generation || !e.state.isUp()) {
                return;
            }
            e.health = h;
            e.traffic.addLast(h.rxBytes() + h.txBytes());
            while (e.traffic.size() > SPARK_POINTS) {
                e.traffic.removeFirst();
            }
            ConnectionState next = switch (h.state()) {
                case CONNECTED -> ConnectionState.CONNECTED;
                case DEGRADED -> ConnectionState.DEGRADED;
                case DOWN -> ConnectionState.DOWN;
            };
            e.downSince = next == ConnectionState.DOWN ? (e.downSince == null ? clock.instant() : e.downSince) : null;
            move(e, next);
            publish();
        }
    }

    private void stopHealth(Entry e) {
        if (e.watch != null) {
            TunnelWatch w = e.watch;
            e.watch = null;
            background.execute(w::close); // closing a watch may wait on the adapters
        }
        e.health = null;
        e.traffic.clear();
        e.downSince = null;
    }

    private Entry entry(String context) {
        return entries.computeIfAbsent(context, c -> {
            Entry e = new Entry(c);
            if (reconciled) {
                e.state = ConnectionState.NOT_CONNECTED;
            }
            journal.knownIdentity(c).ifPresent(id -> {
                e.name = id.connection();
                e.clientId = id.clientId();
            });
            return e;
        });
    }

    private void move(Entry e, ConnectionState next) {
        if (!e.state.canMoveTo(next)) {
            throw new IllegalStateException("Connection " + e.context + " cannot go from " + e.state + " to " + next);
        }
        if (e.state != next) {
            LOG.info("Connection {}: {} -> {}", e.context, e.state, next);
            e.state = next;
        }
    }

    /** What the user may do in the entry's state. */
    private Set<Action> actions(Entry e) {
        Set<Action> a = EnumSet.noneOf(Action.class);
        boolean namedParts = e.connection != null || e.leftovers != null;
        switch (e.state) {
            case NOT_CONNECTED -> a.add(Action.CONNECT);
            case CONNECTED, DEGRADED -> a.addAll(EnumSet.of(Action.DISCONNECT, Action.UNINSTALL));
            case DOWN -> {
                a.addAll(EnumSet.of(Action.DISCONNECT, Action.UNINSTALL));
                if (e.downSince != null && !e.byCli && e.clientId != null
                        && !Duration.between(e.downSince, clock.instant()).minus(options.reconnectAfter()).isNegative()) {
                    a.add(Action.RECONNECT);
                }
            }
            case CONNECTING, DISCONNECTING -> {
                if (e.running != null) {
                    a.add(Action.CANCEL);
                }
            }
            case FAILED -> {
                if (namedParts) {
                    a.addAll(EnumSet.of(Action.DISCONNECT, Action.UNINSTALL));
                } else {
                    a.add(Action.CONNECT);
                }
            }
            case INTERRUPTED -> {
                a.add(Action.CLEAN_UP);
                if (e.contextOrNull() != null && !e.byCli) {
                    a.add(Action.RESUME);
                }
            }
            case UNKNOWN, CANCELLING -> { }
        }
        if (e.state.isUp() && !e.interruptedOps.isEmpty()) {
            a.add(Action.RESUME);
            a.add(Action.CLEAN_UP);
        }
        if (e.contextOrNull() == null) {
            a.remove(Action.CONNECT);
            a.remove(Action.RESUME);
        }
        return a;
    }

    private void publish() {
        List<ConnectionSnapshot> all = new ArrayList<>();
        for (Entry e : entries.values()) {
            all.add(new ConnectionSnapshot(e.context, e.name, e.clientId, e.state, e.connection, e.health,
                    List.copyOf(e.traffic), e.operation, e.steps.stream().filter(java.util.Objects::nonNull).toList(),
                    e.undoing, e.problem, e.diagnostics, e.result,
                    e.leftovers != null ? e.leftovers : e.interruptedOps.isEmpty() ? null : e.interruptedOps.getFirst().leftovers(),
                    actions(e), e.byCli));
        }
        snapshot = new ConnectionsSnapshot(all, reconciled);
        for (Consumer<ConnectionsSnapshot> l : listeners) {
            safely(l, snapshot);
        }
    }

    private static void safely(Consumer<ConnectionsSnapshot> l, ConnectionsSnapshot s) {
        try {
            l.accept(s);
        } catch (RuntimeException ex) {
            LOG.error("A connection listener failed", ex);
        }
    }

    /** Whether Ponte itself made the connection of a context (the journal knows its names). */
    public Optional<Journal.Identity> identity(String context) {
        return journal.knownIdentity(context);
    }

    /** One connection's state, owned by the service and touched only under its lock. */
    private static final class Entry {
        final String context;
        String name;
        String clientId;
        ConnectionState state = ConnectionState.UNKNOWN;
        Connection connection;
        TunnelHealth health;
        final ArrayDeque<Long> traffic = new ArrayDeque<>();
        final List<StepEvent> steps = new ArrayList<>();
        String operation = "";
        String undoing = "";
        Problem problem;
        String diagnostics = "";
        String result = "";
        Leftovers leftovers;
        TaskLauncher.Cancellable running;
        long generation;
        TunnelWatch watch;
        Instant downSince;
        boolean byCli;
        String engineEndpoint;
        List<String> strays = List.of();
        boolean installedByUs;
        /** Run, Bridge or Unbridge that an earlier run left half-done inside this (standing) connection. */
        List<Reconciler.Interrupted> interruptedOps = List.of();

        Entry(String context) {
            this.context = context;
        }

        /** The kube context, or null for a connection another tool made without naming one. */
        String contextOrNull() {
            return context.startsWith("gefyra:") ? null : context;
        }
    }
}
