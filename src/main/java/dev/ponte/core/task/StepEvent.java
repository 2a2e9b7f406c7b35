package dev.ponte.core.task;

import java.time.Duration;

/**
 * One step of a long operation as the step list shows it.
 *
 * @param index  1-based position
 * @param detail what happened or is happening, in plain words (never a secret)
 */
public record StepEvent(int index, int total, String name, State state, Duration elapsed, String detail) {
    public enum State { PENDING, RUNNING, DONE, SKIPPED, WARNING, FAILED, CANCELLED, ROLLED_BACK }
}
