package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponte.core.logs.LogFollower.State;
import dev.ponte.core.logs.LogFollower.Status;
import dev.ponte.core.task.Problem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogStatusTextTest {
    private static State state(String part, Status status) {
        return new State(part, status, Duration.ZERO, null);
    }

    @Test
    void oneStreamThatStreamsSaysOnlyTheLines() {
        assertEquals("1 line", LogStatusText.of(1, 0, 10_000, List.of(state("api-1", Status.STREAMING))));
        assertEquals("12,345 lines", LogStatusText.of(12_345, 0, 10_000, List.of(state("api-1", Status.STREAMING))));
    }

    @Test
    void droppedLinesNameTheRingSize() {
        assertEquals("10,000 lines (2,500 older dropped; keeping 10,000 per source) · ended",
                LogStatusText.of(10_000, 2_500, 10_000, List.of(state("api-1", Status.ENDED))));
    }

    @Test
    void severalStreamsAreCountedByState() {
        assertEquals("3 lines · 3 streams · 2 streaming · 1 connecting", LogStatusText.of(3, 0, 100,
                List.of(state("a", Status.STREAMING), state("b", Status.STREAMING), state("c", Status.CONNECTING))));
    }

    @Test
    void aReconnectingStreamSaysWhenAndWhy() {
        Problem gone = new Problem(Problem.Kind.UNREACHABLE, "Cluster unreachable", "connection refused", "Check the VPN.");
        assertEquals("0 lines · reconnecting · api-1: retrying in 4 s (Cluster unreachable)", LogStatusText.of(0, 0, 100,
                List.of(new State("api-1", Status.RECONNECTING, Duration.ofSeconds(4), gone))));
        assertEquals("0 lines · reconnecting · api-1: retrying in 2 s (stream ended)", LogStatusText.of(0, 0, 100,
                List.of(new State("api-1", Status.RECONNECTING, Duration.ofSeconds(2), null))));
    }

    @Test
    void aFailedStreamGivesItsAdvice() {
        Problem denied = new Problem(Problem.Kind.FORBIDDEN, "Not allowed", "pods/log is forbidden",
                "Ask for the 'get pods/log' permission.");
        assertEquals("0 lines · failed · Not allowed — Ask for the 'get pods/log' permission.", LogStatusText.of(0, 0, 100,
                List.of(new State("api-1", Status.FAILED, Duration.ZERO, denied))));
    }
}
