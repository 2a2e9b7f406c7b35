package dev.ponte.ui.tray;

import dev.ponte.core.task.Redactor;
import java.util.Objects;

/**
 * One OS notification: a short title and one or two sentences. Both are masked by {@link Redactor} here, so no
 * notifier can show a credential that slipped into a reason or a context name.
 */
public record Notification(String title, String text, Level level) {
    public enum Level { INFO, WARNING, ERROR }

    public Notification {
        title = Redactor.redact(Objects.requireNonNull(title, "title"));
        text = text == null ? "" : Redactor.redact(text);
        Objects.requireNonNull(level, "level");
    }
}
