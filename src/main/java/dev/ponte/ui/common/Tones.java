package dev.ponte.ui.common;

import dev.ponte.core.connections.ConnectionState;

/** The style classes of the semantic tones (ponte.css); every badge, dot and link uses these. */
public final class Tones {
    private Tones() {
    }

    public static String style(ConnectionState.Tone t) {
        return switch (t) {
            case SUCCESS -> "tone-success";
            case WARNING -> "tone-warning";
            case DANGER -> "tone-danger";
            case MUTED -> "tone-muted";
        };
    }
}
