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

    /** Puts a step event into a step list: a new row for a new step, else the row is updated in place. */
    public static void apply(java.util.List<StepItem> steps, StepEvent e) {
        while (steps.size() < e.index()) {
            steps.add(null);
        }
        StepItem item = steps.get(e.index() - 1);
        if (item == null) {
            steps.set(e.index() - 1, new StepItem(e));
        } else {
            item.set(e);
        }
    }

    public ReadOnlyObjectProperty<StepEvent> eventProperty() {
        return event.getReadOnlyProperty();
    }
}
