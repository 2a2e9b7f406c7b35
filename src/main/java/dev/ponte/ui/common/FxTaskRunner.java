package dev.ponte.ui.common;

import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.Progress;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs operations as JavaFX {@link Task}s on one background pool. Running tasks are listed in
 * {@link #tasks()} (the task drawer shows them); progress goes through {@code updateProgress} and
 * {@code updateMessage}, which JavaFX coalesces, so a chatty operation costs the UI thread little.
 */
public final class FxTaskRunner implements TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FxTaskRunner.class);
    private final ExecutorService pool;
    private final ObservableList<Task<?>> tasks = FXCollections.observableArrayList();
    /** Tasks whose cancel was asked for and that are still undoing (FX thread). */
    private final java.util.Set<Task<?>> cancelling = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public FxTaskRunner(ExecutorService pool) {
        this.pool = pool;
    }

    /** True while the task's cancel was asked for and it is still undoing (FX thread): the drawer says "Cancelling". */
    public boolean isCancelling(Task<?> task) {
        return cancelling.contains(task);
    }

    /** Running tasks, for the task drawer. Touch on the FX thread only. */
    public ObservableList<Task<?>> tasks() {
        return tasks;
    }

    @Override
    public <T> TaskHandle run(String title, Operation<T> operation, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return start(title, operation, onSuccess, onFailure, true);
    }

    @Override
    public <T> TaskHandle runQuietly(String title, Operation<T> operation, Consumer<T> onSuccess,
                                     Consumer<Throwable> onFailure) {
        return start(title, operation, onSuccess, onFailure, false);
    }

    private <T> TaskHandle start(String title, Operation<T> operation, Consumer<T> onSuccess,
                                 Consumer<Throwable> onFailure, boolean listed) {
        CancellationToken token = new CancellationToken();
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(title);
                long started = System.nanoTime();
                Progress progress = new Progress() {
                    @Override
                    public void step(String name, int index, int total) {
                        updateProgress(index - 1, total);
                        updateMessage(name + " (" + index + "/" + total + ")");
                    }

                    @Override
                    public void message(String text) {
                        updateMessage(text);
                    }
                };
                try {
                    return operation.run(progress, token);
                } finally {
                    LOG.debug("{} took {} ms", title, (System.nanoTime() - started) / 1_000_000);
                }
            }

        };
        task.setOnSucceeded(e -> {
            cancelling.remove(task);
            tasks.remove(task);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            cancelling.remove(task);
            tasks.remove(task);
            Throwable error = task.getException();
            LOG.debug("{} {}: {}", title, error instanceof CancellationException ? "ended after a cancel" : "failed", error.toString());
            onFailure.accept(error);
        });
        if (listed) {
            Runnable add = () -> tasks.add(task);
            if (Platform.isFxApplicationThread()) {
                add.run();
            } else {
                Platform.runLater(add);
            }
        }
        pool.execute(task);
        // Only the token flips: the operation undoes what it made and then ends by itself (with a
        // CancellationException), so "Cancelled" shows once the undoing is over, never while it still runs.
        return () -> {
            token.cancel();
            Platform.runLater(() -> cancelling.add(task));
        };
    }
}
