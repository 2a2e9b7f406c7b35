package dev.ponte.core.task;

import java.time.Duration;

/** Exponential back-off between retries: 1 s, 2 s, 4 s … capped. */
public record Backoff(Duration initial, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** Delay before retry number {@code attempt} (1-based). */
    public Duration delay(int attempt) {
        long ms = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}
