package dev.ponte.ui.tray.dbus;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The settings part of xdg-desktop-portal as a test double on a real bus
 * (https://flatpak.github.io/xdg-desktop-portal/docs/doc-org.freedesktop.portal.Settings.html): serves
 * {@code org.freedesktop.appearance color-scheme} (u: 0 none, 1 dark, 2 light) through ReadOne and the older Read
 * (which wraps the value in one more variant) and announces a change with SettingChanged, as GNOME's portal does when
 * the user flips "Dark style".
 */
final class PortalDouble implements PortalSettingsBus, AutoCloseable {
    final DBusConnection connection;
    private volatile int scheme;
    private final boolean readOneSupported;

    private PortalDouble(DBusConnection connection, int scheme, boolean readOneSupported) {
        this.connection = connection;
        this.scheme = scheme;
        this.readOneSupported = readOneSupported;
    }

    static PortalDouble start(String address, int scheme, boolean readOneSupported) throws Exception {
        DBusConnection c = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        PortalDouble p = new PortalDouble(c, scheme, readOneSupported);
        c.exportObject(PATH, p);
        c.requestBusName(NAME);
        return p;
    }

    @Override
    public Variant<?> ReadOne(String namespace, String key) {
        if (!readOneSupported) {
            throw new org.freedesktop.dbus.errors.UnknownMethod("ReadOne is version 2; this portal is version 1");
        }
        return value(namespace, key);
    }

    @Override
    public Variant<?> Read(String namespace, String key) {
        return new Variant<>(value(namespace, key), "v");
    }

    private Variant<?> value(String namespace, String key) {
        if (!APPEARANCE.equals(namespace) || !COLOR_SCHEME.equals(key)) {
            throw new org.freedesktop.dbus.errors.InvalidMethodArgument("Requested setting not found");
        }
        return new Variant<>(new UInt32(scheme));
    }

    @Override
    public Map<String, Map<String, Variant<?>>> ReadAll(List<String> namespaces) {
        return Map.of(APPEARANCE, Map.of(COLOR_SCHEME, new Variant<>(new UInt32(scheme))));
    }

    /** The user changes the desktop's colour scheme. */
    void set(int value) throws Exception {
        scheme = value;
        connection.sendMessage(new SettingChanged(PATH, APPEARANCE, COLOR_SCHEME, new Variant<>(new UInt32(value))));
    }

    @Override
    public String getObjectPath() {
        return PATH;
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
