package dev.ponte.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts a deadline on getting an answer (connect, send, response headers) from an engine. docker-java's
 * unix sockets are JDK {@code SocketChannel}s, which ignore the HTTP client's socket timeout: a stuck
 * engine (a frozen Docker Desktop VM, a Podman service that accepts but never answers) would block a
 * call forever. When the deadline passes, the calling thread is interrupted, which closes the channel
 * and ends the blocked read; the call then fails with a {@link SocketTimeoutException} in the chain.
 * Streams read after the headers (exec output) are bounded by their callers.
 */
final class DeadlineHttpClient implements DockerHttpClient {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int FIRED = 2;
    /** One daemon timer thread for all engines; it only fires interrupts. */
    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private final DockerHttpClient delegate;
    private final Duration deadline;

    DeadlineHttpClient(DockerHttpClient delegate, Duration deadline) {
        this.delegate = delegate;
        this.deadline = deadline;
    }

    @Override
    public Response execute(Request request) {
        Thread caller = Thread.currentThread();
        AtomicInteger state = new AtomicInteger(RUNNING);
        ScheduledFuture<?> timer = WATCHDOG.schedule(() -> {
            if (state.compareAndSet(RUNNING, FIRED)) {
                caller.interrupt();
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        Response response;
        try {
            response = delegate.execute(request);
        } catch (RuntimeException e) {
            if (state.compareAndSet(RUNNING, DONE)) {
                timer.cancel(false);
                throw e;
            }
            Thread.interrupted(); // our interrupt, not the caller's cancellation
            throw timeout(request, e);
        }
        if (state.compareAndSet(RUNNING, DONE)) {
            timer.cancel(false);
            return response;
        }
        Thread.interrupted(); // fired just as the answer came: too late, like any other timeout
        try {
            response.close();
        } catch (Exception ignored) {
            // the channel is already closed by the interrupt
        }
        throw timeout(request, null);
    }

    private RuntimeException timeout(Request request, Throwable cause) {
        SocketTimeoutException ste = new SocketTimeoutException(
                "no answer to " + request.method() + " " + request.path() + " within " + deadline.toMillis() + " ms");
        if (cause != null) {
            ste.initCause(cause);
        }
        return new RuntimeException(ste);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor timer = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "ponte-engine-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
