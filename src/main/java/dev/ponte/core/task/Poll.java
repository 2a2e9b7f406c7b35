package dev.ponte.core.task;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits for a condition that nothing announces (a state inside a container, seen only by asking):
 * asks every {@code interval} until it holds, the deadline passes, or the token is cancelled —
 * cancellation ends the wait at once.
 */
public final class Poll {
    private Poll() {
    }

    /**
     * @param check returns a non-null result once the condition holds
     * @param what  what is awaited, for the timeout message
     */
    public static <T> T until(String what, Supplier<T> check, Duration timeout, Duration interval,
                              CancellationToken cancel) throws TimeoutException, InterruptedException {
        CountDownLatch cancelled = new CountDownLatch(1);
        cancel.onCancel(cancelled::countDown);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            cancel.throwIfCancelled();
            T result = check.get();
            if (result != null) {
                return result;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            if (cancelled.await(Math.min(left, interval.toNanos()), TimeUnit.NANOSECONDS)) {
                throw new CancellationException("Cancelled while waiting for " + what);
            }
        }
    }
}
