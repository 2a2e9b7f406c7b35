package dev.ponte.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ctrl-C for the command line. A command that runs an operation registers how to cancel it ({@link #onInterrupt});
 * Ctrl-C (the process's shutdown hook calls {@link #fire}) cancels it the way the window's Cancel does and then waits
 * until the command has printed what was undone ({@link #settled}), so the process ends only once nothing it made is
 * left. Tests call {@link #fire} themselves.
 */
public final class Interrupts {
    /** How long Ctrl-C waits for the undoing before the process ends anyway (the journal then lists what is left). */
    public static final Duration UNDO_BUDGET = Duration.ofMinutes(2);

    private final AtomicReference<Runnable> cancel = new AtomicReference<>();
    private final CountDownLatch fired = new CountDownLatch(1);
    private final CountDownLatch settled = new CountDownLatch(1);

    /** A registration: closing it means the operation is over and nothing is left to cancel. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** While the returned registration is open, Ctrl-C runs {@code action} (once). */
    public Registration onInterrupt(Runnable action) {
        cancel.set(action);
        if (fired()) {
            action.run();
        }
        return () -> cancel.compareAndSet(action, null);
    }

    private volatile boolean cancelling;

    /** Ctrl-C: cancels what runs now. */
    public void fire() {
        fired.countDown();
        Runnable r = cancel.get();
        if (r != null) {
            cancelling = true;
            r.run();
        }
    }

    /** True when Ctrl-C cancelled an operation (then the process waits for its undoing before it ends). */
    public boolean cancelling() {
        return cancelling;
    }

    public boolean fired() {
        return fired.getCount() == 0;
    }

    /** The command has finished (after an interrupt: it has undone and said so). */
    public void settled() {
        settled.countDown();
    }

    /** Called by the shutdown hook after {@link #fire}: true when the command settled within the budget. */
    public boolean awaitSettled(Duration budget) {
        try {
            return settled.await(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Blocks a command that only stops on Ctrl-C (following logs) until it comes. */
    public void awaitFired() throws InterruptedException {
        fired.await();
    }
}
