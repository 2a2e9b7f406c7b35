package dev.ponte.core.task;

import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * An operation stopped because the user cancelled it, after undoing what it had created: {@link #undone} lists what
 * was removed again, {@link #left} what could not be (each with the reason), in the user's words.
 */
public final class OperationCancelledException extends CancellationException {
    private final transient List<String> undone;
    private final transient List<String> left;

    public OperationCancelledException(List<String> undone, List<String> left) {
        super(left.isEmpty() ? "Cancelled; undone: " + (undone.isEmpty() ? "nothing to undo" : String.join(", ", undone))
                : "Cancelled; could not undo: " + String.join("; ", left));
        this.undone = List.copyOf(undone);
        this.left = List.copyOf(left);
    }

    public List<String> undone() {
        return undone;
    }

    public List<String> left() {
        return left;
    }
}
