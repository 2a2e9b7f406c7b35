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

    public FxTaskRunner(ExecutorService pool) {
        this.pool = pool;
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

            @Override
            protected void cancelled() {
                token.cancel();
            }
        };
        task.setOnSucceeded(e -> {
            tasks.remove(task);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            tasks.remove(task);
            Throwable error = task.getException();
            LOG.debug("{} failed: {}", title, error.toString());
            onFailure.accept(error);
        });
        task.setOnCancelled(e -> {
            tasks.remove(task);
            onFailure.accept(new CancellationException(title + " was cancelled"));
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
        return () -> {
            token.cancel();
            task.cancel(false);
        };
    }
}
