package dev.ponte.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.testsupport.ManualTaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TaskSlotTest {
    private final ManualTaskRunner tasks = new ManualTaskRunner();
    private final TaskSlot slot = new TaskSlot(tasks);
    private final List<String> seen = new ArrayList<>();

    @Test
    void aNewLookUpCancelsTheOneBeforeAndDropsWhatItStillDelivers() {
        slot.look("first", (p, c) -> "answer 1", seen::add, e -> seen.add("failed 1"));
        slot.look("second", (p, c) -> "answer 2", seen::add, e -> seen.add("failed 2"));

        assertTrue(tasks.find("first").token.isCancelled(), "the superseded look-up is cancelled");
        assertFalse(tasks.find("second").token.isCancelled());
        tasks.runAll();

        assertEquals(List.of("answer 2"), seen, "only the newest answer counts");
    }

    @Test
    void aSupersededFailureIsDroppedToo() {
        slot.<String>look("first", (p, c) -> {
            throw new IllegalStateException("boom");
        }, seen::add, e -> seen.add("failed 1"));
        slot.end();
        tasks.runAll();
        assertEquals(List.of(), seen);
    }

    @Test
    void aResultThatArrivesAfterTheTurnEndedIsDiscardedSoItsResourcesCanBeClosed() {
        List<String> discarded = new ArrayList<>();
        TaskSlot.Turn turn = slot.next();
        turn.look("open", (p, c) -> "session", seen::add, e -> { }, discarded::add);
        slot.next();
        tasks.runAll();
        assertEquals(List.of(), seen);
        assertEquals(List.of("session"), discarded);
    }

    @Test
    void endingATurnClosesWhatItOpenedAndMutesItsGuards() {
        List<String> closed = new ArrayList<>();
        TaskSlot.Turn turn = slot.next();
        turn.onEnd(() -> closed.add("watch"));
        Runnable guarded = turn.guard(() -> seen.add("event"));
        Consumer<String> fed = turn.feed(seen::add);
        guarded.run();
        fed.accept("batch");
        assertTrue(turn.live());

        slot.next();
        guarded.run();
        fed.accept("late batch");
        turn.onEnd(() -> closed.add("opened after the end"));

        assertEquals(List.of("event", "batch"), seen);
        assertEquals(List.of("watch", "opened after the end"), closed, "closed at once when registered after the end");
        assertFalse(turn.live());
        turn.look("late", (p, c) -> "x", seen::add, e -> { }, d -> { });
        assertTrue(tasks.started.stream().noneMatch(p -> p.title.equals("late")), "an ended turn starts nothing");
    }
}
