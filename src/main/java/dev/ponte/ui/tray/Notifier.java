package dev.ponte.ui.tray;

/**
 * Shows OS notifications. Implementations: the tray icon's balloon ({@link AwtTray}), {@code notify-send}
 * ({@link NotifySendNotifier}); tests use a recording fake. May be called from any thread; never blocks.
 */
@FunctionalInterface
public interface Notifier {
    void show(Notification notification);
}
