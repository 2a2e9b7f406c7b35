package dev.ponte.cli;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.task.OperationCancelledException;
import java.time.Duration;

/**
 * Starts a connection operation (Connect, Disconnect, Clean up) on the {@link dev.ponte.core.connections.ConnectionService}
 * and follows it to its end: its steps as lines, what is being undone, and Ctrl-C as the window's Cancel.
 */
final class ConnectionFollower {
    /** Connect's own steps time out after 3 min each; this only stops a command whose service went silent. */
    static final Duration OPERATION_WAIT = Duration.ofMinutes(30);

    private final Ctx ctx;
    private final CliServices services;

    ConnectionFollower(Ctx ctx, CliServices services) {
        this.ctx = ctx;
        this.services = services;
    }

    /** The outcome: the connection as the operation left it, and whether Ctrl-C cancelled it. */
    record Outcome(ConnectionSnapshot connection, boolean interrupted, Throwable failure) {
    }

    Outcome run(String context, String title, Runnable start) {
        StepLines lines = new StepLines(ctx.term.err(), ctx.term.live());
        ctx.term.err().println(title);
        ctx.term.err().flush();
        ConnectionsSnapshot end;
        Runnable cancel = () -> {
            lines.finish();
            ctx.term.err().println("Cancelling — undoing what this attempt made (as the window's Cancel does)…");
            ctx.term.err().flush();
            services.connections().cancel(context);
        };
        try (Interrupts.Registration ignored = ctx.interrupts.onInterrupt(cancel)) {
            start.run();
            if (ctx.interrupts.fired()) {
                services.connections().cancel(context);
            }
            end = Base.await(services.connections(), s -> s.of(context).map(c -> !c.state().isBusy()).orElse(true),
                    OPERATION_WAIT, s -> s.of(context).ifPresent(c -> {
                        lines.all(c.steps());
                        lines.undoing(c.undoing());
                    }), title);
        }
        lines.finish();
        ConnectionSnapshot c = end.of(context).orElseThrow();
        return new Outcome(c, ctx.interrupts.fired(), c.operation().isEmpty() ? null : ctx.launcher.failure(c.operation()));
    }

    /** After Ctrl-C: says what was undone (or what could not be) and returns 130. */
    int interrupted(Outcome o) {
        if (o.failure() instanceof OperationCancelledException cancelled) {
            if (cancelled.left().isEmpty()) {
                ctx.term.err().println("Cancelled. " + (cancelled.undone().isEmpty() ? "Nothing had been created."
                        : "Undone: " + String.join(", ", cancelled.undone()) + "."));
            } else {
                ctx.term.err().println("Cancelled. Could not undo: " + String.join("; ", cancelled.left()) + ".");
                ctx.term.err().println("  Remove what is left: ponte clean --clean-up " + Base.label(o.connection()));
            }
        } else if (o.connection().problem() != null) {
            ctx.term.err().println("Cancelled: " + o.connection().problem().title() + ". " + o.connection().problem().detail());
            ctx.term.err().println("  " + o.connection().problem().advice());
        } else {
            ctx.term.err().println("Interrupted. " + o.connection().result());
        }
        ctx.term.err().flush();
        return ExitCode.INTERRUPTED;
    }
}
