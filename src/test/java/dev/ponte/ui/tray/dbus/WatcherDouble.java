package dev.ponte.ui.tray.dbus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * A StatusNotifierWatcher with a host, as a test double on a real bus. It does what the StatusNotifierItem
 * specification asks of a watcher (https://www.freedesktop.org/wiki/Specifications/StatusNotifierItem/StatusNotifierWatcher/):
 * owns {@code org.kde.StatusNotifierWatcher}, serves {@code /StatusNotifierWatcher}, keeps the registered items and
 * announces each with StatusNotifierItemRegistered; it says a host is registered, and as that host it reads the
 * items' properties and menus the way a panel does (org.freedesktop.DBus.Properties, com.canonical.dbusmenu).
 */
final class WatcherDouble implements StatusNotifierWatcherBus, Properties, AutoCloseable {
    final DBusConnection connection;
    final List<String> registered = new CopyOnWriteArrayList<>();
    /** The unique name of whoever registered each item. */
    final List<String> registeredBy = new CopyOnWriteArrayList<>();

    private WatcherDouble(DBusConnection connection) {
        this.connection = connection;
    }

    static WatcherDouble start(String address) throws Exception {
        DBusConnection c = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        WatcherDouble w = new WatcherDouble(c);
        c.exportObject(PATH, w);
        c.requestBusName(NAME);
        return w;
    }

    @Override
    public void RegisterStatusNotifierItem(String service) {
        registered.add(service);
        registeredBy.add(connection.getDBusOwnerName(service));
        try {
            connection.sendMessage(new StatusNotifierItemRegistered(PATH, service));
        } catch (org.freedesktop.dbus.exceptions.DBusException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void RegisterStatusNotifierHost(String service) {
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String iface, String name) {
        return (A) GetAll(iface).get(name);
    }

    @Override
    public <A> void Set(String iface, String name, A value) {
        throw new org.freedesktop.dbus.errors.PropertyReadOnly(name);
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        return Map.of("RegisteredStatusNotifierItems", new Variant<>(List.copyOf(registered), "as"),
                "IsStatusNotifierHostRegistered", new Variant<>(true),
                "ProtocolVersion", new Variant<>(0));
    }

    @Override
    public String getObjectPath() {
        return PATH;
    }

    /** The host's view of an item: all of its properties. */
    Map<String, Variant<?>> itemProperties(String service) throws Exception {
        Properties p = connection.getRemoteObject(service, StatusNotifierItemBus.PATH, Properties.class);
        return p.GetAll(StatusNotifierItemBus.INTERFACE);
    }

    /** The host's view of an item's menu, at the path its Menu property names. */
    DbusMenuBus menu(String service, String path) throws Exception {
        return connection.getRemoteObject(service, path, DbusMenuBus.class);
    }

    StatusNotifierItemBus item(String service) throws Exception {
        return connection.getRemoteObject(service, StatusNotifierItemBus.PATH, StatusNotifierItemBus.class);
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
