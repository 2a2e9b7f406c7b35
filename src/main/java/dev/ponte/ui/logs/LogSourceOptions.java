package dev.ponte.ui.logs;

import dev.ponte.core.port.LogRequest;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What a log tab asks its sources for: the container, the previous instance, how old and how many lines. A change
 * opens the streams again (choosing the first container when none was chosen does not). Part of a
 * {@link LogViewModel}; UI thread only.
 */
public final class LogSourceOptions {
    /** {@link #tailLinesProperty()} value for "load everything". */
    public static final int ALL_LINES = -1;

    private final ObservableList<String> containers = FXCollections.observableArrayList();
    private final ObjectProperty<String> container = new SimpleObjectProperty<>();
    private final BooleanProperty previous = new SimpleBooleanProperty();
    private final ObjectProperty<Duration> since = new SimpleObjectProperty<>(Duration.ZERO);
    private final ObjectProperty<Integer> tailLines = new SimpleObjectProperty<>(1000);

    LogSourceOptions(Runnable changed) {
        container.addListener((o, a, b) -> {
            if (a != null) {
                changed.run();
            }
        });
        previous.addListener((o, a, b) -> changed.run());
        since.addListener((o, a, b) -> changed.run());
        tailLines.addListener((o, a, b) -> changed.run());
    }

    /** The containers the source has; the first is chosen when none was. */
    void offer(List<String> choices) {
        if (!containers.equals(choices)) {
            containers.setAll(choices);
        }
        if (container.get() == null && !containers.isEmpty()) {
            container.set(containers.getFirst());
        }
    }

    /** The request the options describe. A previous instance has ended, so it is read, not followed. */
    LogRequest request() {
        Integer tail = tailLines.get() == null || tailLines.get() < 0 ? null : tailLines.get();
        Duration age = since.get() == null || since.get().isZero() ? null : since.get();
        return new LogRequest(container.get(), previous.get(), !previous.get(), tail, age, null);
    }

    public ObservableList<String> containers() {
        return containers;
    }

    public ObjectProperty<String> containerProperty() {
        return container;
    }

    public BooleanProperty previousProperty() {
        return previous;
    }

    /** Only lines newer than this age ({@link Duration#ZERO}: all). */
    public ObjectProperty<Duration> sinceProperty() {
        return since;
    }

    /** Only the last n lines of what exists when opening ({@link #ALL_LINES}: all). */
    public ObjectProperty<Integer> tailLinesProperty() {
        return tailLines;
    }
}
