package dev.ponte.ui.cleanup;

import dev.ponte.core.cleanup.CleanupAssistant;
import dev.ponte.core.cleanup.CleanupResult;
import dev.ponte.core.cleanup.CleanupScan;
import dev.ponte.core.cleanup.Leftover;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.ui.common.TaskRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The cleanup assistant's screen: a scan across every context and this machine's engine, the leftovers grouped by
 * connection or by who made them, a selection (another machine's live client and what belongs to it start unselected),
 * removal with progress, and the check after it that says how many are left.
 */
public final class CleanupViewModel {
    /** One leftover with its check box. */
    public record Row(Leftover item, BooleanProperty selected) {
    }

    private final CleanupAssistant assistant;
    private final TaskRunner tasks;
    private final ObservableList<Row> rows = FXCollections.observableArrayList(r -> new javafx.beans.Observable[] {r.selected()});
    private final ObservableList<String> notChecked = FXCollections.observableArrayList();
    /** Group by who made it (else by connection). */
    public final BooleanProperty byOrigin = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper selectedCount = new ReadOnlyIntegerWrapper();

    public CleanupViewModel(CleanupAssistant assistant, TaskRunner tasks) {
        this.assistant = assistant;
        this.tasks = tasks;
        rows.addListener((javafx.collections.ListChangeListener<Row>) c ->
                selectedCount.set((int) rows.stream().filter(r -> r.selected().get()).count()));
    }

    public void scan() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        status.set("Looking in every context and this machine's engine…");
        tasks.run("Look for leftovers", assistant.scan(), s -> {
            busy.set(false);
            show(s);
            status.set(s.items().isEmpty() ? "Nothing left over." : s.items().size() + " leftover" + (s.items().size() == 1 ? "" : "s")
                    + " found; " + (s.notChecked().isEmpty() ? "everything was checked." : s.notChecked().size() + " place(s) could not be checked."));
        }, error -> {
            busy.set(false);
            var p = ErrorAdvice.explain(error, "the cluster");
            status.set("The scan stopped: " + p.title() + " — " + p.detail());
        });
    }

    private void show(CleanupScan s) {
        rows.setAll(s.items().stream().map(i -> new Row(i, new SimpleBooleanProperty(i.warning() == null))).toList());
        notChecked.setAll(s.notChecked());
    }

    /** The selected rows whose removal needs the user to confirm a warning (another machine's live client). */
    public List<Leftover> warnings() {
        return rows.stream().filter(r -> r.selected().get() && r.item().warning() != null).map(Row::item).toList();
    }

    /**
     * Removes the selection, then shows the scan after it.
     *
     * @param confirmed the warned items the user confirmed (by id); the others are left out of the selection's removal
     */
    public void remove(Set<String> confirmed) {
        List<Leftover> selected = rows.stream().filter(r -> r.selected().get())
                .map(Row::item).filter(i -> i.warning() == null || confirmed.contains(i.id())).toList();
        if (selected.isEmpty() || busy.get()) {
            return;
        }
        busy.set(true);
        outcome.set("");
        status.set("Removing " + selected.size() + " leftover" + (selected.size() == 1 ? "" : "s") + "…");
        tasks.run("Remove leftovers", assistant.remove(selected, confirmed), r -> {
            busy.set(false);
            show(r.after());
            status.set(r.after().items().isEmpty() ? "Nothing left over." : r.after().items().size() + " leftover(s) remain that you did not select.");
            outcome.set(outcome(selected.size(), r));
        }, error -> {
            busy.set(false);
            var p = ErrorAdvice.explain(error, "the cluster");
            outcome.set(p.title() + ": " + p.detail() + " " + p.advice());
        });
    }

    static String outcome(int selected, CleanupResult r) {
        String head = "Removed " + r.removed().size() + " thing" + (r.removed().size() == 1 ? "" : "s") + "; checked again: "
                + (r.clean() ? "0 of the " + selected + " selected left." : r.remaining().size() + " of the " + selected + " selected still there: "
                + String.join(", ", r.remaining().stream().map(Leftover::what).toList()) + ".");
        return r.failures().isEmpty() ? head : head + " Could not remove: " + String.join("; ", r.failures());
    }

    /** The rows in groups: by connection (or what they belong to), or by who made them. */
    public Map<String, List<Row>> groups() {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        for (Row r : rows) {
            String key = byOrigin.get() ? r.item().origin().words() : r.item().group() + " · " + r.item().origin().words();
            out.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(r);
        }
        return out;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<String> notChecked() {
        return notChecked;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What the last removal did and what the check after it found. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty selectedCountProperty() {
        return selectedCount.getReadOnlyProperty();
    }
}
