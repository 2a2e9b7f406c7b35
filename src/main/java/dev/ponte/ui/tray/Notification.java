package dev.ponte.ui.tray;

import dev.ponte.core.task.Redactor;
import java.util.List;
import java.util.Objects;

/**
 * One OS notification: a short title and one or two sentences. Both are masked by {@link Redactor} here, so no
 * notifier can show a credential that slipped into a reason or a context name.
 *
 * @param group   what it is about ("connection:kind-dev", "bridge:…", "task"): a notification replaces the previous one
 *                of its group instead of stacking; null for one of its own
 * @param context the kube context the actions act on, or null
 * @param actions what the user may do from the notification, where the server shows actions
 */
public record Notification(String title, String text, Level level, String group, String context, List<Action> actions) {
    public enum Level { INFO, WARNING, ERROR }

    /** An action a notification offers; {@link #key} is what goes over D-Bus. */
    public enum Action {
        OPEN("open", "Open"),
        RECONNECT("reconnect", "Reconnect"),
        /** Opens the window on the connection (its diagnostics screen once there is one). */
        SHOW_DIAGNOSTICS("diagnostics", "Show diagnostics");

        private final String key;
        private final String label;

        Action(String key, String label) {
            this.key = key;
            this.label = label;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        /** The action with this key; "default" (the notification itself clicked) opens Ponte. */
        public static java.util.Optional<Action> ofKey(String key) {
            if ("default".equals(key)) {
                return java.util.Optional.of(OPEN);
            }
            for (Action a : values()) {
                if (a.key.equals(key)) {
                    return java.util.Optional.of(a);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public Notification {
        title = Redactor.redact(Objects.requireNonNull(title, "title"));
        text = text == null ? "" : Redactor.redact(text);
        Objects.requireNonNull(level, "level");
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** A notification of its own, without actions. */
    public Notification(String title, String text, Level level) {
        this(title, text, level, null, null, List.of());
    }
}
