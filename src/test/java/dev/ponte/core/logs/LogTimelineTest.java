package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogTimelineTest {
    private final LogLineParser parser = new LogLineParser(new AtomicLong());
    private LogTimeline t;

    private LogLine line(String source, int second, String text) {
        return parser.parse(source, String.format("2025-05-01T10:00:%02dZ %s", second, text));
    }

    private List<String> texts() {
        return t.lines().stream().map(LogLine::text).toList();
    }

    @Test
    void theVisibleListNeverHoldsMoreThanTheRing() {
        t = new LogTimeline(5, true);
        for (int i = 0; i < 4; i++) {
            List<LogLine> batch = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                batch.add(line("a", i * 3 + j, "l" + (i * 3 + j)));
            }
            t.append(batch);
        }
        assertEquals(List.of("l7", "l8", "l9", "l10", "l11"), texts());
        assertEquals(5, t.held());
        assertEquals(7, t.dropped());
    }

    @Test
    void aBatchLargerThanTheRingShowsOnlyWhatTheRingKeeps() {
        t = new LogTimeline(3, true);
        t.append(List.of(line("a", 0, "old")));
        List<LogLine> big = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            big.add(line("a", i, "n" + i));
        }
        t.append(big);
        assertEquals(List.of("n8", "n9", "n10"), texts());
    }

    @Test
    void appendReportsFrontRemovalsAndWhereNewLinesStart() {
        t = new LogTimeline(3, true);
        t.append(List.of(line("a", 1, "x"), line("a", 2, "y")));
        LogTimeline.Update u = t.append(List.of(line("a", 3, "z"), line("a", 4, "w")));
        assertEquals(1, u.removedFront());
        assertEquals(1, u.appendedFrom());
        assertEquals(List.of("y", "z", "w"), texts());
    }

    @Test
    void filterRebuildsFromTheRingAndAppliesToNewLines() {
        t = new LogTimeline(100, true);
        t.append(List.of(line("a", 1, "ERROR a"), line("a", 2, "INFO b")));
        t.setFilter(new LogFilter("error", false, false, false).compile().matches());
        assertEquals(List.of("ERROR a"), texts());
        t.append(List.of(line("a", 3, "ERROR c"), line("a", 4, "INFO d")));
        assertEquals(List.of("ERROR a", "ERROR c"), texts());
        t.setFilter(l -> true);
        assertEquals(4, t.lines().size());
    }

    @Test
    void pauseFreezesTheViewAndCountsNewLines() {
        t = new LogTimeline(100, true);
        t.append(List.of(line("a", 1, "one")));
        t.pause();
        t.append(List.of(line("a", 2, "two"), line("a", 3, "three")));
        assertEquals(List.of("one"), texts());
        assertEquals(2, t.newWhilePaused());
        t.resume();
        assertEquals(List.of("one", "two", "three"), texts());
        assertEquals(0, t.newWhilePaused());
    }

    @Test
    void sourcesMergeByTimestampEvenWhenALateBatchArrives() {
        t = new LogTimeline(100, true);
        t.append(List.of(line("pod", 1, "p1"), line("pod", 5, "p5")));
        LogTimeline.Update u = t.append(List.of(line("local", 3, "l3"), line("local", 6, "l6")));
        assertEquals(List.of("p1", "l3", "p5", "l6"), texts());
        assertTrue(u.reordered());
    }

    @Test
    void mergedViewsDropEachSourcesOldLines() {
        t = new LogTimeline(2, true);
        t.append(List.of(line("a", 1, "a1"), line("b", 2, "b2"), line("a", 3, "a3"), line("b", 4, "b4")));
        t.append(List.of(line("a", 5, "a5")));
        assertEquals(List.of("b2", "a3", "b4", "a5"), texts());
        t.append(List.of(line("b", 6, "b6")));
        assertEquals(List.of("a3", "b4", "a5", "b6"), texts());
    }

    @Test
    void resumeMergesTheRingsByTime() {
        t = new LogTimeline(100, true);
        t.pause();
        t.append(List.of(line("a", 1, "a1"), line("a", 4, "a4")));
        t.append(List.of(line("b", 2, "b2"), line("b", 3, "b3")));
        t.resume();
        assertEquals(List.of("a1", "b2", "b3", "a4"), texts());
    }
}
