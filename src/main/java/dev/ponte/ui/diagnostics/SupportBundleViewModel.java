package dev.ponte.ui.diagnostics;

import dev.ponte.core.support.SupportBundle;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.ui.common.TaskRunner;
import java.nio.file.Path;
import java.time.LocalDate;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** "Export support bundle…": what goes in (listed before anything is read), then one click writes the zip. */
public final class SupportBundleViewModel {
    private final SupportBundle bundle;
    private final TaskRunner tasks;
    private final String context;
    private final ObservableList<SupportBundle.Item> items = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper writing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    public SupportBundleViewModel(SupportBundle bundle, TaskRunner tasks, String context) {
        this.bundle = bundle;
        this.tasks = tasks;
        this.context = context;
        items.setAll(bundle.contents(context));
    }

    /** A file name for the save dialog: {@code ponte-support-<context>-<date>.zip}, safe for any file system. */
    public String suggestedName() {
        return "ponte-support-" + context.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + LocalDate.now() + ".zip";
    }

    public void write(Path file) {
        if (writing.get()) {
            return;
        }
        writing.set(true);
        result.set("");
        problem.set("");
        tasks.run("Support bundle for " + context, bundle.write(context, file), w -> {
            writing.set(false);
            result.set("Written: " + w.file() + " (" + Math.max(1, w.bytes() / 1024) + " kB, " + w.entries().size() + " files, "
                    + "secrets masked)" + (w.problems().isEmpty() ? "" : ". Not complete: " + String.join("; ", w.problems())));
        }, error -> {
            writing.set(false);
            var p = ErrorAdvice.explain(error, context);
            problem.set(p.title() + ": " + p.detail() + " " + p.advice());
        });
    }

    public String context() {
        return context;
    }

    public ObservableList<SupportBundle.Item> items() {
        return items;
    }

    public ReadOnlyBooleanProperty writingProperty() {
        return writing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
