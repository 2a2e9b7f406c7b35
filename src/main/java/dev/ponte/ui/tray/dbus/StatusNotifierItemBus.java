package dev.ponte.ui.tray.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * The item side of the StatusNotifierItem specification
 * (https://www.freedesktop.org/wiki/Specifications/StatusNotifierItem/StatusNotifierItem/). Every implementation in
 * use (KDE, the AppIndicator extension of GNOME Shell, Cinnamon, XFCE's plugin, waybar) speaks it under KDE's
 * name {@code org.kde.StatusNotifierItem}; the spec's {@code org.freedesktop.} name is used by none. Its
 * properties (Category, Id, Title, Status, IconPixmap, ToolTip, Menu, ItemIsMenu …) are read through
 * {@code org.freedesktop.DBus.Properties}.
 */
@DBusInterfaceName(StatusNotifierItemBus.INTERFACE)
public interface StatusNotifierItemBus extends DBusInterface {
    String INTERFACE = "org.kde.StatusNotifierItem";
    /** Where the item object lives on its connection (the spec's fixed path). */
    String PATH = "/StatusNotifierItem";

    /** The host asks the item to show its own context menu at x, y (hosts that read {@code Menu} never call it). */
    void ContextMenu(int x, int y);

    /** Primary activation (usually a left click). */
    void Activate(int x, int y);

    /** Secondary activation (usually a middle click). */
    void SecondaryActivate(int x, int y);

    void Scroll(int delta, String orientation);

    /** The item has a new title. */
    class NewTitle extends DBusSignal {
        public NewTitle(String path) throws DBusException {
            super(path);
        }
    }

    /** The item has a new icon (IconName / IconPixmap). */
    class NewIcon extends DBusSignal {
        public NewIcon(String path) throws DBusException {
            super(path);
        }
    }

    class NewAttentionIcon extends DBusSignal {
        public NewAttentionIcon(String path) throws DBusException {
            super(path);
        }
    }

    class NewOverlayIcon extends DBusSignal {
        public NewOverlayIcon(String path) throws DBusException {
            super(path);
        }
    }

    /** The item has a new tooltip. */
    class NewToolTip extends DBusSignal {
        public NewToolTip(String path) throws DBusException {
            super(path);
        }
    }

    /** The item's status changed: Passive, Active or NeedsAttention. */
    class NewStatus extends DBusSignal {
        public final String status;

        public NewStatus(String path, String status) throws DBusException {
            super(path, status);
            this.status = status;
        }
    }
}
