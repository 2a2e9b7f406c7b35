package dev.ponte.ui.tray.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * The watcher of the StatusNotifierItem specification
 * (https://www.freedesktop.org/wiki/Specifications/StatusNotifierItem/StatusNotifierWatcher/), owned by the desktop
 * (Plasma, the AppIndicator extension, …) as {@code org.kde.StatusNotifierWatcher} at {@code /StatusNotifierWatcher}.
 * Items register with it; hosts (the panels that draw the icons) learn of them through it. Its properties
 * RegisteredStatusNotifierItems, IsStatusNotifierHostRegistered and ProtocolVersion are read through
 * {@code org.freedesktop.DBus.Properties}.
 */
@DBusInterfaceName(StatusNotifierWatcherBus.INTERFACE)
public interface StatusNotifierWatcherBus extends DBusInterface {
    String INTERFACE = "org.kde.StatusNotifierWatcher";
    String NAME = "org.kde.StatusNotifierWatcher";
    String PATH = "/StatusNotifierWatcher";

    /** {@code service}: the item's bus name (an object path is also accepted by KDE's and GNOME's watchers). */
    void RegisterStatusNotifierItem(String service);

    void RegisterStatusNotifierHost(String service);

    class StatusNotifierItemRegistered extends DBusSignal {
        public final String service;

        public StatusNotifierItemRegistered(String path, String service) throws DBusException {
            super(path, service);
            this.service = service;
        }
    }

    class StatusNotifierItemUnregistered extends DBusSignal {
        public final String service;

        public StatusNotifierItemUnregistered(String path, String service) throws DBusException {
            super(path, service);
            this.service = service;
        }
    }

    class StatusNotifierHostRegistered extends DBusSignal {
        public StatusNotifierHostRegistered(String path) throws DBusException {
            super(path);
        }
    }
}
