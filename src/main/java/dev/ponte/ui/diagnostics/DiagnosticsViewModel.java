package dev.ponte.ui.diagnostics;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.diagnostics.Check;
import dev.ponte.core.diagnostics.CheckState;
import dev.ponte.core.diagnostics.DiagnosticsReport;
import dev.ponte.core.diagnostics.DiagnosticsService;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.ui.common.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The diagnostics screen of one context: runs the checklist in the background, shows its lines with the one to open
 * (the line a link asked for, else the first that failed), and offers what the lines suggest (Apply MTU).
 */
public final class DiagnosticsViewModel {
    private final DiagnosticsService diagnostics;
    private final ConnectionService connections;
    private final TaskRunner tasks;
    private final ReadOnlyStringWrapper context = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<DiagnosticsReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Check> lines = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper open = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper suggestedMtu = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private String wanted;

    public DiagnosticsViewModel(DiagnosticsService diagnostics, ConnectionService connections, TaskRunner tasks) {
        this.diagnostics = diagnostics;
        this.connections = connections;
        this.tasks = tasks;
    }

    /**
     * Shows the context's checklist: the last report at once (if any), then a fresh one.
     *
     * @param line the line to open (a {@code Checks} key), or null for the first problem
     */
    public void show(String contextName, String line) {
        context.set(contextName);
        wanted = line;
        message.set("");
        diagnostics.last(contextName).ifPresent(this::apply);
        check();
    }

    /** Runs the checklist again. */
    public void check() {
        String ctx = context.get();
        if (ctx.isEmpty() || running.get()) {
            return;
        }
        running.set(true);
        summary.set(lines.isEmpty() ? "Checking " + ctx + "…" : summary.get());
        tasks.run("Diagnostics of " + ctx, diagnostics.check(ctx), r -> {
            running.set(false);
            if (ctx.equals(context.get())) {
                apply(r);
            }
        }, error -> {
            running.set(false);
            var p = ErrorAdvice.explain(error, ctx);
            summary.set("The checks stopped: " + p.title() + " — " + p.detail());
        });
    }

    private void apply(DiagnosticsReport r) {
        report.set(r);
        lines.setAll(r.checks());
        suggestedMtu.set(r.suggestedMtu().orElse(0));
        String line = wanted != null && r.check(wanted).isPresent() ? wanted : r.firstProblem().map(Check::key).orElse("");
        open.set(line);
        summary.set(summary(r));
    }

    static String summary(DiagnosticsReport r) {
        StringBuilder b = new StringBuilder();
        long failed = r.count(CheckState.FAILED);
        long warnings = r.count(CheckState.WARNING);
        b.append(failed == 0 && warnings == 0 ? "All checks passed" : failed + " failed, " + warnings + " warning" + (warnings == 1 ? "" : "s"))
                .append(" · ").append(r.count(CheckState.OK)).append(" OK");
        long skipped = r.count(CheckState.NOT_CHECKED);
        if (skipped > 0) {
            b.append(" · ").append(skipped).append(" not checked");
        }
        b.append(" · ").append(r.connected() ? "connected" : "not connected").append(" · checked in ")
                .append(String.format("%.1f s", r.took().toMillis() / 1000.0));
        return b.toString();
    }

    /** Applies the suggested MTU to the connection (a Reconnect while it stands; remembered for the next Connect). */
    public void applyMtu() {
        int mtu = suggestedMtu.get();
        if (mtu <= 0) {
            return;
        }
        boolean started = connections.applyMtu(context.get(), mtu);
        message.set(started ? "MTU " + mtu + " applied: " + (report.get() != null && report.get().connected()
                ? "Ponte makes a new Cargo and network with it (the connection panel shows the steps); check again once it is Connected."
                : "the next Connect uses it.") : "Not now: the connection is busy (or the gefyra CLI made it). Try again when it is idle.");
    }

    /** The whole checklist as text for the clipboard; redacted. */
    public String copyText() {
        return report.get() == null ? "" : report.get().text();
    }

    public ReadOnlyStringProperty contextProperty() {
        return context.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DiagnosticsReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ObservableList<Check> lines() {
        return lines;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The key of the line to show open. */
    public ReadOnlyStringProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The MTU the report suggests, 0 when none. */
    public ReadOnlyIntegerProperty suggestedMtuProperty() {
        return suggestedMtu.getReadOnlyProperty();
    }

    /** What the last action did, in one line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
