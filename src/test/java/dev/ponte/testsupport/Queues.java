package dev.ponte.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Waiting for an event that listeners put on a queue (health samples, say), with a deadline and what was seen. */
public final class Queues {
    private Queues() {
    }

    /** The first queued item that satisfies {@code wanted} within {@code deadline}; fails listing what came instead. */
    public static <T> T awaitMatching(BlockingQueue<T> events, Predicate<T> wanted, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        List<T> seen = new ArrayList<>();
        for (long left = deadline.toNanos(); left > 0; left = end - System.nanoTime()) {
            T item = events.poll(left, TimeUnit.NANOSECONDS);
            if (item == null) {
                break;
            }
            if (wanted.test(item)) {
                return item;
            }
            seen.add(item);
        }
        throw new AssertionError("no matching event within " + deadline.toSeconds() + " s; saw " + seen);
    }
}
