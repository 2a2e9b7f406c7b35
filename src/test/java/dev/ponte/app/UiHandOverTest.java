package dev.ponte.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The view-models built beside the toolkit's start hand their work to the UI thread through a {@link UiHandOver}: kept
 * until the window opens it, then passed on in the order given, and nothing given meanwhile overtakes what was kept.
 */
class UiHandOverTest {
    private final List<String> passedOn = java.util.Collections.synchronizedList(new ArrayList<>());

    private Runnable task(String name) {
        return () -> passedOn.add(name);
    }

    @Test
    void keepsUntilOpenThenPassesOnInOrder() {
        List<Runnable> uiQueue = new ArrayList<>();
        UiHandOver ui = new UiHandOver(uiQueue::add);
        ui.execute(task("a"));
        ui.execute(task("b"));
        assertTrue(uiQueue.isEmpty(), "nothing reaches the UI thread before the window opens the hand-over");
        assertEquals(2, ui.waiting());

        ui.open();
        ui.execute(task("c"));
        assertEquals(-1, ui.waiting());
        uiQueue.forEach(Runnable::run);
        assertEquals(List.of("a", "b", "c"), passedOn);

        ui.open(); // again: nothing is passed on twice
        assertEquals(3, uiQueue.size());
    }

    @Test
    void aTaskGivenWhileOpeningComesAfterTheKeptOnes() throws Exception {
        CountDownLatch passingOn = new CountDownLatch(1);
        CountDownLatch given = new CountDownLatch(1);
        List<Runnable> uiQueue = java.util.Collections.synchronizedList(new ArrayList<>());
        UiHandOver ui = new UiHandOver(r -> {
            uiQueue.add(r);
            if (uiQueue.size() == 1) {
                passingOn.countDown();
                try { // hold open() here, after the first kept task, while another thread gives one
                    given.await(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        for (String n : List.of("k1", "k2", "k3")) {
            ui.execute(task(n));
        }
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                assertTrue(passingOn.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ui.execute(task("late"));
            given.countDown();
        });
        ui.open();
        other.join(10_000);
        List<Runnable> copy;
        synchronized (uiQueue) {
            copy = new ArrayList<>(uiQueue);
        }
        copy.forEach(Runnable::run);
        assertEquals(List.of("k1", "k2", "k3", "late"), passedOn);
    }
}
