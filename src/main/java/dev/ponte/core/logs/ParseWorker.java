package dev.ponte.core.logs;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;

/**
 * One thread that parses the lines of a view's streams, in the order they arrived, so a stream's own thread only
 * reads and splits bytes and copies each line's bytes with its timestamp ({@link LogLineParser.Prepared}): on a
 * flooding log the two halves then run side by side, each about half the work. Bounded: when {@link #CAPACITY} batches wait, the stream thread
 * that hands over one more waits too, so a fast stream slows down (its socket fills) instead of memory filling up.
 * Started on the first task, stopped by {@link #close()}; tasks still waiting then are dropped (their view is gone).
 */
public final class ParseWorker implements Executor, AutoCloseable {
    static final int CAPACITY = 8;

    private final String name;
    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(CAPACITY);
    private Thread thread;
    private volatile boolean closed;
    /** {@link System#nanoTime()} before which the worker starts no new task: the UI is drawing. */
    private volatile long quietUntil;

    public ParseWorker(String name) {
        this.name = name;
    }

    /** From a stream's thread: queues a task, waiting while {@link #CAPACITY} are queued already. */
    @Override
    public void execute(Runnable task) {
        if (closed) {
            return;
        }
        start();
        try {
            while (!closed && !queue.offer(task, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // full: the worker is behind; look again (closed ends the wait)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the stream is being closed
        }
    }

    private synchronized void start() {
        if (thread == null && !closed) {
            // Below the UI thread: while a log floods, the worker and the stream's thread can fill both cores of a
            // small machine, and the UI must still get its turn. (Honoured on Windows and macOS; on Linux only with
            // -XX:ThreadPriorityPolicy=1, where lowering a thread's priority needs no privileges.)
            thread = Thread.ofPlatform().daemon().name(name).priority(Thread.MIN_PRIORITY).start(this::run);
        }
    }

    /**
     * Asks the worker to start no new task for the next {@code nanos}: the UI thread is about to lay out and draw
     * new lines, and on a small machine the worker and the stream's thread would otherwise take both cores while it
     * does (LogBench: a 10 ms layout then took 40–80 ms). The stream's thread stops too once the queue is full.
     */
    public void stepAside(long nanos) {
        quietUntil = System.nanoTime() + nanos;
    }

    private void run() {
        try {
            while (!closed) {
                Runnable task = queue.take();
                for (long now = System.nanoTime(), until = quietUntil; now < until; now = System.nanoTime()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(until - now);
                }
                if (!closed) {
                    task.run();
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
        if (thread != null) {
            thread.interrupt();
        }
    }
}
