package dev.ponte.ui.tray.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.status.StatusBoard;
import dev.ponte.core.status.StatusFeed;
import dev.ponte.testsupport.DbusTestBus;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.tray.DesktopTray;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The tray as the app wires it ({@link DesktopTray}) on a desktop with a StatusNotifierWatcher and a notification
 * server on its session bus (test doubles on a real {@code dbus-daemon}), over the real connection service on in-memory
 * ports: the item is chosen over AWT, a click in its menu disconnects the connection, the tunnel going down becomes a
 * notification with actions, and "Show diagnostics" invoked on the bus opens the window on that connection.
 */
@Tag("dbus")
@ExtendWith(ApplicationExtension.class)
class DesktopTrayOnDbusTest {
    private static DbusTestBus bus;
    @TempDir
    static Path dir;
    private WatcherDouble watcher;
    private NotificationServerDouble server;
    private SessionBus app;
    private DesktopTray tray;
    private FakePorts ports;
    private ConnectionService service;
    private final ManualScheduler scheduler = new ManualScheduler();
    private final StatusBoard board = new StatusBoard();
    private final List<String> shown = new CopyOnWriteArrayList<>();
    private Stage stage;

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

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        watcher = WatcherDouble.start(bus.address);
        server = NotificationServerDouble.start(bus.address, "actions", "body", "body-markup");
        app = SessionBus.connect(bus.env()).orElseThrow();
        ports = new FakePorts(dir.resolve(java.util.UUID.randomUUID().toString()), "kind-dev");
        service = ports.inlineService(scheduler);
        service.reconcile();
        StatusFeed feed = new StatusFeed(board, Clock.systemUTC());
        service.subscribe(feed::connections);
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
        tray = DesktopTray.start(stage, board, service, new UiSettings(), () -> { },
                CompletableFuture.completedFuture(Optional.of(app)));
        tray.setShowConnection(shown::add);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(tray::close);
        app.close();
        server.close();
        watcher.close();
    }

    @Test
    void theMenuDisconnectsAndADroppedTunnelIsANotificationWhoseActionOpensTheConnection(FxRobot robot) throws Exception {
        assertTrue(tray.ready().get(15, java.util.concurrent.TimeUnit.SECONDS), "the StatusNotifierItem is the tray");
        Wait.polling("the item's registration", () -> watcher.registered.size() == 1);
        String item = watcher.registered.getFirst();

        robot.interact(() -> service.connect("kind-dev"));
        scheduler.advance(java.time.Duration.ZERO);
        DbusMenuBus menu = watcher.menu(item, (String) watcher.itemProperties(item).get("Menu").getValue().toString());
        Wait.polling("Disconnect in the menu", () -> labels(menu).contains("Disconnect kind-dev"), () -> labels(menu).toString());

        // The tunnel drops: the connection goes Down, and the notification server hears of it with actions.
        ports.tunnelUp = false;
        for (int i = 0; i < 8 && service.snapshot().of("kind-dev").orElseThrow().state() != ConnectionState.DOWN; i++) {
            scheduler.advance(java.time.Duration.ofSeconds(5));
        }
        assertEquals(ConnectionState.DOWN, service.snapshot().of("kind-dev").orElseThrow().state());
        Wait.polling("the tunnel-down notification", () -> server.calls.stream().anyMatch(c -> c.summary().equals("kind-dev: tunnel down")),
                () -> server.calls.toString());
        var down = server.calls.stream().filter(c -> c.summary().equals("kind-dev: tunnel down")).findFirst().orElseThrow();
        assertTrue(down.actions().containsAll(List.of("open", "diagnostics")), down.actions().toString());

        robot.interact(stage::hide);
        server.invoke(down.id(), "diagnostics");
        Wait.until("the window on kind-dev", () -> stage.isShowing() && shown.contains("kind-dev"), shown::toString);

        // A click on "Disconnect kind-dev" in the item's menu reaches the connection service.
        int id = idOf(menu, "Disconnect kind-dev");
        menu.Event(id, "clicked", new Variant<>(""), new UInt32(0));
        Wait.until("the connection to be disconnected", () -> service.snapshot().of("kind-dev").orElseThrow().state()
                == ConnectionState.NOT_CONNECTED, () -> service.snapshot().of("kind-dev").orElseThrow().state().toString());
    }

    private static List<String> labels(DbusMenuBus menu) {
        return menu.GetLayout(0, -1, List.of()).layout.children.stream().map(v -> {
            Object[] f = fields(v.getValue());
            @SuppressWarnings("unchecked")
            Map<String, Variant<?>> p = (Map<String, Variant<?>>) f[1];
            return p.containsKey("label") ? (String) p.get("label").getValue() : "";
        }).toList();
    }

    private static Object[] fields(Object o) {
        return o instanceof Object[] a ? a : ((org.freedesktop.dbus.Struct) o).getParameters();
    }

    private static int idOf(DbusMenuBus menu, String label) {
        for (Variant<?> v : menu.GetLayout(0, -1, List.of()).layout.children) {
            Object[] f = fields(v.getValue());
            @SuppressWarnings("unchecked")
            Map<String, Variant<?>> p = (Map<String, Variant<?>>) f[1];
            if (p.containsKey("label") && label.equals(p.get("label").getValue())) {
                return ((Number) f[0]).intValue();
            }
        }
        throw new AssertionError("no " + label + " in " + labels(menu));
    }
}
