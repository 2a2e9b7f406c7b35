package dev.ponte.ui.tray.dbus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A notification server as a test double on a real bus, per the Desktop Notifications Specification 1.2
 * (https://specifications.freedesktop.org/notification-spec/1.2/): owns {@code org.freedesktop.Notifications}, answers
 * GetCapabilities and GetServerInformation, gives each Notify an id (or keeps {@code replaces_id} when it names a
 * notification it shows), and emits ActionInvoked and NotificationClosed when the test plays the user.
 */
final class NotificationServerDouble implements NotificationsBus, AutoCloseable {
    record Call(String appName, long replacesId, String summary, String body, List<String> actions,
                Map<String, Variant<?>> hints, long id) {
    }

    final DBusConnection connection;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> capabilities;
    private final AtomicLong next = new AtomicLong(100);

    private NotificationServerDouble(DBusConnection connection, List<String> capabilities) {
        this.connection = connection;
        this.capabilities = capabilities;
    }

    static NotificationServerDouble start(String address, String... capabilities) throws Exception {
        DBusConnection c = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        NotificationServerDouble s = new NotificationServerDouble(c, List.of(capabilities));
        c.exportObject(PATH, s);
        c.requestBusName(NAME);
        return s;
    }

    @Override
    public UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body,
                         List<String> actions, Map<String, Variant<?>> hints, int expireTimeout) {
        boolean replaces = replacesId.longValue() != 0 && calls.stream().anyMatch(c -> c.id() == replacesId.longValue());
        long id = replaces ? replacesId.longValue() : next.incrementAndGet();
        calls.add(new Call(appName, replacesId.longValue(), summary, body, List.copyOf(actions), Map.copyOf(hints), id));
        return new UInt32(id);
    }

    @Override
    public void CloseNotification(UInt32 id) {
        closed(id.longValue(), 3);
    }

    @Override
    public List<String> GetCapabilities() {
        return capabilities;
    }

    @Override
    public ServerInformation<String, String, String, String> GetServerInformation() {
        return new ServerInformation<>("ponte-test-double", "Ponte", "1", "1.2");
    }

    /** The user clicks one of the notification's actions. */
    void invoke(long id, String key) throws Exception {
        connection.sendMessage(new ActionInvoked(PATH, new UInt32(id), key));
    }

    void closed(long id, int reason) {
        try {
            connection.sendMessage(new NotificationClosed(PATH, new UInt32(id), new UInt32(reason)));
        } catch (org.freedesktop.dbus.exceptions.DBusException e) {
            throw new IllegalStateException(e);
        }
    }

    Call last() {
        return calls.getLast();
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
