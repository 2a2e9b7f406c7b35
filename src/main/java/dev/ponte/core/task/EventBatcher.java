package dev.ponte.core.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Carries events from producer threads to one consumer thread (the UI thread) in batches: at most
 * one drain is pending at a time, and each drain hands over everything queued so far. Producers
 * never block.
 */
public final class EventBatcher<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final Executor target;
    private final Consumer<List<T>> sink;

    /**
     * @param target runs the drain on the consumer thread (e.g. {@code Platform::runLater})
     * @param sink   receives each non-empty batch, on the target thread
     */
    public EventBatcher(Executor target, Consumer<List<T>> sink) {
        this.target = target;
        this.sink = sink;
    }

    public void add(T event) {
        queue.add(event);
        if (drainPending.compareAndSet(false, true)) {
            target.execute(this::drain);
        }
    }

    private void drain() {
        drainPending.set(false);
        List<T> batch = new ArrayList<>();
        for (T e; (e = queue.poll()) != null; ) {
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
