package dev.ponte.ui.common;

import dev.ponte.core.task.Operation;
import java.util.function.Consumer;

/**
 * The one way view-models start background work. Callbacks run on the UI thread; the operation
 * never does.
 */
public interface TaskRunner extends dev.ponte.core.task.TaskLauncher {
    /**
     * @param title     what the task drawer shows, e.g. "Connecting to kind-dev"
     * @param onSuccess gets the result, on the UI thread
     * @param onFailure gets the failure (a {@link java.util.concurrent.CancellationException} when
     *                  cancelled), on the UI thread
     */
    <T> TaskHandle run(String title, Operation<T> operation, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * The same for a quick background look-up the user did not ask for (is there a connection?
     * which engines answer?): it never shows in the task drawer.
     */
    default <T> TaskHandle runQuietly(String title, Operation<T> operation, Consumer<T> onSuccess,
                                      Consumer<Throwable> onFailure) {
        return run(title, operation, onSuccess, onFailure);
    }

    /** Core services start their operations here too: they show in the task drawer like the UI's own. */
    @Override
    default <T> Cancellable launch(String title, Operation<T> operation, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return run(title, operation, onSuccess, onFailure);
    }

    /** A started task; cancelling flips its {@link dev.ponte.core.task.CancellationToken}. */
    interface TaskHandle extends Cancellable {
    }
}
