package dev.ponte.ui.common;

import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.Progress;
import dev.ponte.core.task.OperationCancelledException;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>The pool is bounded ({@link #boundedPool}): when all its threads are busy and its queue is full, a new task is not
 * started and fails at once with a {@link Problem} that says so (the caller shows it like any failure; what the user
 * typed stays). A task cancelled while it still waits in the queue ends as soon as it gets a thread, without running.
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

    /** {@code threads} workers and at most {@code queue} waiting tasks; more are refused (see the class comment). */
    public static ExecutorService boundedPool(int threads, int queue, ThreadFactory factory) {
        return new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), factory,
                new ThreadPoolExecutor.AbortPolicy());
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

    /**
     * Core services' operations: listed like the UI's own, but their callbacks run on the task's thread as it ends,
     * not on the FX thread — the services update their own state and write their journal (file I/O) there. A task
     * that never ran (cancelled while queued, or refused) calls back from the FX thread instead.
     */
    @Override
    public <T> Cancellable launch(String title, Operation<T> operation, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        java.util.concurrent.atomic.AtomicBoolean delivered = new java.util.concurrent.atomic.AtomicBoolean();
        return run(title, (progress, cancel) -> {
            T result;
            try {
                result = operation.run(progress, cancel);
            } catch (Exception e) {
                delivered.set(true);
                onFailure.accept(e);
                throw e;
            }
            delivered.set(true);
            onSuccess.accept(result);
            return result;
        }, ignored -> { }, error -> {
            if (delivered.compareAndSet(false, true)) {
                onFailure.accept(error);
            }
        });
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
                if (token.isCancelled()) {
                    // superseded or cancelled while it waited for a thread: nothing was started, nothing to undo
                    throw new OperationCancelledException(List.of(), List.of());
                }
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
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            refused(title, task, listed, onFailure);
            return () -> { };
        }
        // Only the token flips: the operation undoes what it made and then ends by itself (with a
        // CancellationException), so "Cancelled" shows once the undoing is over, never while it still runs.
        return () -> {
            token.cancel();
            Platform.runLater(() -> {
                if (!task.isDone()) {
                    cancelling.add(task);
                }
            });
        };
    }

    /** The pool is full: the task fails at once, on the UI thread, saying why and what to do. */
    private void refused(String title, Task<?> task, boolean listed, Consumer<Throwable> onFailure) {
        String busy = pool instanceof ThreadPoolExecutor p
                ? p.getActiveCount() + " tasks are running and " + p.getQueue().size() + " are waiting"
                : "too many tasks are running or waiting";
        LOG.warn("Not starting '{}': {}", title, busy);
        PonteException refused = new PonteException(new Problem(Problem.Kind.REFUSED, "Ponte is busy",
                "'" + title + "' was not started: " + busy + ", the most Ponte queues at once.",
                "Wait until some of the tasks in the task strip have finished (or cancel some), then try again."));
        Runnable fail = () -> {
            if (listed) {
                tasks.remove(task);
            }
            onFailure.accept(refused);
        };
        if (Platform.isFxApplicationThread()) {
            fail.run();
        } else {
            Platform.runLater(fail);
        }
    }
}
