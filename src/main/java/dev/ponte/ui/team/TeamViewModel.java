package dev.ponte.ui.team;

import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.team.TeamService;
import dev.ponte.core.team.TeamView;
import dev.ponte.ui.common.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The team view of one context: who else is connected and what they bridge, so nobody takes the same requests unknowingly. */
public final class TeamViewModel {
    /** A client row: name, who made it, state and since when (in words). */
    public record MemberRow(String name, String who, String state, String since, int bridges, boolean thisMachine) {
    }

    /** A bridge row. */
    public record BridgeRow(String client, String workload, String rules, String target, String state, boolean thisMachine) {
    }

    private final TeamService team;
    private final TaskRunner tasks;
    private final Clock clock;
    private final ReadOnlyStringWrapper context = new ReadOnlyStringWrapper("");
    private final ObservableList<MemberRow> members = FXCollections.observableArrayList();
    private final ObservableList<BridgeRow> bridges = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public TeamViewModel(TeamService team, TaskRunner tasks, Clock clock) {
        this.team = team;
        this.tasks = tasks;
        this.clock = clock;
    }

    public void show(String contextName) {
        context.set(contextName);
        refresh();
    }

    public void refresh() {
        String ctx = context.get();
        if (ctx.isEmpty() || loading.get()) {
            return;
        }
        loading.set(true);
        status.set("Reading " + ctx + "…");
        tasks.run("Team view of " + ctx, team.load(ctx), v -> {
            loading.set(false);
            if (ctx.equals(context.get())) {
                apply(v);
            }
        }, error -> {
            loading.set(false);
            var p = ErrorAdvice.explain(error, ctx);
            status.set(p.title() + ": " + p.detail());
        });
    }

    void apply(TeamView v) {
        members.setAll(v.members().stream().map(m -> new MemberRow(m.client().name(), m.who(),
                m.client().state() == null ? "unknown" : m.client().state().name(), ago(m.client().since()), m.bridges(),
                m.thisMachine())).toList());
        bridges.setAll(v.bridges().stream().map(b -> new BridgeRow(b.bridge().client(), b.workload(), b.rules(), b.target(),
                b.bridge().state() == null ? "—" : b.bridge().state(), b.thisMachine())).toList());
        status.set(v.members().size() + " client" + (v.members().size() == 1 ? "" : "s") + ", " + v.bridges().size() + " bridge"
                + (v.bridges().size() == 1 ? "" : "s") + ", " + v.mounts().size() + " mount" + (v.mounts().size() == 1 ? "" : "s")
                + (v.problems().isEmpty() ? "" : " · not read: " + String.join("; ", v.problems())));
    }

    /** "since 12 min", "since 3 h", "since 2 days"; "—" when unknown. */
    String ago(Instant since) {
        if (since == null || since.equals(Instant.EPOCH)) {
            return "—";
        }
        Duration d = Duration.between(since, clock.instant());
        if (d.isNegative() || d.toMinutes() < 1) {
            return "since " + Math.max(0, d.toSeconds()) + " s";
        }
        if (d.toHours() < 1) {
            return "since " + d.toMinutes() + " min";
        }
        return d.toDays() < 2 ? "since " + d.toHours() + " h" : "since " + d.toDays() + " days";
    }

    public ReadOnlyStringProperty contextProperty() {
        return context.getReadOnlyProperty();
    }

    public ObservableList<MemberRow> members() {
        return members;
    }

    public ObservableList<BridgeRow> bridges() {
        return bridges;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
