package dev.ponte.core.task;

import java.util.function.Consumer;

/**
 * Where core services start their operations: the window's task layer (its task drawer shows them) or the command
 * line's plain executor. Callbacks may run on any thread; core services make no assumption about which.
 */
public interface TaskLauncher {
    /**
     * Starts {@code operation} in the background.
     *
     * @param onFailure gets the failure; after a cancel, the operation's own {@link java.util.concurrent.CancellationException}
     *                  once it has finished undoing (never before)
     */
    <T> Cancellable launch(String title, Operation<T> operation, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** A started operation; cancelling flips its {@link CancellationToken} and lets the operation end by itself. */
    interface Cancellable {
        void cancel();
    }
}
