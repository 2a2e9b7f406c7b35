package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.port.LogRequest;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.Backoff;
import dev.ponte.testsupport.ManualScheduler;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogFollowerTest {
    private final FakeLogSource source = new FakeLogSource("pod/api", "api-1");
    private final ManualScheduler scheduler = new ManualScheduler();
    private Instant now = Instant.parse("2025-05-01T10:00:10Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final List<LogLine> received = new ArrayList<>();
    private final List<LogFollower.State> states = new ArrayList<>();
    private final LogFollower follower = new LogFollower(source, "api-1", LogRequest.DEFAULT, new LogLineParser(new AtomicLong()),
            scheduler, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), clock, new LogFollower.Sink() {
        @Override
        public void lines(List<LogLine> lines) {
            received.addAll(lines);
        }

        @Override
        public void state(LogFollower.State state) {
            states.add(state);
        }
    });

    private void advance(Duration d) {
        now = now.plus(d);
        scheduler.advance(d);
    }

    @Test
    void reconnectsAfterADropFromTheLastTimestampAndMarksTheGap() {
        follower.start();
        assertEquals(LogRequest.DEFAULT, source.last().request);
        source.last().push("2025-05-01T10:00:09.100000000Z one", "2025-05-01T10:00:09.900000000Z two");
        source.last().listener.onError(new ConnectException("Connection reset"));
        assertEquals(LogFollower.Status.RECONNECTING, states.getLast().status());
        assertEquals(Duration.ofSeconds(1), states.getLast().retryIn());

        advance(Duration.ofSeconds(1));
        assertEquals(2, source.opened.size());
        source.last().listener.onError(new ConnectException("Connection refused"));
        assertEquals(Duration.ofSeconds(2), scheduler.pending().getFirst());
        advance(Duration.ofSeconds(2));
        advance(Duration.ofSeconds(1)); // nothing pending: time passes until the stream is back

        LogRequest resumed = source.last().request;
        assertEquals(Instant.parse("2025-05-01T10:00:09.900Z"), resumed.sinceTime());
        assertNull(resumed.tailLines(), "a resumed stream asks for lines since the last one, not the tail again");
        // The API resumes at whole seconds: the lines it repeats are skipped.
        source.last().push("2025-05-01T10:00:09.100000000Z one", "2025-05-01T10:00:09.900000000Z two",
                "2025-05-01T10:00:13.000000000Z three");
        List<String> texts = received.stream().map(LogLine::text).toList();
        assertEquals(List.of("one", "two", "— stream reconnected after 3 s; lines in between may be missing —", "three"), texts);
        assertEquals(LogLine.Kind.GAP, received.get(2).kind());
        assertEquals(LogFollower.Status.STREAMING, states.getLast().status());
    }

    @Test
    void theGapIsMeasuredFromTheDropToTheReopen() {
        follower.start();
        source.last().push("2025-05-01T10:00:09Z a");
        source.last().listener.onEnd();
        advance(Duration.ofSeconds(1));
        source.last().listener.onEnd();
        advance(Duration.ofSeconds(2));
        advance(Duration.ofSeconds(1)); // back since +3 s (the fake opens at once)
        // no lines for a while after the reopen: the marker still says when the stream came back
        advance(Duration.ofSeconds(10));
        source.last().push("2025-05-01T10:00:30Z b");
        assertEquals("— stream reconnected after 3 s; lines in between may be missing —", received.get(1).text());
    }

    @Test
    void backOffGrowsAndResetsOnceLinesFlowAgain() {
        follower.start();
        for (int i = 0; i < 6; i++) {
            source.last().listener.onError(new ConnectException("refused"));
            Duration d = scheduler.pending().getFirst();
            assertEquals(Duration.ofSeconds(Math.min(30, 1L << i)), d);
            advance(d);
        }
        source.last().push("2025-05-01T10:01:00Z back");
        source.last().listener.onError(new ConnectException("refused"));
        assertEquals(Duration.ofSeconds(1), scheduler.pending().getFirst());
    }

    @Test
    void aFailureThatWaitingCannotFixStopsWithAdvice() {
        follower.start();
        source.last().listener.onError(new ApiStatusException(404, "pods \"api-1\" not found", null));
        assertTrue(scheduler.pending().isEmpty());
        assertEquals(LogFollower.Status.FAILED, states.getLast().status());
        LogLine notice = received.getLast();
        assertEquals(LogLine.Kind.NOTICE, notice.kind());
        assertTrue(notice.text().contains("Not found"), notice.text());
    }

    /**
     * The follower fills the same batch again for each of a stream's deliveries: a sink that keeps what it copied during
     * the call sees each delivery's lines, and only those, also after a reconnect (the line-by-line path) and back.
     */
    @Test
    void eachBatchHoldsItsOwnLinesThoughTheBatchIsReused() {
        FakeLogSource s = new FakeLogSource("pod/api", "api-1");
        List<List<String>> batches = new ArrayList<>();
        List<LineBatch> seen = new ArrayList<>();
        LogFollower f = new LogFollower(s, "api-1", LogRequest.DEFAULT, new LogLineParser(new AtomicLong()), scheduler,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), clock, new LogFollower.Sink() {
            @Override
            public void lines(List<LogLine> lines) {
                batches.add(lines.stream().map(LogLine::text).toList());
            }

            @Override
            public void batch(LineBatch batch) {
                seen.add(batch);
                batches.add(batch.toLines().stream().map(LogLine::text).toList());
            }

            @Override
            public void state(LogFollower.State state) {
            }
        });
        f.start();
        s.last().push("2025-05-01T10:00:01Z one", "2025-05-01T10:00:02Z \u001b[31mtwo\u001b[0m",
                "2025-05-01T10:00:03Z {\"level\":\"warn\"}");
        s.last().push("2025-05-01T10:00:04Z four");
        s.last().listener.onError(new ConnectException("refused"));
        advance(Duration.ofSeconds(1));
        s.last().push("2025-05-01T10:00:04Z four", "2025-05-01T10:00:05Z five");
        s.last().push("2025-05-01T10:00:06Z six", "2025-05-01T10:00:07Z seven");
        assertEquals(List.of(List.of("one", "two", "{\"level\":\"warn\"}"), List.of("four"),
                List.of("— stream reconnected after 1 s; lines in between may be missing —", "five"), List.of("six", "seven")),
                batches);
        assertTrue(seen.stream().allMatch(b -> b == seen.getFirst()), "one batch, filled again each time");
    }

    @Test
    void aReadOnlyRequestEndsWithoutReconnecting() {
        FakeLogSource prev = new FakeLogSource("pod/api", "api-1");
        LogRequest previous = new LogRequest("app", true, false, null, null, null);
        List<LogLine> got = new ArrayList<>();
        LogFollower f = new LogFollower(prev, "api-1", previous, new LogLineParser(new AtomicLong()), scheduler,
                Backoff.DEFAULT, clock, new LogFollower.Sink() {
            @Override
            public void lines(List<LogLine> lines) {
                got.addAll(lines);
            }

            @Override
            public void state(LogFollower.State state) {
            }
        });
        f.start();
        prev.last().push("2025-05-01T09:00:00Z crashed");
        prev.last().listener.onEnd();
        assertTrue(scheduler.pending().isEmpty());
        assertEquals("— end of log —", got.getLast().text());
    }

    @Test
    void closingStopsRetriesAndIgnoresLateCallbacks() {
        follower.start();
        var first = source.last();
        first.listener.onError(new ConnectException("refused"));
        follower.close();
        advance(Duration.ofSeconds(5));
        assertEquals(1, source.opened.size());
        first.push("2025-05-01T10:00:00Z late");
        assertTrue(received.isEmpty());
        assertEquals(LogFollower.Status.CLOSED, states.getLast().status());
    }

    @Test
    void withoutTimestampsAReconnectAsksForNewLinesOnly() {
        follower.start();
        source.last().push("no timestamp here");
        source.last().listener.onEnd();
        advance(Duration.ofSeconds(1));
        assertEquals(0, source.last().request.tailLines());
        assertNull(source.last().request.sinceTime());
    }
}
