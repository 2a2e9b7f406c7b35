package dev.ponte.kube.gefyra;

import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.kube.Fabric8Errors;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Blocks on a future that a watch completes (fabric8 {@code informOnCondition} or an informer handler), bounded by
 * a timeout and ended at once by a {@link CancellationToken}. Never polls: the calling thread parks on the future.
 * Completing or cancelling the future stops the informer behind it.
 */
final class Waits {
    private Waits() {
    }

    /**
     * @throws TimeoutException      when {@code timeout} passes first (the future is cancelled)
     * @throws CancellationException when the token is cancelled (or the thread interrupted)
     * @throws RuntimeException      the watch's failure, translated for {@code ErrorAdvice}
     */
    static <T> T get(CompletableFuture<T> future, Duration timeout, CancellationToken cancel) throws TimeoutException {
        cancel.onCancel(() -> future.cancel(true));
        try {
            return future.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new CancellationException("Interrupted");
        } catch (CancellationException e) {
            throw new CancellationException("Cancelled");
        } catch (ExecutionException e) {
            throw Fabric8Errors.translate(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            if (cancel.isCancelled()) {
                throw new CancellationException("Cancelled");
            }
            throw e;
        }
    }

    /** Like {@link #get} but a timeout becomes a {@link PonteException} with the given problem (cause: the timeout). */
    static <T> T get(CompletableFuture<T> future, Duration timeout, CancellationToken cancel,
                     Supplier<Problem> onTimeout) {
        try {
            return get(future, timeout, cancel);
        } catch (TimeoutException e) {
            throw new PonteException(onTimeout.get(), e);
        }
    }

    /** A TIMEOUT problem: "{@code what} did not happen within {@code timeout}". */
    static Problem timeout(String title, String detail, String advice) {
        return new Problem(Problem.Kind.TIMEOUT, title, detail, advice);
    }

    static String seconds(Duration d) {
        long s = d.toSeconds();
        return s >= 120 && s % 60 == 0 ? s / 60 + " min" : s + " s";
    }
}
