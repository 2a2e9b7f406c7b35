package dev.ponte.ui.connection;

import dev.ponte.core.port.Engines;
import dev.ponte.core.port.Engines.EngineOption;
import dev.ponte.ui.common.TaskRunner;
import dev.ponte.ui.common.TaskSlot;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The container-engine picker: which engines answer, which one Ponte uses, and the user's pick. */
public final class EnginePickerViewModel {
    private final Engines engines;
    private final ObservableList<EngineOption> options = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    /** A new look supersedes one still pinging engines. */
    private final TaskSlot lookup;

    public EnginePickerViewModel(Engines engines, TaskRunner tasks) {
        this.engines = engines;
        this.lookup = new TaskSlot(tasks);
    }

    /** Looks for container engines (in the background: each one is pinged) and shows which one is used. */
    public void refresh() {
        lookup.look("Looking for container engines", (p, c) -> engines.options(), found -> {
            options.setAll(found);
            summary.set(found.stream().filter(EngineOption::inUse).findFirst().map(EngineOption::label)
                    .orElse("No container engine answers: start Docker Desktop, Colima, Podman or Rancher Desktop"));
        }, error -> summary.set("Could not look for engines: " + error.getMessage()));
    }

    /** The user picked an engine; remembered in the settings. */
    public void use(EngineOption option) {
        if (option != null && !option.inUse()) {
            engines.use(option.endpoint());
            refresh();
        }
    }

    public ObservableList<EngineOption> options() {
        return options;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
