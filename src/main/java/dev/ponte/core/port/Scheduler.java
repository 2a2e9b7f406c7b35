package dev.ponte.core.port;

import java.time.Duration;

/** Runs something later (retries, back-off). Tests use a manual scheduler that advances on demand. */
public interface Scheduler {
    /** Runs {@code action} once after {@code delay}, on a background thread; returns how to cancel it. */
    Subscription schedule(Duration delay, Runnable action);
}
