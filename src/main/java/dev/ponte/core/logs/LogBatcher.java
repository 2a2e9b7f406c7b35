package dev.ponte.core.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Carries parsed lines from stream threads to the UI thread in batches, like
 * {@link dev.ponte.core.task.EventBatcher}: at most one drain is pending, and a drain takes everything
 * queued. Unlike it, the queue is bounded: when the UI thread falls more than {@code limit} lines behind,
 * the oldest queued batches are dropped (the ring would drop them anyway) and the drain reports how many,
 * so the view can say so. Producers never block.
 */
public final class LogBatcher {
    /** One drain's worth: the lines in arrival order and how many were dropped before them. */
    public record Batch(List<LogLine> lines, long dropped) {
    }

    private final ConcurrentLinkedQueue<List<LogLine>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final Executor target;
    private final Consumer<Batch> sink;
    private final long limit;
    private final int perDrain;

    /**
     * @param target runs the drain on the consumer thread ({@code Platform::runLater})
     * @param limit    lines that may wait before the oldest are dropped (e.g. the ring capacity)
     * @param perDrain lines one drain takes at most; the rest goes to the next drain, posted at once, so one
     *                 burst does not hold the consumer thread for long
     */
    public LogBatcher(Executor target, long limit, int perDrain, Consumer<Batch> sink) {
        this.target = target;
        this.limit = limit;
        this.perDrain = perDrain;
        this.sink = sink;
    }

    public LogBatcher(Executor target, long limit, Consumer<Batch> sink) {
        this(target, limit, Integer.MAX_VALUE, sink);
    }

    public void add(List<LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        queue.add(lines);
        long n = queued.addAndGet(lines.size());
        while (n > limit) {
            List<LogLine> oldest = queue.poll();
            if (oldest == null) {
                break;
            }
            n = queued.addAndGet(-oldest.size());
            dropped.addAndGet(oldest.size());
        }
        if (drainPending.compareAndSet(false, true)) {
            target.execute(this::drain);
        }
    }

    private void drain() {
        drainPending.set(false);
        List<LogLine> batch = new ArrayList<>();
        for (List<LogLine> part; batch.size() < perDrain && (part = queue.poll()) != null; ) {
            queued.addAndGet(-part.size());
            batch.addAll(part);
        }
        if (!queue.isEmpty() && drainPending.compareAndSet(false, true)) {
            target.execute(this::drain);
        }
        long lost = dropped.getAndSet(0);
        if (!batch.isEmpty() || lost > 0) {
            sink.accept(new Batch(batch, lost));
        }
    }
}
