package dev.ponte.ui.connection;

import dev.ponte.core.task.StepEvent;

/** How a step's state reads in every step list: its icon, its tone and its time. */
final class StepCellText {
    private StepCellText() {
    }

    static String icon(StepEvent.State s) {
        return switch (s) {
            case PENDING -> "○";
            case RUNNING -> "⟳";
            case DONE -> "✓";
            case SKIPPED -> "–";
            case WARNING -> "!";
            case FAILED -> "✗";
            case CANCELLED -> "⊘";
            case ROLLED_BACK -> "↶";
        };
    }

    static String tone(StepEvent.State s) {
        return switch (s) {
            case DONE -> "tone-success";
            case WARNING -> "tone-warning";
            case FAILED, CANCELLED -> "tone-danger";
            default -> "tone-muted";
        };
    }

    static String time(StepEvent e) {
        return e.state() == StepEvent.State.PENDING || e.state() == StepEvent.State.SKIPPED ? ""
                : String.format("%.1f s", e.elapsed().toMillis() / 1000.0);
    }
}
