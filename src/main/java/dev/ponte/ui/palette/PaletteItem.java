package dev.ponte.ui.palette;

import java.util.Objects;

/**
 * One thing the command palette can find: an action, a context, a namespace, a workload, a local container or a
 * setup. {@code run} does it (on the FX thread).
 *
 * @param detail a second, muted line (what it acts on, a shortcut), or empty
 */
public record PaletteItem(Kind kind, String title, String detail, Runnable run) {
    /** What it is; also the order among equal scores. */
    public enum Kind {
        ACTION("Action"), CONTEXT("Context"), NAMESPACE("Namespace"), WORKLOAD("Workload"), CONTAINER("Local container"),
        SETUP("Setup");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public PaletteItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(run, "run");
    }
}
