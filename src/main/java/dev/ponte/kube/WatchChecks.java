package dev.ponte.kube;

import java.time.Duration;

/**
 * How often a live list checks that its watch still delivers (see {@link InformerStream}), and how long a difference
 * between the API server's list and the cache may last before it counts as missed.
 */
public record WatchChecks(Duration period, Duration grace) {
    /** Once a minute: a metadata-only list per watched kind. */
    public static final WatchChecks DEFAULT = new WatchChecks(Duration.ofSeconds(60), Duration.ofSeconds(5));
    /** No checks (streams that live only seconds, like an operation's waits). */
    public static final WatchChecks OFF = new WatchChecks(Duration.ZERO, Duration.ZERO);

    boolean enabled() {
        return period.isPositive();
    }
}
