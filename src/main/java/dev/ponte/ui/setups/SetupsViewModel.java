package dev.ponte.ui.setups;

import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.run.LocalService;
import dev.ponte.core.run.LocalState;
import dev.ponte.core.setups.Setup;
import dev.ponte.core.setups.SetupService;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Latest;
import dev.ponte.core.task.OperationCancelledException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.TaskLauncher;
import dev.ponte.ui.common.TaskRunner;
import dev.ponte.ui.connection.StepItem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The saved setups of the selected context, and what can be done with them: save a running container as one, start
 * one (with the step list and Cancel), duplicate, delete, edit, export and import. The work is the core's
 * {@link SetupService}; file access goes through the task layer.
 */
public final class SetupsViewModel {
    private final SetupService service;
    private final LocalService local;
    private final TaskRunner tasks;
    private final Executor ui;
    private final ObservableList<Setup> shown = FXCollections.observableArrayList();
    private final ObservableList<StepItem> steps = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private List<Setup> all = List.of();
    private String context;
    private TaskLauncher.Cancellable start;

    public SetupsViewModel(SetupService service, LocalService local, TaskRunner tasks, Executor ui) {
        this.service = service;
        this.local = local;
        this.tasks = tasks;
        this.ui = ui;
        service.subscribe(new Latest<>(ui, list -> {
            all = list;
            filter();
        }));
    }

    /** Shows the setups of {@code context}. */
    public void show(String context) {
        this.context = context;
        filter();
    }

    private void filter() {
        shown.setAll(all.stream().filter(s -> s.context().equals(context)).toList());
    }

    /** Saves {@code container} of {@code connection} with its bridges; {@code done} gets the notes to show. */
    public void saveFrom(Connection connection, String container, String name, Consumer<SetupService.Saved> done) {
        LocalState state = local.state(connection.name());
        if (state == null) {
            message.set("The connection's containers are not known yet; try again in a moment.");
            return;
        }
        tasks.runQuietly("Saving setup " + name, (p, c) -> service.saveFrom(connection.context(), name, state, container),
                saved -> {
                    message.set("Saved " + saved.setup().name() + ".");
                    done.accept(saved);
                }, e -> message.set("Could not save the setup: " + ErrorAdvice.explain(e, "the disk").detail()));
    }

    /** The step names "Start" will show, before it starts. */
    public List<String> plan(Setup s) {
        return SetupService.steps(s);
    }

    /** Starts a setup; the step list, result and problem follow it. */
    public void start(Setup s, Map<String, String> asked) {
        steps.clear();
        result.set("");
        problem.set(null);
        running.set(true);
        start = service.start(s.id(), asked, e -> ui.execute(() -> StepItem.apply(steps, e)), text -> ui.execute(() -> {
            running.set(false);
            result.set(text);
        }), error -> ui.execute(() -> {
            running.set(false);
            if (error instanceof OperationCancelledException c) {
                result.set("Cancelled. " + (c.left().isEmpty() ? "Undone: " + (c.undone().isEmpty() ? "nothing to undo"
                        : String.join(", ", c.undone())) : "Could not undo: " + String.join("; ", c.left())));
            } else {
                problem.set(ErrorAdvice.explain(error, "the cluster"));
            }
        }));
    }

    public void cancel() {
        if (start != null && running.get()) {
            start.cancel();
        }
    }

    public void duplicate(Setup s) {
        tasks.runQuietly("Duplicating " + s.name(), (p, c) -> service.duplicate(s.id()), d -> message.set("Duplicated as " + d.name() + "."),
                e -> message.set("Could not duplicate: " + ErrorAdvice.explain(e, "the disk").detail()));
    }

    public void delete(Setup s) {
        tasks.runQuietly("Deleting " + s.name(), (p, c) -> {
            service.delete(s.id());
            return s.name();
        }, n -> message.set("Deleted " + n + "."), e -> message.set("Could not delete: " + ErrorAdvice.explain(e, "the disk").detail()));
    }

    /** Saves an edited setup; {@code done} gets null when it worked, else the reason. */
    public void update(Setup edited, Consumer<String> done) {
        tasks.runQuietly("Saving " + edited.name(), (p, c) -> service.update(edited), s -> {
            message.set("Saved " + s.name() + ".");
            done.accept(null);
        }, e -> done.accept(ErrorAdvice.explain(e, "the disk").detail()));
    }

    public void export(List<Setup> setups, Path file) {
        tasks.runQuietly("Exporting setups", (p, c) -> {
            service.export(setups.stream().map(Setup::id).toList(), file);
            return file;
        }, f -> message.set("Exported " + setups.size() + (setups.size() == 1 ? " setup" : " setups") + " to " + f.getFileName()
                + " (no secrets inside)."), e -> message.set("Could not export: " + ErrorAdvice.explain(e, "the disk").detail()));
    }

    public void importFrom(Path file) {
        String into = context;
        if (into == null) {
            message.set("Select a context first: setups are imported into the selected context.");
            return;
        }
        tasks.runQuietly("Importing setups", (p, c) -> service.importFrom(file, into), added -> message.set("Imported "
                + added.size() + (added.size() == 1 ? " setup" : " setups") + " into " + into + "."),
                e -> message.set(ErrorAdvice.explain(e, "the file").title() + ": " + ErrorAdvice.explain(e, "the file").detail()));
    }

    public ObservableList<Setup> setups() {
        return shown;
    }

    public ObservableList<StepItem> steps() {
        return steps;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The last action's outcome in one line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public String context() {
        return context;
    }

    /** One line about a setup: "api-local · acme/api:dev · 1 bridge". */
    public static String summary(Setup s) {
        int n = s.bridges().size();
        return s.run().container() + " · " + s.run().image() + " · " + (n == 0 ? "no bridge" : n + (n == 1 ? " bridge" : " bridges"));
    }
}
