package dev.ponte.cli;

import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.OperationCancelledException;
import dev.ponte.core.task.TaskLauncher;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs one core operation (Run, Bridge, Mount, Unbridge) on the run's launcher, as the window's task layer does, and
 * waits for it; Ctrl-C flips its cancellation token and the operation undoes what it made before it ends.
 */
final class OperationRunner {
    private final Ctx ctx;

    OperationRunner(Ctx ctx) {
        this.ctx = ctx;
    }

    /** The operation's result; a failure or a cancel becomes a {@link CliException} with what to tell the user. */
    <T> T run(String title, Operation<T> operation, StepLines lines, String target) {
        CompletableFuture<T> done = new CompletableFuture<>();
        TaskLauncher.Cancellable running;
        Runnable cancel = () -> {
            lines.finish();
            ctx.term.err().println("Cancelling — undoing what " + title + " made (as the window's Cancel does)…");
            ctx.term.err().flush();
        };
        TaskLauncher.Cancellable[] handle = new TaskLauncher.Cancellable[1];
        try (Interrupts.Registration ignored = ctx.interrupts.onInterrupt(() -> {
            cancel.run();
            if (handle[0] != null) {
                handle[0].cancel();
            }
        })) {
            running = ctx.launcher.launch(title, operation, done::complete, done::completeExceptionally);
            handle[0] = running;
            if (ctx.interrupts.fired()) {
                running.cancel();
            }
            try {
                return done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.cancel();
                throw new CliException(ExitCode.INTERRUPTED, "Interrupted.", "");
            } catch (ExecutionException e) {
                throw explain(e.getCause(), target);
            } catch (java.util.concurrent.CancellationException e) {
                throw explain(e, target); // a future completed with a CancellationException throws it as it is
            }
        } finally {
            lines.finish();
        }
    }

    private CliException explain(Throwable error, String target) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OperationCancelledException found) { // a future may hand it over wrapped
                error = found;
                break;
            }
        }
        if (error instanceof OperationCancelledException c) {
            String message = c.left().isEmpty()
                    ? "Cancelled. " + (c.undone().isEmpty() ? "Nothing had been created." : "Undone: " + String.join(", ", c.undone()) + ".")
                    : "Cancelled. Could not undo: " + String.join("; ", c.left()) + ".";
            return new CliException(ExitCode.INTERRUPTED, message, c.left().isEmpty() ? ""
                    : "See what is left: ponte clean; remove it: ponte clean --clean-up CONTEXT");
        }
        if (error instanceof java.util.concurrent.CancellationException) {
            return new CliException(ExitCode.INTERRUPTED, "Cancelled. Nothing was left behind.", "");
        }
        var p = ErrorAdvice.explain(error, target);
        int code = p.kind() == dev.ponte.core.task.Problem.Kind.NOT_FOUND ? ExitCode.NOT_FOUND : ExitCode.FAILED;
        return new CliException(code, p.title() + ": " + p.detail(), p.advice());
    }
}
