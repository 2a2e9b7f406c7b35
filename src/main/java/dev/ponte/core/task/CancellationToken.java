package dev.ponte.core.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/** Cooperative cancellation for an operation; listeners let blocking waits end at once. */
public final class CancellationToken {
    private volatile boolean cancelled;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            listeners.forEach(Runnable::run);
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancellationException} if cancelled: call between steps. */
    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancellationException("Cancelled");
        }
    }

    /** Runs the action when cancelled (at once if already cancelled). */
    public void onCancel(Runnable action) {
        listeners.add(action);
        if (cancelled) {
            action.run();
        }
    }
}
