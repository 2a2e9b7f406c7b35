package dev.ponte.ui.logs;

import dev.ponte.core.logs.LogRing;
import dev.ponte.core.port.Scheduler;
import dev.ponte.core.task.Backoff;
import dev.ponte.ui.common.TaskRunner;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What every log view needs from the app, in one record so the wiring passes one thing.
 *
 * @param tasks        background work (resolving pods, export)
 * @param scheduler    reconnect back-off timers
 * @param fxThread     runs a drain on the UI thread ({@code Platform::runLater})
 * @param ringCapacity lines kept per source
 */
public record LogContext(TaskRunner tasks, Scheduler scheduler, Executor fxThread, Clock clock, int ringCapacity,
                         Backoff backoff) {
    /** The defaults: 100,000 lines per source, back-off 1 s … 30 s. */
    public static LogContext of(TaskRunner tasks, Scheduler scheduler, Executor fxThread, Clock clock) {
        return new LogContext(tasks, scheduler, fxThread, clock, LogRing.DEFAULT_CAPACITY, Backoff.DEFAULT);
    }
}
