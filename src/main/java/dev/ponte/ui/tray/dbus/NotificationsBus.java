package dev.ponte.ui.tray.dbus;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The Desktop Notifications Specification 1.2 (https://specifications.freedesktop.org/notification-spec/1.2/),
 * served by GNOME Shell, Plasma, dunst, mako, xfce4-notifyd … as {@code org.freedesktop.Notifications} at
 * {@code /org/freedesktop/Notifications}.
 */
@DBusInterfaceName(NotificationsBus.INTERFACE)
public interface NotificationsBus extends DBusInterface {
    String INTERFACE = "org.freedesktop.Notifications";
    String NAME = "org.freedesktop.Notifications";
    String PATH = "/org/freedesktop/Notifications";

    /**
     * Shows a notification, or replaces the one with id {@code replacesId} (0: a new one).
     *
     * @param actions       pairs of action key and label; the key "default" is what clicking the notification does
     * @param hints         e.g. {@code urgency} (byte 0 low, 1 normal, 2 critical), {@code desktop-entry}
     * @param expireTimeout milliseconds; -1 the server's default, 0 never
     * @return the notification's id
     */
    UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body, List<String> actions,
                  Map<String, Variant<?>> hints, int expireTimeout);

    void CloseNotification(UInt32 id);

    /** What the server can do: "actions", "body", "body-markup", "persistence", … */
    List<String> GetCapabilities();

    ServerInformation<String, String, String, String> GetServerInformation();

    /**
     * {@code (s name, s vendor, s version, s spec_version)}; generic because dbus-java reads a tuple's element types
     * from the method's generic return type.
     */
    final class ServerInformation<A, B, C, D> extends Tuple {
        @Position(0)
        public final A name;
        @Position(1)
        public final B vendor;
        @Position(2)
        public final C version;
        @Position(3)
        public final D specVersion;

        public ServerInformation(A name, B vendor, C version, D specVersion) {
            this.name = name;
            this.vendor = vendor;
            this.version = version;
            this.specVersion = specVersion;
        }
    }

    /** The notification closed: 1 expired, 2 dismissed by the user, 3 closed by CloseNotification, 4 other. */
    class NotificationClosed extends DBusSignal {
        public final UInt32 id;
        public final UInt32 reason;

        public NotificationClosed(String path, UInt32 id, UInt32 reason) throws DBusException {
            super(path, id, reason);
            this.id = id;
            this.reason = reason;
        }
    }

    /** The user invoked one of the notification's actions (by its key). */
    class ActionInvoked extends DBusSignal {
        public final UInt32 id;
        public final String actionKey;

        public ActionInvoked(String path, UInt32 id, String actionKey) throws DBusException {
            super(path, id, actionKey);
            this.id = id;
            this.actionKey = actionKey;
        }
    }
}
