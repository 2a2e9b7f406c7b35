package dev.ponte.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.task.ErrorAdvice;
import dev.ponte.core.task.Problem;
import dev.ponte.testsupport.Wait;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The window's task layer on a bounded pool: a full pool refuses with a message, a task cancelled while queued never runs. */
class FxTaskRunnerTest {
    /** One worker, one waiting place: the third task finds the pool full. */
    private final ExecutorService pool = FxTaskRunner.boundedPool(1, 1, Thread.ofPlatform().daemon().factory());
    private final FxTaskRunner runner = new FxTaskRunner(pool);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Boolean> onFxThread = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    private <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private TaskRunner.TaskHandle start(String title, AtomicBoolean ran) throws Exception {
        return onFx(() -> runner.run(title, (p, c) -> {
            ran.set(true);
            release.await(10, TimeUnit.SECONDS);
            return title;
        }, ok -> {
            onFxThread.add(Platform.isFxApplicationThread());
            outcomes.add(ok + " done");
        }, error -> {
            onFxThread.add(Platform.isFxApplicationThread());
            failures.add(error);
            outcomes.add(title + " failed");
        }));
    }

    @Test
    void aFullPoolRefusesTheTaskAtOnceSayingWhyAndWhatToDo() throws Exception {
        AtomicBoolean firstRan = new AtomicBoolean();
        AtomicBoolean secondRan = new AtomicBoolean();
        AtomicBoolean thirdRan = new AtomicBoolean();
        start("first", firstRan);
        Wait.until("the first task to hold the worker", firstRan::get);
        start("second", secondRan); // waits in the queue
        start("third", thirdRan);   // no room

        Wait.until("the third task to be refused", () -> outcomes.contains("third failed"), outcomes::toString);
        Problem p = ErrorAdvice.explain(failures.getFirst(), "the task");
        assertEquals(Problem.Kind.REFUSED, p.kind());
        assertEquals("Ponte is busy", p.title());
        assertTrue(p.detail().contains("'third' was not started: 1 tasks are running and 1 are waiting"), p.detail());
        assertTrue(p.advice().contains("Wait until some of the tasks"), p.advice());
        assertEquals(2, onFx(() -> runner.tasks().size()), "the refused task is not left in the task strip");

        release.countDown();
        Wait.until("the queued tasks to finish", () -> outcomes.containsAll(List.of("first done", "second done")), outcomes::toString);
        assertFalse(thirdRan.get(), "a refused task never runs");
        assertTrue(onFxThread.stream().allMatch(b -> b), "callbacks run on the FX thread");
        assertEquals(0, onFx(() -> runner.tasks().size()));
    }

    @Test
    void aTaskCancelledWhileItWaitsForAThreadNeverRuns() throws Exception {
        AtomicBoolean firstRan = new AtomicBoolean();
        AtomicBoolean secondRan = new AtomicBoolean();
        start("first", firstRan);
        Wait.until("the first task to hold the worker", firstRan::get);
        TaskRunner.TaskHandle second = start("second", secondRan);

        second.cancel();
        release.countDown();

        Wait.until("the cancelled task to end", () -> outcomes.contains("second failed"), outcomes::toString);
        assertFalse(secondRan.get(), "the operation of a task cancelled in the queue does not run");
        assertInstanceOf(CancellationException.class, failures.getFirst());
        assertEquals(Problem.Kind.CANCELLED, ErrorAdvice.explain(failures.getFirst(), "x").kind());
        assertTrue(onFx(() -> runner.tasks().isEmpty()));
    }
}
