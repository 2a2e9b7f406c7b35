package dev.ponte.cli;

import dev.ponte.core.task.StepEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An operation's named steps as the command line shows them: the same {@link StepEvent}s the window's step list
 * shows. On a terminal the running step is one line rewritten in place and ends with its mark and time; piped or in a
 * file each step gets a plain line when it starts, one per message while it waits, and one when it ends.
 */
final class StepLines {
    private final PrintWriter err;
    private final boolean live;
    private final Map<Integer, StepEvent> shown = new HashMap<>();
    private boolean openLine;
    private String undoing = "";

    StepLines(PrintWriter err, boolean live) {
        this.err = err;
        this.live = live;
    }

    /** The whole list as a snapshot has it (ConnectionService): only changes are printed. */
    synchronized void all(List<StepEvent> steps) {
        steps.forEach(this::step);
    }

    synchronized void step(StepEvent e) {
        StepEvent before = shown.get(e.index());
        if (e.state() == StepEvent.State.PENDING || before != null && same(before, e)) {
            return;
        }
        shown.put(e.index(), e);
        String head = "[" + e.index() + "/" + e.total() + "] " + e.name();
        if (e.state() == StepEvent.State.RUNNING) {
            if (live) {
                clear();
                err.print("  … " + head + (e.detail().isEmpty() ? "" : " — " + Table.oneLine(e.detail())));
                openLine = true;
            } else if (before == null || before.state() != StepEvent.State.RUNNING) {
                err.println("  " + head + " …");
            } else if (!e.detail().isEmpty()) {
                err.println("      " + Table.oneLine(e.detail()));
            }
        } else {
            clear();
            String detail = e.detail().isEmpty() ? "" : " — " + Table.oneLine(e.detail());
            String time = e.state() == StepEvent.State.SKIPPED ? "" : " (" + duration(e.elapsed()) + ")";
            err.println("  " + mark(e.state()) + " " + head + time + detail);
        }
        err.flush();
    }

    /** What is being undone now ("undoing 2 steps: remove network …"), or empty once done. */
    synchronized void undoing(String what) {
        if (what == null || what.isEmpty() || what.equals(undoing)) {
            undoing = what == null ? "" : what;
            return;
        }
        undoing = what;
        clear();
        err.println("  ↶ " + Table.oneLine(what));
        err.flush();
    }

    /** Ends a live line before other output. */
    synchronized void finish() {
        clear();
        err.flush();
    }

    private void clear() {
        if (openLine) {
            err.print("\r\033[2K");
            openLine = false;
        }
    }

    private static boolean same(StepEvent a, StepEvent b) {
        return a.state() == b.state() && a.detail().equals(b.detail());
    }

    private String mark(StepEvent.State s) {
        return switch (s) {
            case DONE -> live ? "✓" : "done:";
            case SKIPPED -> live ? "–" : "skipped:";
            case WARNING -> live ? "!" : "warning:";
            case FAILED -> live ? "✗" : "FAILED:";
            case CANCELLED -> live ? "⊘" : "cancelled:";
            case ROLLED_BACK -> live ? "↶" : "undone:";
            case PENDING, RUNNING -> "";
        };
    }

    /** "0.3 s", "12 s", "2 min 5 s". */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}
