package dev.ponte.testsupport;

import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.Progress;
import dev.ponte.ui.common.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Holds every task until the test runs it ({@link #runNext}, {@link #runAll}), on the test's thread: a view-model
 * test can then switch contexts while a look-up is still "in flight" and see what becomes of its answer.
 */
public final class ManualTaskRunner implements TaskRunner {
    /** One task not yet run. */
    public final class Pending {
        public final String title;
        public final CancellationToken token = new CancellationToken();
        private final Operation<?> operation;
        private final Consumer<Object> onSuccess;
        private final Consumer<Throwable> onFailure;

        @SuppressWarnings("unchecked")
        <T> Pending(String title, Operation<T> operation, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            this.title = title;
            this.operation = operation;
            this.onSuccess = (Consumer<Object>) onSuccess;
            this.onFailure = onFailure;
        }

        /** Runs the operation now (even when cancelled: it sees its token) and calls back. */
        public void run() {
            pending.remove(this);
            Object result;
            try {
                result = operation.run(Progress.NONE, token);
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(result);
        }

        @Override
        public String toString() {
            return title + (token.isCancelled() ? " (cancelled)" : "");
        }
    }

    public final List<Pending> pending = new ArrayList<>();
    /** Every task started so far, in order. */
    public final List<Pending> started = new ArrayList<>();

    @Override
    public <T> TaskHandle run(String title, Operation<T> operation, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Pending p = new Pending(title, operation, onSuccess, onFailure);
        pending.add(p);
        started.add(p);
        return p.token::cancel;
    }

    /** The oldest task whose title starts with {@code prefix}. */
    public Pending find(String prefix) {
        return pending.stream().filter(p -> p.title.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no pending task '" + prefix + "…' in " + pending));
    }

    public void runNext() {
        pending.getFirst().run();
    }

    /** Runs tasks until none is left (tasks may start more). */
    public void runAll() {
        while (!pending.isEmpty()) {
            runNext();
        }
    }
}
