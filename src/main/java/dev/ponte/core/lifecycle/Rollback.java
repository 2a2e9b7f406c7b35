package dev.ponte.core.lifecycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Undo actions for what one run created — and only that — run newest first. */
final class Rollback {
    private static final Logger LOG = LoggerFactory.getLogger(Rollback.class);

    @FunctionalInterface
    interface Undo {
        void run() throws Exception;
    }

    private record Entry(String what, Undo undo) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    void push(String what, Undo undo) {
        entries.push(new Entry(what, undo));
    }

    /** Runs every undo; failures are collected, not thrown, so the rest still runs. */
    List<String> run() {
        List<String> failed = new ArrayList<>();
        while (!entries.isEmpty()) {
            Entry e = entries.pop();
            try {
                e.undo().run();
                LOG.info("Rolled back: {}", e.what());
            } catch (Exception ex) {
                LOG.warn("Rollback of '{}' failed: {}", e.what(), ex.toString());
                failed.add(e.what() + ": " + ex.getMessage());
            }
        }
        return failed;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }
}
