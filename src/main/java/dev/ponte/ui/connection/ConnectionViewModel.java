package dev.ponte.ui.connection;

import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.lifecycle.DownOperation;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.EventBatcher;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.StepEvent;
import dev.ponte.ui.common.TaskRunner;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connection panel of the selected context: Connect / Disconnect / Disconnect and uninstall,
 * the step list of the running operation, the result or the problem with advice, and live health.
 */
public final class ConnectionViewModel {
    /** What the panel shows. */
    public enum Phase { UNKNOWN, NOT_CONNECTED, CONNECTING, CONNECTED, DISCONNECTING, FAILED }

    /** Health samples kept for the sparkline. */
    static final int SPARK_POINTS = 60;

    private final ConnectionBackend backend;
    private final TaskRunner tasks;
    private final Executor ui;

    private final ReadOnlyStringWrapper context = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.UNKNOWN);
    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>();
    private final ObservableList<StepItem> steps = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper plan = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TunnelHealth> health = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Double> traffic = FXCollections.observableArrayList();
    private final BooleanBinding busy;
    private final ObservableList<EngineOption> engines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper engineSummary = new ReadOnlyStringWrapper("");

    private int generation;
    private TaskRunner.TaskHandle running;
    private Subscription healthWatch;
    private String lastDiagnostics = "";

    public ConnectionViewModel(ConnectionBackend backend, TaskRunner tasks, Executor ui) {
        this.backend = backend;
        this.tasks = tasks;
        this.ui = ui;
        busy = Bindings.createBooleanBinding(() -> phase.get() == Phase.CONNECTING || phase.get() == Phase.DISCONNECTING, phase);
    }

    /** Shows the connection state of another context (or none). */
    public void show(String contextName) {
        stopHealth();
        generation++;
        context.set(contextName);
        steps.clear();
        problem.set(null);
        result.set("");
        connection.set(null);
        if (contextName == null) {
            phase.set(Phase.UNKNOWN);
            return;
        }
        int gen = generation;
        phase.set(Phase.UNKNOWN);
        plan.set("");
        // Both ask the engine or the host (the plan names this machine's client and Cargo's endpoint): off the UI thread.
        tasks.runQuietly("Looking for a connection of " + contextName,
                (p, c) -> new Lookup(backend.plan(contextName), backend.find(contextName)), lookup -> {
            if (gen == generation) {
                plan.set(lookup.plan());
                if (phase.get() == Phase.UNKNOWN) {
                    applyFound(lookup.found());
                }
            }
        }, error -> {
            if (gen == generation && phase.get() == Phase.UNKNOWN) {
                // No engine, say: show as not connected; Connect's pre-flight explains it.
                phase.set(Phase.NOT_CONNECTED);
            }
        });
    }

    private record Lookup(String plan, Optional<Connection> found) {
    }

    private void applyFound(Optional<Connection> found) {
        if (found.isPresent()) {
            connected(found.get());
        } else {
            phase.set(Phase.NOT_CONNECTED);
        }
    }

    /** Looks for container engines (in the background) and shows which one is used. */
    public void refreshEngines() {
        tasks.runQuietly("Looking for container engines", (p, c) -> backend.engines(), found -> {
            engines.setAll(found);
            engineSummary.set(found.stream().filter(EngineOption::inUse).findFirst().map(EngineOption::label)
                    .orElse("No container engine answers: start Docker Desktop, Colima, Podman or Rancher Desktop"));
        }, error -> engineSummary.set("Could not look for engines: " + error.getMessage()));
    }

    /** The user picked an engine. */
    public void useEngine(EngineOption option) {
        if (option != null && !option.inUse()) {
            backend.useEngine(option.endpoint());
            refreshEngines();
            if (context.get() != null && !busy.get()) {
                show(context.get());
            }
        }
    }

    public ObservableList<EngineOption> engines() {
        return engines;
    }

    public ReadOnlyStringProperty engineSummaryProperty() {
        return engineSummary.getReadOnlyProperty();
    }

    public void connect() {
        String ctx = context.get();
        if (ctx == null || busy.get()) {
            return;
        }
        int gen = ++generation;
        begin(Phase.CONNECTING);
        running = tasks.run("Connect " + ctx, backend.up(ctx, stepSink(gen)), conn -> {
            running = null;
            if (gen == generation) {
                result.set("Connected: " + conn.networkName() + ", Cargo at " + conn.cargoIp());
                connected(conn);
            }
        }, error -> fail(gen, error, "Connect " + ctx));
    }

    public void disconnect(boolean uninstall) {
        Connection conn = connection.get();
        if (conn == null || busy.get()) {
            return;
        }
        stopHealth();
        int gen = ++generation;
        begin(Phase.DISCONNECTING);
        String title = (uninstall ? "Disconnect and uninstall " : "Disconnect ") + context.get();
        running = tasks.run(title, backend.down(conn, uninstall, stepSink(gen)), report -> {
            running = null;
            if (gen == generation) {
                connection.set(null);
                phase.set(Phase.NOT_CONNECTED);
                result.set("Nothing left: removed " + report.removed().size() + " things ("
                        + String.join(", ", report.removed()) + ").");
            }
        }, error -> fail(gen, error, title));
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private void begin(Phase p) {
        steps.clear();
        problem.set(null);
        result.set("");
        phase.set(p);
    }

    private void connected(Connection conn) {
        connection.set(conn);
        phase.set(Phase.CONNECTED);
        int gen = generation;
        EventBatcher<TunnelHealth> batcher = new EventBatcher<>(ui, batch -> {
            if (gen == generation) {
                batch.forEach(this::applyHealth);
            }
        });
        // Opening the engine and the cluster session is I/O: done on the task layer, kept only while still wanted.
        tasks.runQuietly("Watching the tunnel of " + conn.name(), (p, c) -> backend.watchHealth(conn, batcher::add), watch -> {
            if (gen == generation && phase.get() == Phase.CONNECTED) {
                healthWatch = watch;
            } else {
                watch.close();
            }
        }, error -> health.set(null));
    }

    private void applyHealth(TunnelHealth h) {
        health.set(h);
        traffic.add((double) (h.rxBytes() + h.txBytes()));
        if (traffic.size() > SPARK_POINTS) {
            traffic.remove(0, traffic.size() - SPARK_POINTS);
        }
    }

    private void fail(int gen, Throwable error, String what) {
        running = null;
        if (gen != generation) {
            return;
        }
        Problem p = error instanceof DownOperation.LeftoversException left
                ? new Problem(Problem.Kind.UNKNOWN, "Some things could not be removed",
                "Still there: " + String.join(", ", left.leftovers()) + ".",
                "Press Disconnect again to retry; or remove them by hand (docker rm -f / docker network rm / kubectl delete).")
                : operationAdvice(ErrorAdvice.explain(error, context.get()), phase.get());
        problem.set(p);
        lastDiagnostics = Diagnostics.of(what, p, steps.stream().map(StepItem::get).toList(), error);
        phase.set(p.kind() == Problem.Kind.CANCELLED ? Phase.NOT_CONNECTED : Phase.FAILED);
        if (p.kind() == Problem.Kind.CANCELLED || phase.get() == Phase.FAILED) {
            // Up rolled back what it made; a failed down leaves the connection as it is.
            tasks.runQuietly("Looking for a connection of " + context.get(), (pr, c) -> backend.find(context.get()), found -> {
                if (gen == generation) {
                    found.ifPresentOrElse(c -> connection.set(c), () -> connection.set(null));
                }
            }, e -> { });
        }
    }

    /** Connect and disconnect do not retry by themselves: say what to do instead of "Ponte retries". */
    private static Problem operationAdvice(Problem p, Phase running) {
        if (!p.retryable()) {
            return p;
        }
        String advice = running == Phase.CONNECTING
                ? "Ponte removed what this attempt created. Press Connect to try again; if it keeps failing, use Copy diagnostics."
                : "Press Disconnect again to retry; if it keeps failing, use Copy diagnostics.";
        return new Problem(p.kind(), p.title(), p.detail(), advice);
    }

    private Consumer<StepEvent> stepSink(int gen) {
        EventBatcher<StepEvent> batcher = new EventBatcher<>(ui, batch -> {
            if (gen == generation) {
                batch.forEach(this::applyStep);
            }
        });
        return batcher::add;
    }

    private void applyStep(StepEvent e) {
        StepItem.apply(steps, e);
    }

    private void stopHealth() {
        if (healthWatch != null) {
            healthWatch.close();
            healthWatch = null;
        }
        health.set(null);
        traffic.clear();
    }

    /** Closes the health watch (exit). */
    public void stop() {
        stopHealth();
        cancel();
    }

    /** Text for "Copy diagnostics": what ran, the steps, the problem and the cause chain; secrets redacted. */
    public String diagnostics() {
        return lastDiagnostics;
    }

    /** Done steps out of all, for the progress bar (0..1). */
    public double progress() {
        long done = steps.stream().filter(s -> s != null && s.get().state() != StepEvent.State.PENDING
                && s.get().state() != StepEvent.State.RUNNING).count();
        return steps.isEmpty() ? 0 : (double) done / steps.size();
    }

    public ReadOnlyStringProperty contextProperty() {
        return context.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ObservableList<StepItem> steps() {
        return steps;
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TunnelHealth> healthProperty() {
        return health.getReadOnlyProperty();
    }

    /** rx+tx byte counters of the last samples, oldest first, for the sparkline. */
    public ObservableList<Double> traffic() {
        return traffic;
    }

    public BooleanBinding busyProperty() {
        return busy;
    }
}
