package dev.ponte.ui.tray.dbus;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ponte's one connection to the desktop's session bus (the address in {@code DBUS_SESSION_BUS_ADDRESS}), shared by
 * the tray item, notifications and the colour-scheme portal. dbus-java's own transport on the JDK's Unix-domain
 * sockets: nothing native to ship. Linux and the BSDs only; on Windows and macOS there is no session bus to use.
 */
public final class SessionBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionBus.class);
    public static final String ADDRESS = "DBUS_SESSION_BUS_ADDRESS";
    private final DBusConnection connection;
    private final DBus daemon;

    private SessionBus(DBusConnection connection) throws DBusException {
        this.connection = connection;
        this.daemon = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
    }

    /**
     * Connects to the session bus of {@code env} from a thread of its own (connecting and loading dbus-java take
     * 0.1–0.3 s: never on the FX thread). Empty when not on Linux, when no address is set, or when the bus does not
     * answer (the log says why).
     */
    public static CompletableFuture<Optional<SessionBus>> open(Map<String, String> env) {
        CompletableFuture<Optional<SessionBus>> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("ponte-dbus-connect").start(() -> result.complete(connect(env)));
        return result;
    }

    /** Connects on the calling thread; see {@link #open}. */
    public static Optional<SessionBus> connect(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return Optional.empty();
        }
        String address = env.get(ADDRESS);
        if (address == null || address.isBlank()) {
            LOG.info("No session bus ({} is not set): no StatusNotifierItem tray, no desktop notifications over D-Bus", ADDRESS);
            return Optional.empty();
        }
        try {
            DBusConnection c = DBusConnectionBuilder.forAddress(address).withShared(false).build();
            LOG.info("Connected to the session bus as {}", c.getUniqueName());
            return Optional.of(new SessionBus(c));
        } catch (DBusException | RuntimeException e) {
            // An abstract-namespace address (unix:abstract=…) is one the JDK's sockets cannot reach.
            LOG.info("The session bus at {} does not answer ({}); the tray and notifications use AWT", address,
                    e.getMessage());
            return Optional.empty();
        }
    }

    public DBusConnection connection() {
        return connection;
    }

    /** True when someone owns {@code name} on the bus now. */
    public boolean hasOwner(String name) {
        try {
            return daemon.NameHasOwner(name);
        } catch (RuntimeException e) {
            LOG.debug("NameHasOwner({}) failed: {}", name, e.toString());
            return false;
        }
    }

    /** The unique name of the owner of {@code name}, or empty. */
    public Optional<String> owner(String name) {
        try {
            return Optional.ofNullable(daemon.GetNameOwner(name));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Our own unique name (":1.42"). */
    public String uniqueName() {
        return connection.getUniqueName();
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
