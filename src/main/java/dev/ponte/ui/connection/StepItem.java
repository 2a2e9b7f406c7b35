package dev.ponte.ui.connection;

import dev.ponte.core.task.StepEvent;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** One row of the step list; updated in place as its step moves on. */
public final class StepItem {
    private final ReadOnlyObjectWrapper<StepEvent> event;

    StepItem(StepEvent e) {
        event = new ReadOnlyObjectWrapper<>(e);
    }

    public StepEvent get() {
        return event.get();
    }

    void set(StepEvent e) {
        event.set(e);
    }

    public ReadOnlyObjectProperty<StepEvent> eventProperty() {
        return event.getReadOnlyProperty();
    }
}
