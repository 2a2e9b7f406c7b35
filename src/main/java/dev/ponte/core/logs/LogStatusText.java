package dev.ponte.core.logs;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The status line of a log tab: how many lines it shows, what the rings dropped, and how its streams are doing. */
public final class LogStatusText {
    private LogStatusText() {
    }

    /**
     * @param shown lines in the tab's list now
     * @param dropped lines the rings have pushed out so far
     * @param capacity lines kept per source
     * @param states the latest state of each stream, in the order they first reported
     */
    public static String of(int shown, long dropped, int capacity, Collection<LogFollower.State> states) {
        StringBuilder sb = new StringBuilder(String.format(shown == 1 ? "%,d line" : "%,d lines", shown));
        if (dropped > 0) {
            sb.append(String.format(" (%,d older dropped; keeping %,d per source)", dropped, capacity));
        }
        boolean several = states.size() > 1;
        if (several) {
            sb.append(" · ").append(states.size()).append(" streams");
        }
        Map<LogFollower.Status, Long> counts = states.stream()
                .collect(Collectors.groupingBy(LogFollower.State::status, LinkedHashMap::new, Collectors.counting()));
        counts.forEach((st, n) -> {
            if (st != LogFollower.Status.STREAMING || several) {
                sb.append(" · ").append(several ? n + " " : "").append(word(st));
            }
        });
        states.stream().filter(s -> s.status() == LogFollower.Status.RECONNECTING).findFirst().ifPresent(s ->
                sb.append(" · ").append(s.part()).append(": retrying in ").append(s.retryIn().toSeconds()).append(" s")
                        .append(s.problem() != null ? " (" + s.problem().title() + ")" : " (stream ended)"));
        states.stream().filter(s -> s.problem() != null && s.status() == LogFollower.Status.FAILED).findFirst()
                .ifPresent(s -> sb.append(" · ").append(s.problem().title()).append(" — ").append(s.problem().advice()));
        return sb.toString();
    }

    private static String word(LogFollower.Status s) {
        return switch (s) {
            case CONNECTING -> "connecting";
            case STREAMING -> "streaming";
            case RECONNECTING -> "reconnecting";
            case ENDED -> "ended";
            case FAILED -> "failed";
            case CLOSED -> "closed";
        };
    }
}
