package dev.ponte.ui.workloads;

import dev.ponte.core.model.Workload;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One row of the workload table. The row object stays while its workload changes, so selection
 * and scroll position survive watch updates; cells bind to {@link #workloadProperty()}.
 */
public final class WorkloadItem {
    private final ReadOnlyObjectWrapper<Workload> workload;

    public WorkloadItem(Workload workload) {
        this.workload = new ReadOnlyObjectWrapper<>(workload);
    }

    public Workload get() {
        return workload.get();
    }

    void set(Workload w) {
        workload.set(w);
    }

    public ReadOnlyObjectProperty<Workload> workloadProperty() {
        return workload.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return workload.get().key();
    }
}
