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
    private final ObjectProperty<dev.ponte.core.connections.ConnectionState> connection = new SimpleObjectProperty<>();

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

    /** The state of this context's connection, or null when it has none (not connected, never looked at). */
    public ObjectProperty<dev.ponte.core.connections.ConnectionState> connectionProperty() {
        return connection;
    }

    public StringProperty serverVersionProperty() {
        return serverVersion;
    }

    @Override
    public String toString() {
        return context.name();
    }
}
