package dev.ponte.core.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs an operation's named steps in order and reports each one's state and elapsed time, so the
 * UI can show a step list. Also feeds the plain {@link Progress} (progress bar, message).
 */
public final class Steps {
    private final List<String> names;
    private final Consumer<StepEvent> listener;
    private final Progress progress;
    private final CancellationToken cancel;
    private final Clock clock;
    private int current;

    public Steps(List<String> names, Consumer<StepEvent> listener, Progress progress, CancellationToken cancel, Clock clock) {
        this.names = List.copyOf(names);
        this.listener = listener;
        this.progress = progress;
        this.cancel = cancel;
        this.clock = clock;
        for (int i = 0; i < names.size(); i++) {
            listener.accept(new StepEvent(i + 1, names.size(), names.get(i), StepEvent.State.PENDING, Duration.ZERO, ""));
        }
    }

    /** Work of one step; returns the detail to show when it is done. */
    @FunctionalInterface
    public interface Work {
        String run(Step step) throws Exception;
    }

    /** Handle a running step uses to report details. */
    public final class Step {
        private final int index;
        private final Instant started;

        private Step(int index, Instant started) {
            this.index = index;
            this.started = started;
        }

        public void detail(String text) {
            emit(index, StepEvent.State.RUNNING, started, text);
            progress.message(names.get(index) + ": " + text);
        }
    }

    /** Runs the step named {@code name} (must be the next one); throws if cancelled before it starts. */
    public void run(String name, Work work) throws Exception {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("Unknown step " + name);
        }
        for (int skipped = current; skipped < index; skipped++) {
            emit(skipped, StepEvent.State.SKIPPED, clock.instant(), "not needed");
        }
        current = index;
        cancel.throwIfCancelled();
        current = index + 1;
        Instant started = clock.instant();
        progress.step(name, index + 1, names.size());
        emit(index, StepEvent.State.RUNNING, started, "");
        try {
            String detail = work.run(new Step(index, started));
            emit(index, StepEvent.State.DONE, started, detail == null ? "" : detail);
        } catch (java.util.concurrent.CancellationException e) {
            emit(index, StepEvent.State.CANCELLED, started, "cancelled");
            throw e;
        } catch (Exception e) {
            emit(index, StepEvent.State.FAILED, started, ErrorAdvice.explain(e, "the cluster").detail());
            throw e;
        }
    }

    /** Marks a step done with a warning (pre-flight checks that do not stop the operation). */
    public void warn(String name, String detail) {
        int index = names.indexOf(name);
        emit(index, StepEvent.State.WARNING, clock.instant(), detail);
    }

    /** Marks every step not yet run as skipped (operation ended early). */
    public void skipRest(String why) {
        for (int i = current; i < names.size(); i++) {
            emit(i, StepEvent.State.SKIPPED, clock.instant(), why);
        }
        current = names.size();
    }

    private void emit(int index, StepEvent.State state, Instant started, String detail) {
        listener.accept(new StepEvent(index + 1, names.size(), names.get(index), state,
                Duration.between(started, clock.instant()), detail));
    }
}
