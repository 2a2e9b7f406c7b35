package dev.ponte.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBatcherTest {
    @Test
    void manyEventsCostOneScheduledDrainAndArriveInOrder() {
        List<Runnable> scheduled = new ArrayList<>();
        List<List<Integer>> batches = new ArrayList<>();
        EventBatcher<Integer> batcher = new EventBatcher<>(scheduled::add, batches::add);
        for (int i = 0; i < 1000; i++) {
            batcher.add(i);
        }
        assertEquals(1, scheduled.size(), "at most one pending drain");
        scheduled.getFirst().run();
        assertEquals(1, batches.size());
        assertEquals(1000, batches.getFirst().size());
        assertEquals(999, batches.getFirst().getLast());
    }

    @Test
    void anEventAfterADrainSchedulesTheNextOne() {
        List<Runnable> scheduled = new ArrayList<>();
        List<List<String>> batches = new ArrayList<>();
        EventBatcher<String> batcher = new EventBatcher<>(scheduled::add, batches::add);
        batcher.add("a");
        scheduled.removeFirst().run();
        batcher.add("b");
        assertEquals(1, scheduled.size());
        scheduled.removeFirst().run();
        assertEquals(List.of(List.of("a"), List.of("b")), batches);
    }
}
