package dev.ponte.ui.tray.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.testsupport.DbusTestBus;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.tray.Notification;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Notifications over {@code org.freedesktop.Notifications} on a real session bus, to a notification server written to
 * the Desktop Notifications Specification ({@link NotificationServerDouble}): actions where the server has the
 * "actions" capability, a connection's notification replacing its previous one, an action the user invokes reaching
 * the app, and the fallback once the server is gone.
 */
@Tag("dbus")
class DbusNotifierTest {
    private static DbusTestBus bus;
    private NotificationServerDouble server;
    private SessionBus app;
    private DbusNotifier notifier;
    private final List<Notification> fallback = new CopyOnWriteArrayList<>();
    private final List<String> invoked = new CopyOnWriteArrayList<>();

    private static final Notification DOWN = new Notification("kind-dev: tunnel down", "No handshake for 3 min. <Open> Ponte.",
            Notification.Level.ERROR, "connection:kind-dev", "kind-dev",
            List.of(Notification.Action.OPEN, Notification.Action.SHOW_DIAGNOSTICS));
    private static final Notification BACK = new Notification("kind-dev: tunnel back", "The connection is healthy again.",
            Notification.Level.INFO, "connection:kind-dev", "kind-dev", List.of(Notification.Action.OPEN));

    @BeforeAll
    static void startBus() throws Exception {
        bus = DbusTestBus.start();
    }

    @AfterAll
    static void stopBus() throws Exception {
        if (bus != null) {
            bus.close();
        }
    }

    private void connect(String... capabilities) throws Exception {
        server = NotificationServerDouble.start(bus.address, capabilities);
        app = SessionBus.connect(bus.env()).orElseThrow();
        notifier = DbusNotifier.connect(app, fallback::add, (n, a) -> invoked.add(a + " " + n.context())).orElseThrow();
    }

    @AfterEach
    void close() {
        if (notifier != null) {
            notifier.close();
        }
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aNotificationCarriesItsActionsUrgencyAndEscapedBody() throws Exception {
        connect("actions", "body", "body-markup");
        assertEquals(java.util.Set.of("actions", "body", "body-markup"), notifier.capabilities());
        notifier.show(DOWN);
        Wait.polling("the Notify call", () -> server.calls.size() == 1);
        NotificationServerDouble.Call c = server.last();
        assertEquals("Ponte", c.appName());
        assertEquals(0, c.replacesId());
        assertEquals("kind-dev: tunnel down", c.summary());
        assertEquals("No handshake for 3 min. &lt;Open&gt; Ponte.", c.body());
        assertEquals(List.of("default", "Open Ponte", "open", "Open", "diagnostics", "Show diagnostics"), c.actions());
        assertEquals((byte) 2, c.hints().get("urgency").getValue(), "critical");
        assertEquals("dev.ponte.Ponte", c.hints().get("desktop-entry").getValue());
        assertEquals(List.of(), fallback);
    }

    @Test
    void theNextNotificationOfAConnectionReplacesItsPreviousOne() throws Exception {
        connect("actions", "body");
        notifier.show(DOWN);
        notifier.show(BACK);
        notifier.show(new Notification("Connect staging: done", "Took 12 s.", Notification.Level.INFO, "task", null,
                List.of(Notification.Action.OPEN)));
        Wait.polling("three Notify calls", () -> server.calls.size() == 3);
        long first = server.calls.get(0).id();
        assertEquals(first, server.calls.get(1).replacesId(), "the recovery replaces the drop");
        assertEquals(first, server.calls.get(1).id());
        assertEquals(0, server.calls.get(2).replacesId(), "another group stacks");
        assertEquals("The connection is healthy again.", server.calls.get(1).body(), "no markup capability: text as is");

        server.closed(first, 2); // the user dismissed it
        Wait.polling("the closed signal to be seen", () -> !notifier.showing("connection:kind-dev"));
        notifier.show(DOWN);
        Wait.polling("a fourth call", () -> server.calls.size() == 4);
        assertEquals(0, server.last().replacesId(), "a dismissed notification is not replaced but shown anew");
    }

    @Test
    void aServerWithoutActionsGetsNone() throws Exception {
        connect("body");
        notifier.show(DOWN);
        Wait.polling("the Notify call", () -> server.calls.size() == 1);
        assertEquals(List.of(), server.last().actions());
        assertEquals("No handshake for 3 min. <Open> Ponte.", server.last().body());
    }

    @Test
    void anActionInvokedOnTheBusReachesTheApp() throws Exception {
        connect("actions", "body");
        notifier.show(DOWN);
        Wait.polling("the Notify call", () -> server.calls.size() == 1);
        long id = server.last().id();
        server.invoke(id, "diagnostics");
        server.invoke(id, "default");
        server.invoke(id + 1000, "open"); // another application's notification
        Wait.polling("two actions", () -> invoked.size() == 2, invoked::toString);
        assertEquals(List.of("SHOW_DIAGNOSTICS kind-dev", "OPEN kind-dev"), invoked);
    }

    @Test
    void withoutAServerThereIsNoNotifierAndAServerThatGoesAwayHandsOverToTheFallback() throws Exception {
        app = SessionBus.connect(bus.env()).orElseThrow();
        assertEquals(Optional.empty(), DbusNotifier.connect(app, fallback::add, (n, a) -> { }));
        app.close();
        app = null;

        connect("actions");
        server.close();
        Wait.polling("the server's name to go", () -> !app.hasOwner(NotificationsBus.NAME));
        notifier.show(DOWN);
        notifier.show(BACK);
        Wait.polling("both in the fallback", () -> fallback.size() == 2);
        assertTrue(fallback.containsAll(List.of(DOWN, BACK)));
        server = null;
    }

    @Test
    void notificationsSentWhileTheBusIsBusyKeepTheirOrder() throws Exception {
        connect("actions", "body");
        for (int i = 0; i < 20; i++) {
            notifier.show(new Notification("n" + i, "", Notification.Level.INFO));
        }
        Wait.polling("twenty calls", () -> server.calls.size() == 20);
        assertEquals(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "n" + i).toList(),
                server.calls.stream().map(NotificationServerDouble.Call::summary).toList());
    }
}
