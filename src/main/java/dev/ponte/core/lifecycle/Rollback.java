package dev.ponte.core.lifecycle;

import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.OperationCancelledException;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Progress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Undo actions for what one run created — and only that — run newest first. */
final class Rollback {
    private static final Logger LOG = LoggerFactory.getLogger(Rollback.class);

    @FunctionalInterface
    interface Undo {
        void run() throws Exception;
    }

    private record Entry(String what, Undo undo) {
    }

    /**
     * Thrown by an undo that found nothing to remove (a create that failed before it made anything): neither undone nor
     * failed, so the user is not told that something was removed that never was.
     */
    static final class NothingToUndo extends Exception {
        NothingToUndo() {
            super(null, null, false, false);
        }
    }

    /** What undoing did: {@code undone} worked, {@code failed} did not (with the reason). */
    record Result(List<String> undone, List<String> failed) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    void push(String what, Undo undo) {
        entries.push(new Entry(what, undo));
    }

    /** Runs every undo, reporting each through {@code progress}; failures are collected, not thrown, so the rest still runs. */
    Result run(Progress progress) {
        List<String> undone = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        while (!entries.isEmpty()) {
            Entry e = entries.pop();
            progress.undoing(entries.size() + 1, e.what());
            try {
                e.undo().run();
                undone.add(e.what());
                LOG.info("Rolled back: {}", e.what());
            } catch (NothingToUndo nothing) {
                LOG.info("Nothing to roll back for: {}", e.what());
            } catch (Exception ex) {
                String why = ErrorAdvice.explain(ex, "the cluster").detail();
                LOG.warn("Rollback of '{}' failed: {}", e.what(), why);
                failed.add(e.what() + ": " + why);
            }
        }
        progress.undoing(0, "");
        return new Result(undone, failed);
    }

    /**
     * The operation stopped with {@code error}: undo what it created, then throw what the user should see — the
     * cancellation with what was undone, the error itself when undoing worked, or a problem naming what is left.
     */
    Exception undo(Exception error, CancellationToken cancel, Progress progress, String failedTitle, String leftAdvice) {
        Result r = run(progress);
        if (cancel.isCancelled()) {
            return new OperationCancelledException(r.undone(), r.failed());
        }
        if (!r.failed().isEmpty()) {
            return new PonteException(new Problem(Problem.Kind.UNKNOWN, failedTitle,
                    ErrorAdvice.explain(error, "the cluster").detail() + " Could not undo: " + String.join("; ", r.failed()),
                    leftAdvice), error);
        }
        return error;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }
}
