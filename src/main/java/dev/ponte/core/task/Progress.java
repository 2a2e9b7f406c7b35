package dev.ponte.core.task;

/** Where an operation reports its steps. Thread-safe in every implementation. */
public interface Progress {
    /** Step {@code index} (1-based) of {@code total} has started. */
    void step(String name, int index, int total);

    /** A detail about the current step. */
    void message(String text);

    Progress NONE = new Progress() {
        @Override
        public void step(String name, int index, int total) {
        }

        @Override
        public void message(String text) {
        }
    };
}
