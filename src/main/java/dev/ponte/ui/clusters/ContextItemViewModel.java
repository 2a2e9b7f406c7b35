package dev.ponte.ui.clusters;

import dev.ponte.core.model.ContextState;
import dev.ponte.core.model.KubeContext;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the contexts list: the context and what Ponte knows about its API server. */
public final class ContextItemViewModel {
    private final KubeContext context;
    private final ObjectProperty<ContextState> state = new SimpleObjectProperty<>(ContextState.UNKNOWN);
    private final StringProperty stateDetail = new SimpleStringProperty("");
    private final StringProperty serverVersion = new SimpleStringProperty("");

    public ContextItemViewModel(KubeContext context) {
        this.context = context;
    }

    public KubeContext context() {
        return context;
    }

    public String name() {
        return context.name();
    }

    public ObjectProperty<ContextState> stateProperty() {
        return state;
    }

    /** Why the state is what it is, in one line ("connection refused; retrying in 4 s"). */
    public StringProperty stateDetailProperty() {
        return stateDetail;
    }

    public StringProperty serverVersionProperty() {
        return serverVersion;
    }

    @Override
    public String toString() {
        return context.name();
    }
}
