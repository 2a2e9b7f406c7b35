package dev.ponte.ui.common;

import dev.ponte.core.task.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One purpose, one turn at a time: the selected context's probe and namespace watch, the shown namespace's
 * workloads, the connection panel's plan. {@link #next()} ends the turn before — its tasks are cancelled, what it
 * registered with {@link Turn#onEnd} is closed, and whatever its tasks or watches still deliver is dropped — and
 * starts a new one. This replaces counting generations by hand.
 *
 * <p>Use on the UI thread only: the turn's callbacks arrive there (the task layer's callbacks do; watch callbacks
 * must be handed over with the UI executor and wrapped with {@link Turn#guard}).
 */
public final class TaskSlot {
    private static final Logger LOG = LoggerFactory.getLogger(TaskSlot.class);
    private final TaskRunner tasks;
    private Turn current;

    /** A slot whose turns start background tasks through {@code tasks}. */
    public TaskSlot(TaskRunner tasks) {
        this.tasks = tasks;
    }

    /** A slot for watches only (its turns start no tasks). */
    public TaskSlot() {
        this(null);
    }

    /** Ends the current turn and starts a new one. */
    public Turn next() {
        end();
        current = new Turn();
        return current;
    }

    /** Ends the current turn (if any): cancels its tasks, closes what it registered, drops what it still delivers. */
    public void end() {
        Turn t = current;
        current = null;
        if (t != null) {
            t.finish();
        }
    }

    /** The running turn, or null. */
    public Turn current() {
        return current;
    }

    /** Starts a new turn with one task the task drawer lists. */
    public <T> TaskRunner.TaskHandle run(String title, Operation<T> operation, Consumer<T> onSuccess,
                                         Consumer<Throwable> onFailure) {
        return next().run(title, operation, onSuccess, onFailure);
    }

    /** Starts a new turn with one quiet look-up (not listed in the task drawer). */
    public <T> TaskRunner.TaskHandle look(String title, Operation<T> operation, Consumer<T> onSuccess,
                                          Consumer<Throwable> onFailure) {
        return next().look(title, operation, onSuccess, onFailure, ignored -> { });
    }

    /** One turn of the slot. */
    public final class Turn {
        private final List<TaskRunner.TaskHandle> running = new ArrayList<>();
        private final List<Runnable> onEnd = new ArrayList<>();
        private boolean ended;

        private Turn() {
        }

        /** True while this turn is the slot's current one: its results still count. */
        public boolean live() {
            return !ended && current == this;
        }

        /** {@code action}, run only while the turn is live (for watch callbacks handed to the UI thread). */
        public Runnable guard(Runnable action) {
            return () -> {
                if (live()) {
                    action.run();
                }
            };
        }

        /** {@code sink}, fed only while the turn is live. */
        public <T> Consumer<T> feed(Consumer<T> sink) {
            return value -> {
                if (live()) {
                    sink.accept(value);
                }
            };
        }

        /** Runs {@code close} when the turn ends (at once if it has); e.g. closes a watch the turn opened. */
        public void onEnd(Runnable close) {
            if (ended) {
                close.run();
            } else {
                onEnd.add(close);
            }
        }

        /** A task of this turn, listed in the task drawer. */
        public <T> TaskRunner.TaskHandle run(String title, Operation<T> operation, Consumer<T> onSuccess,
                                             Consumer<Throwable> onFailure) {
            return run(title, operation, onSuccess, onFailure, ignored -> { });
        }

        /** The same; {@code discard} gets a result that arrived after the turn ended. */
        public <T> TaskRunner.TaskHandle run(String title, Operation<T> operation, Consumer<T> onSuccess,
                                             Consumer<Throwable> onFailure, Consumer<T> discard) {
            return start(title, operation, onSuccess, onFailure, discard, true);
        }

        /**
         * A quiet look-up of this turn.
         *
         * @param discard gets a result that arrived after the turn ended (e.g. to close a session it opened)
         */
        public <T> TaskRunner.TaskHandle look(String title, Operation<T> operation, Consumer<T> onSuccess,
                                              Consumer<Throwable> onFailure, Consumer<T> discard) {
            return start(title, operation, onSuccess, onFailure, discard, false);
        }

        private <T> TaskRunner.TaskHandle start(String title, Operation<T> operation, Consumer<T> onSuccess,
                                                Consumer<Throwable> onFailure, Consumer<T> discard, boolean listed) {
            if (tasks == null) {
                throw new IllegalStateException("This slot starts no tasks");
            }
            if (!live()) {
                return () -> { }; // a superseded turn starts nothing more
            }
            TaskRunner.TaskHandle[] self = new TaskRunner.TaskHandle[1];
            boolean[] done = {false};
            Consumer<T> ok = result -> {
                done[0] = true;
                running.remove(self[0]);
                if (live()) {
                    onSuccess.accept(result);
                } else {
                    LOG.debug("{}: result dropped, superseded", title);
                    discard.accept(result);
                }
            };
            Consumer<Throwable> failed = error -> {
                done[0] = true;
                running.remove(self[0]);
                if (live()) {
                    onFailure.accept(error);
                } else {
                    LOG.debug("{}: failure dropped, superseded ({})", title, error.toString());
                }
            };
            TaskRunner.TaskHandle handle = listed ? tasks.run(title, operation, ok, failed)
                    : tasks.runQuietly(title, operation, ok, failed);
            self[0] = handle;
            if (!done[0]) { // an inline runner (tests) has called back already
                running.add(handle);
            }
            return handle;
        }

        private void finish() {
            if (ended) {
                return;
            }
            ended = true;
            List.copyOf(running).forEach(TaskRunner.TaskHandle::cancel);
            running.clear();
            List<Runnable> closers = List.copyOf(onEnd);
            onEnd.clear();
            for (Runnable r : closers) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("Ending a superseded turn: {}", e.toString());
                }
            }
        }
    }
}
