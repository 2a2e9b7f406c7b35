package dev.ponte.ui.tray;

import java.util.Objects;

/** One OS notification: a short title and one or two sentences. */
public record Notification(String title, String text, Level level) {
    public enum Level { INFO, WARNING, ERROR }

    public Notification {
        Objects.requireNonNull(title, "title");
        text = text == null ? "" : text;
        Objects.requireNonNull(level, "level");
    }
}
