package dev.ponte.ui.tray.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.status.AppStatus;
import dev.ponte.core.status.ConnectionStatus;
import dev.ponte.core.status.StatusBoard;
import dev.ponte.testsupport.DbusTestBus;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.tray.NotificationPolicy;
import dev.ponte.ui.tray.TrayActions;
import dev.ponte.ui.tray.TrayContent;
import dev.ponte.ui.tray.TrayController;
import dev.ponte.ui.tray.TrayIcons;
import dev.ponte.ui.tray.TrayMenuBuilder;
import java.awt.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The tray as a StatusNotifierItem on a real session bus ({@code dbus-daemon}), seen by a watcher and host written to
 * the StatusNotifierItem specification ({@link WatcherDouble}): the item registers, its icon, tooltip, status and menu
 * follow the connection states as the app's {@link TrayController} feeds them, each change is announced with the
 * spec's signals, and a click in the menu (dbusmenu's Event "clicked") reaches the app's tray actions.
 */
@Tag("dbus")
class StatusNotifierTrayTest {
    private static DbusTestBus bus;
    private WatcherDouble watcher;
    private SessionBus app;
    private StatusNotifierTray tray;
    private TrayController controller;
    private final StatusBoard board = new StatusBoard();
    private final Actions actions = new Actions();
    private final List<String> signals = new CopyOnWriteArrayList<>();

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

    @BeforeEach
    void install() throws Exception {
        watcher = WatcherDouble.start(bus.address);
        watcher.connection.addSigHandler(StatusNotifierItemBus.NewIcon.class, s -> signals.add("NewIcon"));
        watcher.connection.addSigHandler(StatusNotifierItemBus.NewToolTip.class, s -> signals.add("NewToolTip"));
        watcher.connection.addSigHandler(StatusNotifierItemBus.NewStatus.class, s -> signals.add("NewStatus " + s.status));
        watcher.connection.addSigHandler(DbusMenuBus.LayoutUpdated.class, s -> signals.add("LayoutUpdated " + s.revision));
        app = SessionBus.connect(bus.env()).orElseThrow();
        TrayContent first = TrayMenuBuilder.build(board.snapshot(), true, actions);
        tray = StatusNotifierTray.install(app, first, Runnable::run, () -> actions.calls.add("open")).orElseThrow();
        controller = new TrayController(board, Runnable::run, tray, n -> { }, new NotificationPolicy(() -> false),
                () -> true, actions);
    }

    @AfterEach
    void uninstall() {
        controller.close();
        tray.close();
        app.close();
        watcher.close();
    }

    @Test
    void theItemRegistersWithTheWatcherUnderItsOwnBusName() throws Exception {
        Wait.polling("the item's registration", () -> watcher.registered.contains(tray.busName()));
        assertEquals(app.uniqueName(), watcher.registeredBy.getFirst(), "the name is owned by Ponte's connection");
        Map<String, Variant<?>> p = watcher.itemProperties(tray.busName());
        assertEquals("ApplicationStatus", p.get("Category").getValue());
        assertEquals("ponte", p.get("Id").getValue());
        assertEquals("Ponte", p.get("Title").getValue());
        assertEquals(false, p.get("ItemIsMenu").getValue());
        assertEquals(StatusNotifierTray.MENU_PATH, p.get("Menu").getValue().toString());
    }

    @Test
    void iconTooltipAndStatusFollowTheConnectionStates() throws Exception {
        assertPixmaps(AppStatus.Overall.NONE, watcher.itemProperties(tray.busName()).get("IconPixmap"));
        board.update(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTED, ""));
        board.update(ConnectionStatus.of("staging", ConnectionState.DEGRADED, "2 pings lost"));
        Wait.polling("NewIcon and NewToolTip", () -> signals.containsAll(List.of("NewIcon", "NewToolTip")), signals::toString);
        Map<String, Variant<?>> p = watcher.itemProperties(tray.busName());
        assertPixmaps(AppStatus.Overall.DEGRADED, p.get("IconPixmap"));
        assertEquals("Active", p.get("Status").getValue());
        assertEquals("kind-dev: Connected\nstaging: Degraded", tooltipDescription(p.get("ToolTip")));

        signals.clear();
        board.update(ConnectionStatus.of("kind-dev", ConnectionState.DOWN, "no handshake for 3 min"));
        Wait.polling("NewStatus NeedsAttention", () -> signals.contains("NewStatus NeedsAttention"), signals::toString);
        p = watcher.itemProperties(tray.busName());
        assertEquals("NeedsAttention", p.get("Status").getValue());
        assertPixmaps(AppStatus.Overall.DOWN, p.get("IconPixmap"));
        assertTrue(tooltipDescription(p.get("ToolTip")).startsWith("kind-dev: Down\n"), tooltipDescription(p.get("ToolTip")));
    }

    @Test
    void theMenuFollowsTheStatesAndItsClicksReachTheApp() throws Exception {
        DbusMenuBus menu = watcher.menu(tray.busName(), StatusNotifierTray.MENU_PATH);
        DbusMenuBus.LayoutReply<UInt32, DbusMenuBus.MenuLayout> before = menu.GetLayout(0, -1, List.of());
        assertEquals(List.of("Open Ponte", "", "Keep running in the tray when the window closes", "Quit Ponte"), labels(before));

        board.update(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTED, ""));
        Wait.polling("LayoutUpdated", () -> signals.stream().anyMatch(s -> s.startsWith("LayoutUpdated")), signals::toString);
        DbusMenuBus.LayoutReply<UInt32, DbusMenuBus.MenuLayout> after = menu.GetLayout(0, -1, List.of());
        assertTrue(after.revision.longValue() > before.revision.longValue(), "a new revision");
        assertEquals(List.of("Open Ponte", "", "kind-dev: Connected", "Disconnect kind-dev", "",
                "Keep running in the tray when the window closes", "Quit Ponte…"), labels(after));

        menu.Event(idOf(after, "Disconnect kind-dev"), "clicked", new Variant<>(""), new UInt32(0));
        menu.Event(idOf(after, "Keep running in the tray when the window closes"), "clicked", new Variant<>(""), new UInt32(0));
        menu.Event(idOf(after, "kind-dev: Connected"), "clicked", new Variant<>(""), new UInt32(0));
        watcher.item(tray.busName()).Activate(10, 10);
        Wait.polling("the clicks to reach the app", () -> actions.calls.size() == 3, actions.calls::toString);
        assertEquals(List.of("DISCONNECT kind-dev", "closeToTray false", "open"), actions.calls,
                "a state line does nothing; Activate opens the window");
    }

    @Test
    void aLabelWithUnderscoresShowsThemLiterally() throws Exception {
        board.update(ConnectionStatus.of("kind_dev", ConnectionState.CONNECTED, ""));
        DbusMenuBus menu = watcher.menu(tray.busName(), StatusNotifierTray.MENU_PATH);
        Wait.polling("the new menu", () -> labels(menu.GetLayout(0, -1, List.of())).contains("kind__dev: Connected"));
    }

    @Test
    void aWatcherThatComesBackGetsTheItemAgain() throws Exception {
        Wait.polling("the first registration", () -> watcher.registered.contains(tray.busName()));
        watcher.close();
        watcher = WatcherDouble.start(bus.address);
        Wait.polling("the registration with the new watcher", () -> watcher.registered.contains(tray.busName()));
    }

    @Test
    void withoutAWatcherThereIsNoItem() throws Exception {
        watcher.close();
        Wait.polling("the watcher's name to go", () -> !app.hasOwner(StatusNotifierWatcherBus.NAME));
        assertEquals(Optional.empty(), StatusNotifierTray.install(app, TrayMenuBuilder.build(board.snapshot(), true, actions),
                Runnable::run, () -> { }));
        watcher = WatcherDouble.start(bus.address); // for @AfterEach
    }

    private static void assertPixmaps(AppStatus.Overall state, Variant<?> iconPixmap) {
        List<?> list = (List<?>) iconPixmap.getValue();
        assertEquals(StatusNotifierTray.ICON_SIZES.length, list.size());
        Object[] first = fields(list.getFirst());
        assertEquals(16, ((Number) first[0]).intValue());
        assertEquals(16, ((Number) first[1]).intValue());
        byte[] expected = StatusNotifierTray.Pixmap.of(TrayIcons.image(state, new Dimension(16, 16))).pixels;
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(bytes(first[2])),
                "the " + state + " icon, ARGB32 in network byte order");
    }

    private static String tooltipDescription(Variant<?> tooltip) {
        return (String) fields(tooltip.getValue())[3];
    }

    /** A struct as it comes back inside a variant: a Struct subclass or an Object[], depending on dbus-java's path. */
    private static Object[] fields(Object struct) {
        if (struct instanceof Object[] a) {
            return a;
        }
        if (struct instanceof org.freedesktop.dbus.Struct s) {
            return s.getParameters();
        }
        throw new AssertionError("not a struct: " + struct.getClass());
    }

    private static byte[] bytes(Object o) {
        if (o instanceof byte[] b) {
            return b;
        }
        List<?> l = o instanceof List<?> list ? list : java.util.Arrays.asList((Object[]) o);
        byte[] out = new byte[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).byteValue();
        }
        return out;
    }

    private static List<String> labels(DbusMenuBus.LayoutReply<UInt32, DbusMenuBus.MenuLayout> reply) {
        List<String> out = new ArrayList<>();
        for (Variant<?> child : reply.layout.children) {
            Object[] f = fields(child.getValue());
            @SuppressWarnings("unchecked")
            Map<String, Variant<?>> props = (Map<String, Variant<?>>) f[1];
            Variant<?> label = props.get("label");
            out.add(label == null ? "" : (String) label.getValue());
        }
        return out;
    }

    private static int idOf(DbusMenuBus.LayoutReply<UInt32, DbusMenuBus.MenuLayout> reply, String label) {
        for (Variant<?> child : reply.layout.children) {
            Object[] f = fields(child.getValue());
            @SuppressWarnings("unchecked")
            Map<String, Variant<?>> props = (Map<String, Variant<?>>) f[1];
            if (props.containsKey("label") && label.equals(props.get("label").getValue())) {
                return ((Number) f[0]).intValue();
            }
        }
        throw new AssertionError("no item " + label);
    }

    /** The app's tray actions, recorded (called from the bus's threads). */
    static final class Actions implements TrayActions {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void openWindow() {
            calls.add("open");
        }

        @Override
        public void act(String context, dev.ponte.core.connections.ConnectionSnapshot.Action action) {
            calls.add(action.name() + " " + context);
        }

        @Override
        public void unbridge(String bridge) {
            calls.add("unbridge " + bridge);
        }

        @Override
        public void setCloseToTray(boolean on) {
            calls.add("closeToTray " + on);
        }

        @Override
        public void quit() {
            calls.add("quit");
        }
    }
}
