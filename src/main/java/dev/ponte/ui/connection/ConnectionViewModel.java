package dev.ponte.ui.connection;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionSnapshot.Action;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.port.Engines;
import dev.ponte.core.task.Latest;
import dev.ponte.core.task.Problem;
import dev.ponte.ui.common.TaskRunner;
import dev.ponte.ui.common.TaskSlot;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The connection panel for the selected context: a window onto that context's entry in the {@link ConnectionService}
 * (state, steps, health, problem, actions) and the commands that go to it. It owns no connection state: selecting
 * another context only changes which entry it shows; the service keeps watching every connection.
 */
public final class ConnectionViewModel {
    private final ConnectionService service;
    private final TaskRunner tasks;

    private final ReadOnlyStringWrapper context = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<ConnectionSnapshot> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.UNKNOWN);
    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TunnelHealth> health = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Problem> failure = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper plan = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyBooleanWrapper byGefyraCli = new javafx.beans.property.ReadOnlyBooleanWrapper();
    private final ObservableList<StepItem> steps = FXCollections.observableArrayList();
    private final ObservableList<Double> traffic = FXCollections.observableArrayList();
    private final ObservableSet<Action> actions = FXCollections.observableSet();
    private final EnginePickerViewModel enginePicker;
    private final BooleanBinding busy;
    private ConnectionsSnapshot all = ConnectionsSnapshot.EMPTY;
    /** The shown context's plan look-up: selecting another context cancels it and drops its answer. */
    private final TaskSlot planLookup;

    public ConnectionViewModel(ConnectionService service, Engines engines, TaskRunner tasks, Executor ui) {
        this.service = service;
        this.enginePicker = new EnginePickerViewModel(engines, tasks);
        this.tasks = tasks;
        this.planLookup = new TaskSlot(tasks);
        busy = Bindings.createBooleanBinding(() -> state.get().isBusy(), state);
        service.subscribe(new Latest<>(ui, this::apply));
    }

    /** Shows the connection of another context (or none). */
    public void show(String contextName) {
        context.set(contextName);
        steps.clear();
        plan.set("");
        planLookup.end();
        if (contextName != null) {
            service.show(contextName);
            // The plan names this connection's client and Cargo's endpoint (it may look at network interfaces): off the UI thread.
            planLookup.look("Planning " + contextName, (p, c) -> service.plan(contextName), plan::set, error -> { });
        }
        update();
    }

    private void apply(ConnectionsSnapshot snapshot) {
        all = snapshot;
        update();
    }

    private void update() {
        ConnectionSnapshot s = context.get() == null ? null : all.of(context.get()).orElse(null);
        ConnectionSnapshot before = shown.get();
        shown.set(s);
        state.set(s == null ? ConnectionState.UNKNOWN : s.state());
        connection.set(s == null ? null : s.connection());
        health.set(s == null ? null : s.health());
        result.set(s == null ? "" : s.result());
        headline.set(s == null ? "" : s.headline());
        byGefyraCli.set(s != null && s.byGefyraCli());
        actions.retainAll(s == null ? java.util.Set.of() : s.actions());
        if (s != null) {
            actions.addAll(s.actions());
        }
        Problem p = s == null ? null : s.problem();
        boolean sameContext = s != null && before != null && before.context().equals(s.context());
        if (sameContext && p != null && !p.equals(problem.get())) {
            failure.set(p); // a failure that happened while this connection was on screen: the view shows it
        }
        problem.set(p);
        steps.clear();
        if (s != null) {
            s.steps().forEach(e -> StepItem.apply(steps, e));
            traffic.setAll(s.traffic().stream().map(Long::doubleValue).toList());
        } else {
            traffic.clear();
        }
    }

    public void connect() {
        command(Action.CONNECT, service::connect);
    }

    public void disconnect(boolean uninstall) {
        command(uninstall ? Action.UNINSTALL : Action.DISCONNECT, c -> service.disconnect(c, uninstall));
    }

    public void cancel() {
        command(Action.CANCEL, service::cancel);
    }

    public void resume() {
        command(Action.RESUME, service::resume);
    }

    public void cleanUp() {
        command(Action.CLEAN_UP, service::cleanUp);
    }

    public void reconnect() {
        command(Action.RECONNECT, service::reconnect);
    }

    private void command(Action a, java.util.function.Consumer<String> run) {
        String ctx = context.get();
        if (ctx != null && actions.contains(a)) {
            run.accept(ctx);
        }
    }

    /** Text for "Copy diagnostics" of the shown connection's last failure; secrets redacted. */
    public String diagnostics() {
        return shown.get() == null ? "" : shown.get().diagnostics();
    }

    /** Done steps out of all (0..1), for the progress bar. */
    public double progress() {
        return shown.get() == null ? 0 : shown.get().progress();
    }

    /** The container-engine picker shown in the panel. */
    public EnginePickerViewModel enginePicker() {
        return enginePicker;
    }

    public ReadOnlyStringProperty contextProperty() {
        return context.getReadOnlyProperty();
    }

    /** The shown connection's whole snapshot, or null. */
    public ReadOnlyObjectProperty<ConnectionSnapshot> snapshotProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ObservableList<StepItem> steps() {
        return steps;
    }

    /** The shown connection's last problem (also when it was there before the user looked). */
    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** A problem that newly appeared while this connection was shown: the view opens a dialog for it. */
    public ReadOnlyObjectProperty<Problem> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The state word with its reason: "Degraded — no handshake for 3 min", "Cancelling — undoing 2 steps: …". */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** The shown connection was made by the gefyra CLI, not by Ponte: the panel says so next to the state. */
    public javafx.beans.property.ReadOnlyBooleanProperty byGefyraCliProperty() {
        return byGefyraCli.getReadOnlyProperty();
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

    /** What may be done now; the buttons show exactly these. */
    public ObservableSet<Action> actions() {
        return actions;
    }

    public BooleanBinding busyProperty() {
        return busy;
    }
}
