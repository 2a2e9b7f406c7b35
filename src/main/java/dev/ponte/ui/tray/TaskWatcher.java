package dev.ponte.ui.tray;

import dev.ponte.core.status.StatusBoard;
import dev.ponte.core.status.StatusEvent.TaskFinished.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * Tells the {@link StatusBoard} when a task the user started ends, without touching the task layer:
 * {@code FxTaskRunner} lists exactly those tasks in its drawer list (quiet look-ups are not listed), adds each when
 * it starts and removes it in its succeeded/failed/cancelled handler, when its state is final. So a removal is an
 * end, and the time between add and removal is how long it took. Its changes come on the FX thread only, like the
 * list's; it may be set up before the window, on the thread that prepares the window (Main), before the list is used.
 */
public final class TaskWatcher {
    private final Map<Task<?>, Instant> started = new IdentityHashMap<>();

    private TaskWatcher() {
    }

    public static TaskWatcher watch(ObservableList<Task<?>> tasks, StatusBoard board, Clock clock) {
        TaskWatcher w = new TaskWatcher();
        tasks.forEach(t -> w.started.put(t, clock.instant()));
        tasks.addListener((ListChangeListener<Task<?>>) change -> {
            while (change.next()) {
                for (Task<?> t : change.getRemoved()) {
                    Instant from = w.started.remove(t);
                    Outcome outcome = t.getState() == Worker.State.FAILED
                            && t.getException() instanceof java.util.concurrent.CancellationException ? Outcome.CANCELLED : outcome(t.getState());
                    if (from != null && outcome != null) {
                        board.taskFinished(t.getTitle() == null || t.getTitle().isEmpty() ? "A task" : t.getTitle(), outcome, Duration.between(from, clock.instant()));
                    }
                }
                for (Task<?> t : change.getAddedSubList()) {
                    w.started.put(t, clock.instant());
                }
            }
        });
        return w;
    }

    private static Outcome outcome(Worker.State state) {
        return switch (state) {
            case SUCCEEDED -> Outcome.SUCCEEDED;
            case FAILED -> Outcome.FAILED;
            case CANCELLED -> Outcome.CANCELLED;
            case READY, SCHEDULED, RUNNING -> null;
        };
    }
}
