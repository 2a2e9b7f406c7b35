package dev.ponte.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponte.core.status.StatusBoard;
import dev.ponte.core.status.StatusEvent;
import dev.ponte.core.status.StatusEvent.TaskFinished;
import dev.ponte.core.status.StatusEvent.TaskFinished.Outcome;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.common.FxTaskRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real FxTaskRunner on the (headless) FX thread: its task list tells the board when a task ends. */
class TaskWatcherTest {
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final FxTaskRunner runner = new FxTaskRunner(pool);
    private final StatusBoard board = new StatusBoard();
    private final List<StatusEvent> events = new CopyOnWriteArrayList<>();
    private final dev.ponte.testsupport.TestClock clock = new dev.ponte.testsupport.TestClock(Instant.parse("2025-01-01T10:00:00Z"));

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    TaskWatcherTest() throws Exception {
        board.onEvent(events::add);
        WaitForAsyncUtils.asyncFx(() -> TaskWatcher.watch(runner.tasks(), board, clock)).get();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private void runOnFx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get();
    }

    @Test
    void aListedTaskThatSucceedsIsReportedWithHowLongItTook() throws Exception {
        runOnFx(() -> runner.run("Connect kind-dev", (p, c) -> {
            clock.advance(Duration.ofSeconds(14));
            return "ok";
        }, r -> { }, e -> { }));
        Wait.until("the task's end on the board", () -> events.size() == 1, events::toString);
        assertEquals(new TaskFinished("Connect kind-dev", Outcome.SUCCEEDED, Duration.ofSeconds(14)), events.getFirst());
    }

    @Test
    void aFailedTaskIsReportedAsFailed() throws Exception {
        runOnFx(() -> runner.run("Disconnect kind-dev", (p, c) -> {
            throw new IllegalStateException("boom");
        }, r -> { }, e -> { }));
        Wait.until("the task's end on the board", () -> events.size() == 1, events::toString);
        assertEquals(Outcome.FAILED, ((TaskFinished) events.getFirst()).outcome());
    }

    @Test
    void aQuietLookUpIsNotReported() throws Exception {
        runOnFx(() -> runner.runQuietly("Looking for a connection", (p, c) -> "x", r -> { }, e -> { }));
        runOnFx(() -> runner.run("Connect kind-dev", (p, c) -> "ok", r -> { }, e -> { }));
        Wait.until("the listed task's end", () -> events.size() == 1, events::toString);
        assertEquals("Connect kind-dev", ((TaskFinished) events.getFirst()).title());
    }

}
