package dev.ponte.ui.tray.dbus;

import dev.ponte.ui.tray.Notification;
import dev.ponte.ui.tray.NotificationText;
import dev.ponte.ui.tray.Notifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop notifications through {@code org.freedesktop.Notifications} on the session bus (the Desktop Notifications
 * Specification 1.2), instead of launching {@code notify-send}: with actions where the server has the "actions"
 * capability (GNOME Shell, Plasma, dunst, xfce4-notifyd do), and replacing the previous notification of the same
 * group (one connection, one bridge) through {@code replaces_id}, so a tunnel that drops and recovers leaves one
 * notification, not a stack. An action the user invokes arrives as the {@code ActionInvoked} signal and goes to
 * {@code onAction} with the notification it belongs to.
 *
 * <p>Never blocks the caller: bus calls run on one thread of its own, in order. When a call fails (the server went
 * away), that notification and every later one go to the fallback (the AWT balloon or the log).
 */
public final class DbusNotifier implements Notifier, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DbusNotifier.class);
    private final SessionBus bus;
    private final NotificationsBus server;
    private final Notifier fallback;
    private final BiConsumer<Notification, Notification.Action> onAction;
    private final Set<String> capabilities;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
            .name("ponte-notify").unstarted(r));
    private final Object lock = new Object();
    /** The server's id of the last notification of each group. */
    private final Map<String, UInt32> idByGroup = new HashMap<>();
    /** What each shown notification was, by the server's id, for its actions. */
    private final Map<Long, Notification> shown = new LinkedHashMap<>();
    private final List<AutoCloseable> handlers = new ArrayList<>();
    private volatile boolean broken;

    private DbusNotifier(SessionBus bus, NotificationsBus server, Set<String> capabilities, Notifier fallback,
                         BiConsumer<Notification, Notification.Action> onAction) {
        this.bus = bus;
        this.server = server;
        this.capabilities = capabilities;
        this.fallback = fallback;
        this.onAction = onAction;
    }

    /**
     * The notifier for this bus, when a notification server answers there ({@code GetCapabilities}, which also
     * starts a D-Bus-activated server). Blocking: call it off the FX thread.
     *
     * @param onAction gets an invoked action, on a bus thread
     */
    public static Optional<DbusNotifier> connect(SessionBus bus, Notifier fallback,
                                                 BiConsumer<Notification, Notification.Action> onAction) {
        try {
            NotificationsBus server = bus.connection().getRemoteObject(NotificationsBus.NAME, NotificationsBus.PATH,
                    NotificationsBus.class);
            Set<String> caps = Set.copyOf(server.GetCapabilities());
            DbusNotifier n = new DbusNotifier(bus, server, caps, fallback, onAction);
            n.handlers.add(bus.connection().addSigHandler(NotificationsBus.ActionInvoked.class, n::invoked));
            n.handlers.add(bus.connection().addSigHandler(NotificationsBus.NotificationClosed.class, n::closed));
            LOG.info("Notifications go to the desktop's notification server over D-Bus (capabilities: {})", caps);
            return Optional.of(n);
        } catch (DBusException | RuntimeException e) {
            LOG.info("No notification server on the session bus ({}); notifications go to the tray icon", e.getMessage());
            return Optional.empty();
        }
    }

    /** What the server said it can do. */
    public Set<String> capabilities() {
        return capabilities;
    }

    @Override
    public void show(Notification n) {
        if (broken) {
            fallback.show(n);
            return;
        }
        sender.execute(() -> send(n));
    }

    private void send(Notification n) {
        List<String> actions = new ArrayList<>();
        if (capabilities.contains("actions") && !n.actions().isEmpty()) {
            // "default" is what clicking the notification itself does: open Ponte (on that connection).
            actions.add("default");
            actions.add("Open Ponte");
            for (Notification.Action a : n.actions()) {
                actions.add(a.key());
                actions.add(a.label());
            }
        }
        Map<String, Variant<?>> hints = new LinkedHashMap<>();
        hints.put("urgency", new Variant<>((byte) switch (n.level()) {
            case INFO -> 0;
            case WARNING -> 1;
            case ERROR -> 2;
        }));
        hints.put("desktop-entry", new Variant<>("dev.ponte.Ponte"));
        String body = capabilities.contains("body-markup") ? NotificationText.body(n.text()) : NotificationText.plainBody(n.text());
        UInt32 replaces;
        synchronized (lock) {
            replaces = n.group() == null ? new UInt32(0) : idByGroup.getOrDefault(n.group(), new UInt32(0));
        }
        try {
            UInt32 id = server.Notify("Ponte", replaces, "", NotificationText.title(n.title()), body, actions, hints, -1);
            synchronized (lock) {
                if (n.group() != null) {
                    idByGroup.put(n.group(), id);
                }
                if (replaces.longValue() != 0 && replaces.longValue() != id.longValue()) {
                    shown.remove(replaces.longValue());
                }
                shown.put(id.longValue(), n);
                while (shown.size() > 200) { // servers that never say "closed" must not grow this for ever
                    shown.remove(shown.keySet().iterator().next());
                }
            }
        } catch (RuntimeException e) {
            broken = true;
            LOG.info("The notification server stopped answering ({}); notifications go to the tray icon", e.getMessage());
            fallback.show(n);
        }
    }

    /** True while a notification of {@code group} is shown (for tests). */
    boolean showing(String group) {
        synchronized (lock) {
            return idByGroup.containsKey(group);
        }
    }

    private void invoked(NotificationsBus.ActionInvoked signal) {
        Notification n;
        synchronized (lock) {
            n = shown.get(signal.id.longValue());
        }
        if (n == null) {
            return; // another application's notification
        }
        Optional<Notification.Action> action = Notification.Action.ofKey(signal.actionKey);
        if (action.isEmpty()) {
            LOG.info("Unknown notification action '{}' ignored", signal.actionKey);
            return;
        }
        onAction.accept(n, action.get());
    }

    private void closed(NotificationsBus.NotificationClosed signal) {
        synchronized (lock) {
            Notification n = shown.remove(signal.id.longValue());
            if (n != null && n.group() != null && signal.id.equals(idByGroup.get(n.group()))) {
                idByGroup.remove(n.group());
            }
        }
    }

    @Override
    public void close() {
        for (AutoCloseable h : handlers) {
            try {
                h.close();
            } catch (Exception e) {
                LOG.debug("Closing a notification signal handler: {}", e.toString());
            }
        }
        sender.shutdown();
    }

    @Override
    public String toString() {
        return "DbusNotifier[" + bus.uniqueName() + "]";
    }
}
