package dev.ponte.core.port;

import java.time.Duration;
import java.time.Instant;

/**
 * What to stream, as {@code kubectl logs} / {@code docker logs} take it.
 *
 * @param container  which container of a pod (null: the source's default)
 * @param previous   the previous, terminated instance of the container ({@code kubectl logs -p})
 * @param follow     keep streaming new lines
 * @param tailLines  only the last n lines of what exists (null: all)
 * @param since      only lines newer than this age (null: no limit); ignored when {@code sinceTime} is set
 * @param sinceTime  only lines from this instant on (used to resume after a reconnect); null: no limit
 */
public record LogRequest(String container, boolean previous, boolean follow, Integer tailLines, Duration since,
                         Instant sinceTime) {
    /** Follows the default container from its last 1,000 lines. */
    public static final LogRequest DEFAULT = new LogRequest(null, false, true, 1000, null, null);

    /** The same request, resumed after a drop: from {@code time} on, whatever tail or age was asked first. */
    public LogRequest resumeFrom(Instant time) {
        return time == null ? this : new LogRequest(container, previous, follow, null, null, time);
    }
}
