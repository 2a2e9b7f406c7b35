package dev.ponte.core.lifecycle;

import java.nio.file.Path;

/** Hears about the local files an operation writes and deletes (the journal records them before they exist). */
public interface FileLog {
    /** {@code file} is about to be written. */
    void writing(Path file);

    /** {@code file} is gone (deleted, or was not there). */
    void deleted(Path file);

    FileLog NONE = new FileLog() {
        @Override
        public void writing(Path file) {
        }

        @Override
        public void deleted(Path file) {
        }
    };
}
