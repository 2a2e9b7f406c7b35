package dev.ponte.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ParseWorkerTest {
    @Test
    void runsTasksInOrderOnItsOwnThread() throws Exception {
        try (ParseWorker worker = new ParseWorker("test-parse")) {
            List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            for (int i = 0; i < 100; i++) {
                int n = i;
                worker.execute(() -> {
                    seen.add(n);
                    threads.add(Thread.currentThread().getName());
                });
            }
            worker.execute(done::countDown);
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(java.util.stream.IntStream.range(0, 100).boxed().toList(), seen);
            assertTrue(threads.stream().allMatch("test-parse"::equals));
        }
    }

    @Test
    void aSubmitterWaitsWhileTheQueueIsFullAndCloseReleasesIt() throws Exception {
        ParseWorker worker = new ParseWorker("test-parse");
        CountDownLatch block = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        worker.execute(() -> {
            running.countDown();
            try {
                block.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < ParseWorker.CAPACITY; i++) {
            worker.execute(() -> { });
        }
        AtomicBoolean submitted = new AtomicBoolean();
        AtomicBoolean ranAfterClose = new AtomicBoolean();
        Thread submitter = Thread.ofPlatform().start(() -> {
            worker.execute(() -> ranAfterClose.set(true));
            submitted.set(true);
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (submitter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until the submitter parks in the full queue's offer
        }
        assertEquals(Thread.State.TIMED_WAITING, submitter.getState());
        assertFalse(submitted.get(), "the queue is full: the stream's thread waits");
        worker.close();
        submitter.join(5000);
        assertTrue(submitted.get(), "closing ends the wait");
        block.countDown();
        assertFalse(ranAfterClose.get());
    }
}
