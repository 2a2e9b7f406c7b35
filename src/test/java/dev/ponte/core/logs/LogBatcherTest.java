package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogBatcherTest {
    private final LogLineParser parser = new LogLineParser(new AtomicLong());
    private final ArrayDeque<Runnable> posted = new ArrayDeque<>();
    private final List<LogBatcher.Batch> drained = new ArrayList<>();

    private List<LogLine> lines(int n) {
        return IntStream.range(0, n).mapToObj(i -> parser.parse("a", "l" + i)).toList();
    }

    @Test
    void onePendingDrainTakesEverythingQueued() {
        LogBatcher b = new LogBatcher(posted::add, 1000, drained::add);
        b.add(lines(3));
        b.add(lines(4));
        assertEquals(1, posted.size());
        posted.poll().run();
        assertEquals(1, drained.size());
        assertEquals(7, drained.getFirst().lines().size());
    }

    @Test
    void whenTheConsumerFallsBehindTheOldestBatchesAreDroppedAndCounted() {
        LogBatcher b = new LogBatcher(posted::add, 10, drained::add);
        b.add(lines(6));
        b.add(lines(6));
        b.add(lines(6));
        posted.poll().run();
        assertEquals(6, drained.getFirst().lines().size());
        assertEquals(12, drained.getFirst().dropped());
    }

    @Test
    void aBurstIsSplitIntoBoundedDrains() {
        LogBatcher b = new LogBatcher(posted::add, 1000, 5, drained::add);
        for (int i = 0; i < 4; i++) {
            b.add(lines(3));
        }
        while (!posted.isEmpty()) {
            posted.poll().run();
        }
        assertEquals(List.of(6, 6), drained.stream().map(d -> d.lines().size()).toList());
    }
}
