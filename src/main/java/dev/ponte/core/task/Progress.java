package dev.ponte.core.task;

/** Where an operation reports its steps. Thread-safe in every implementation. */
public interface Progress {
    /** Step {@code index} (1-based) of {@code total} has started. */
    void step(String name, int index, int total);

    /** A detail about the current step. */
    void message(String text);

    /**
     * The operation stopped (cancelled or failed) and is undoing what it created: {@code remaining} undo steps are
     * left, the next is {@code what}; 0 once undoing is over.
     */
    default void undoing(int remaining, String what) {
        message(remaining == 0 ? "Undone" : "Undoing " + what + " (" + remaining + " left)");
    }

    Progress NONE = new Progress() {
        @Override
        public void step(String name, int index, int total) {
        }

        @Override
        public void message(String text) {
        }
    };
}
