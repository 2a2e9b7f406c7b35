package dev.ponte.app;

import dev.ponte.core.port.Scheduler;
import dev.ponte.core.port.Subscription;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@link Scheduler} on one scheduled executor. */
final class ExecutorScheduler implements Scheduler {
    private final ScheduledExecutorService executor;

    ExecutorScheduler(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public Subscription schedule(Duration delay, Runnable action) {
        ScheduledFuture<?> f = executor.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }
}
