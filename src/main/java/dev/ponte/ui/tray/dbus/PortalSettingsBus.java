package dev.ponte.ui.tray.dbus;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/**
 * The XDG desktop portal's settings (https://flatpak.github.io/xdg-desktop-portal/docs/doc-org.freedesktop.portal.Settings.html),
 * {@code org.freedesktop.portal.Desktop} at {@code /org/freedesktop/portal/desktop}. The key Ponte reads is
 * {@code org.freedesktop.appearance color-scheme}: 0 no preference, 1 prefer dark, 2 prefer light.
 */
@DBusInterfaceName(PortalSettingsBus.INTERFACE)
public interface PortalSettingsBus extends DBusInterface {
    String INTERFACE = "org.freedesktop.portal.Settings";
    String NAME = "org.freedesktop.portal.Desktop";
    String PATH = "/org/freedesktop/portal/desktop";
    String APPEARANCE = "org.freedesktop.appearance";
    String COLOR_SCHEME = "color-scheme";

    /** Version 2 of the interface: the value itself. */
    Variant<?> ReadOne(String namespace, String key);

    /** Version 1 (deprecated, still everywhere): the value wrapped in one more variant. */
    Variant<?> Read(String namespace, String key);

    Map<String, Map<String, Variant<?>>> ReadAll(List<String> namespaces);

    class SettingChanged extends DBusSignal {
        public final String namespace;
        public final String key;
        public final Variant<?> value;

        public SettingChanged(String path, String namespace, String key, Variant<?> value) throws DBusException {
            super(path, namespace, key, value);
            this.namespace = namespace;
            this.key = key;
            this.value = value;
        }
    }
}
