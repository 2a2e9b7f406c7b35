package dev.ponte.ui.tray;

import dev.ponte.core.status.ConnectionStatus;
import dev.ponte.core.status.StatusEvent;
import dev.ponte.core.status.StatusEvent.BridgeFlagged;
import dev.ponte.core.status.StatusEvent.ReconnectOffered;
import dev.ponte.core.status.StatusEvent.TaskFinished;
import dev.ponte.core.status.StatusEvent.TunnelDropped;
import dev.ponte.core.status.StatusEvent.TunnelRecovered;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Which status events become OS notifications, their words and the actions they offer (Open, Reconnect, Show
 * diagnostics). Notifications about a connection replace that connection's previous one. Tunnel and bridge problems always do (the user
 * may be in another window even while Ponte's is open); a finished task only when it was long and Ponte's window
 * is hidden, since otherwise the task drawer shows it.
 */
public final class NotificationPolicy {
    /** A task at least this long is worth a notification. */
    public static final Duration LONG_TASK = Duration.ofSeconds(10);

    private final BooleanSupplier windowHidden;

    public NotificationPolicy(BooleanSupplier windowHidden) {
        this.windowHidden = windowHidden;
    }

    public Optional<Notification> toNotification(StatusEvent event) {
        return switch (event) {
            case TunnelDropped d when d.state() == dev.ponte.core.connections.ConnectionState.DOWN -> Optional.of(connection(
                    d.context(), d.context() + ": tunnel down", join(d.reason(), "Open Ponte to reconnect or disconnect."),
                    Notification.Level.ERROR, Notification.Action.OPEN, Notification.Action.SHOW_DIAGNOSTICS));
            case TunnelDropped d -> Optional.of(connection(d.context(), d.context() + ": tunnel degraded",
                    join(d.reason(), "Ponte keeps checking."), Notification.Level.WARNING,
                    Notification.Action.OPEN, Notification.Action.SHOW_DIAGNOSTICS));
            case ReconnectOffered r -> Optional.of(connection(r.context(), r.context() + ": tunnel still down",
                    join(r.reason(), "Reconnect starts a new Cargo for the same client and subnet."), Notification.Level.ERROR,
                    Notification.Action.RECONNECT, Notification.Action.OPEN, Notification.Action.SHOW_DIAGNOSTICS));
            case TunnelRecovered r -> Optional.of(connection(r.context(), r.context() + ": tunnel back",
                    "The connection is healthy again.", Notification.Level.INFO, Notification.Action.OPEN));
            case BridgeFlagged b -> Optional.of(new Notification("Bridge of " + b.workload() + " needs attention",
                    join(b.reason(), "Its traffic goes to " + b.localContainer()
                            + ": start the container again or unbridge."), Notification.Level.WARNING,
                    "bridge:" + b.bridge(), null, List.of(Notification.Action.OPEN)));
            case TaskFinished t when t.took().compareTo(LONG_TASK) >= 0 && windowHidden.getAsBoolean() ->
                    Optional.of(task(t));
            case TaskFinished t -> Optional.empty();
        };
    }

    /** A notification about one connection: it replaces that connection's previous one. */
    private static Notification connection(String context, String title, String text, Notification.Level level,
                                           Notification.Action... actions) {
        return new Notification(title, text, level, "connection:" + context, context, List.of(actions));
    }

    private static Notification task(TaskFinished t) {
        String took = "Took " + t.took().toSeconds() + " s.";
        return switch (t.outcome()) {
            case SUCCEEDED -> task(t.title() + ": done", took, Notification.Level.INFO);
            case FAILED -> task(t.title() + ": failed", took + " Open Ponte for the reason and what to do.",
                    Notification.Level.ERROR);
            case CANCELLED -> task(t.title() + ": cancelled", took, Notification.Level.INFO);
        };
    }

    private static Notification task(String title, String text, Notification.Level level) {
        return new Notification(title, text, level, "task", null, List.of(Notification.Action.OPEN));
    }

    /** "No handshake for 3 min. Ponte keeps checking." from the reason (any case, with or without a full stop). */
    private static String join(String reason, String tail) {
        if (reason == null || reason.isBlank()) {
            return tail;
        }
        String r = Character.toUpperCase(reason.charAt(0)) + reason.substring(1);
        return (r.endsWith(".") ? r : r + ".") + " " + tail;
    }
}
