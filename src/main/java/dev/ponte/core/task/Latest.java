package dev.ponte.core.task;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Carries snapshots from any thread to one consumer thread, keeping only the newest: at most one hand-over is
 * pending, and it delivers whatever is newest when it runs. For state snapshots (each one replaces the last), where
 * {@link EventBatcher} is for events (each one counts).
 */
public final class Latest<T> implements Consumer<T> {
    private final AtomicReference<T> newest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Executor target;
    private final Consumer<T> sink;

    public Latest(Executor target, Consumer<T> sink) {
        this.target = target;
        this.sink = sink;
    }

    @Override
    public void accept(T value) {
        newest.set(value);
        if (pending.compareAndSet(false, true)) {
            target.execute(() -> {
                pending.set(false);
                T v = newest.getAndSet(null);
                if (v != null) {
                    sink.accept(v);
                }
            });
        }
    }
}
