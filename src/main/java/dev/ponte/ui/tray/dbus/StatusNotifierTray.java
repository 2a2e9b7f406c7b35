package dev.ponte.ui.tray.dbus;

import dev.ponte.core.status.AppStatus;
import dev.ponte.ui.tray.TrayContent;
import dev.ponte.ui.tray.TrayIcons;
import dev.ponte.ui.tray.TrayMenu;
import dev.ponte.ui.tray.TrayPresenter;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray as a StatusNotifierItem with its menu over {@code com.canonical.dbusmenu}: what KDE Plasma, GNOME with the
 * AppIndicator extension (Ubuntu's default), Cinnamon, XFCE's status-notifier plugin and waybar draw — the desktops
 * where AWT's XEmbed tray shows nothing. Draws the same {@link TrayContent} as {@code AwtTray}: the icon per state
 * (as pixmaps from the same PNGs), the tooltip, the menu; each change is announced with the spec's signals
 * (NewIcon, NewToolTip, NewStatus, LayoutUpdated), so hosts redraw live. Clicks arrive on dbus-java's threads and
 * hop to {@code fx}.
 *
 * <p>Registers with the watcher under the bus name {@code org.kde.StatusNotifierItem-<pid>-1}, and again whenever a
 * watcher (re)appears on the bus (Plasma restarting, the extension being re-enabled).
 */
public final class StatusNotifierTray implements TrayPresenter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusNotifierTray.class);
    public static final String MENU_PATH = "/MenuBar";
    static final int[] ICON_SIZES = {16, 22, 24, 32};

    private final SessionBus bus;
    private final Executor fx;
    private final Runnable onActivate;
    private final String busName;
    private final Item item = new Item();
    private final Menu menu = new Menu();
    private final Object lock = new Object();
    private TrayContent content;
    private MenuExport export;
    private int revision = 1;
    private AutoCloseable watcherWatch;

    private StatusNotifierTray(SessionBus bus, Executor fx, Runnable onActivate, TrayContent first) {
        this.bus = bus;
        this.fx = fx;
        this.onActivate = onActivate;
        this.busName = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
        this.content = first;
        this.export = MenuExport.of(first.menu(), null);
    }

    /**
     * Exports the item and registers it, when a StatusNotifierWatcher is on the bus. Blocking (bus calls): call it
     * off the FX thread. Empty when there is no watcher (then AWT's tray is the one to try) or registering fails.
     *
     * @param onActivate runs on {@code fx} when the icon is clicked (Activate)
     */
    public static Optional<StatusNotifierTray> install(SessionBus bus, TrayContent first, Executor fx, Runnable onActivate) {
        if (!bus.hasOwner(StatusNotifierWatcherBus.NAME)) {
            LOG.info("No StatusNotifierWatcher on the session bus; trying AWT's tray");
            return Optional.empty();
        }
        StatusNotifierTray tray = new StatusNotifierTray(bus, fx, onActivate, first);
        try {
            bus.connection().requestBusName(tray.busName);
            bus.connection().exportObject(StatusNotifierItemBus.PATH, tray.item);
            bus.connection().exportObject(MENU_PATH, tray.menu);
            tray.watcherWatch = bus.connection().addSigHandler(DBus.NameOwnerChanged.class, s -> {
                if (StatusNotifierWatcherBus.NAME.equals(s.name) && s.newOwner != null && !s.newOwner.isEmpty()) {
                    LOG.info("A StatusNotifierWatcher appeared on the bus ({}); registering the tray item again", s.newOwner);
                    Thread.ofPlatform().daemon().name("ponte-sni-register").start(() -> {
                        try {
                            tray.register();
                        } catch (RuntimeException e) { // the bus closing meanwhile (NotConnected), the watcher gone again
                            LOG.warn("Could not register the tray item with the new StatusNotifierWatcher", e);
                        }
                    });
                }
            });
            tray.register();
            LOG.info("Tray icon registered as StatusNotifierItem {}", tray.busName);
            return Optional.of(tray);
        } catch (DBusException | RuntimeException e) {
            LOG.warn("Could not register the tray item with the StatusNotifierWatcher; trying AWT's tray", e);
            tray.close();
            return Optional.empty();
        }
    }

    private void register() {
        try {
            StatusNotifierWatcherBus watcher = bus.connection().getRemoteObject(StatusNotifierWatcherBus.NAME,
                    StatusNotifierWatcherBus.PATH, StatusNotifierWatcherBus.class);
            watcher.RegisterStatusNotifierItem(busName);
        } catch (DBusException e) {
            throw new IllegalStateException("RegisterStatusNotifierItem failed: " + e.getMessage(), e);
        }
    }

    /** The bus name the item is registered under. */
    public String busName() {
        return busName;
    }

    @Override
    public void show(TrayContent next) {
        List<DBusSignal> signals = new ArrayList<>();
        synchronized (lock) {
            TrayContent before = content;
            content = next;
            try {
                if (before.icon() != next.icon()) {
                    signals.add(new StatusNotifierItemBus.NewIcon(StatusNotifierItemBus.PATH));
                    if (!status(before.icon()).equals(status(next.icon()))) {
                        signals.add(new StatusNotifierItemBus.NewStatus(StatusNotifierItemBus.PATH, status(next.icon())));
                    }
                }
                if (!before.tooltip().equals(next.tooltip())) {
                    signals.add(new StatusNotifierItemBus.NewToolTip(StatusNotifierItemBus.PATH));
                }
                MenuExport nextExport = MenuExport.of(next.menu(), export);
                // The callbacks change with every build even when nothing shown does: keep the newest ones.
                boolean changed = !nextExport.fingerprint().equals(export.fingerprint());
                export = nextExport;
                if (changed) {
                    revision++;
                    signals.add(new DbusMenuBus.LayoutUpdated(MENU_PATH, new UInt32(revision), MenuExport.ROOT));
                }
            } catch (DBusException e) {
                LOG.warn("Could not build the tray's change signals", e);
            }
        }
        signals.forEach(s -> bus.connection().sendMessage(s));
    }

    @Override
    public void close() {
        try {
            if (watcherWatch != null) {
                watcherWatch.close();
            }
        } catch (Exception e) {
            LOG.debug("Closing the watcher signal handler: {}", e.toString());
        }
        bus.connection().unExportObject(StatusNotifierItemBus.PATH);
        bus.connection().unExportObject(MENU_PATH);
        try {
            bus.connection().releaseBusName(busName);
        } catch (DBusException | RuntimeException e) {
            LOG.debug("Releasing {}: {}", busName, e.toString());
        }
    }

    /** Passive hides the icon on some hosts: Ponte always shows; Down asks for attention. */
    static String status(AppStatus.Overall state) {
        return state == AppStatus.Overall.DOWN ? "NeedsAttention" : "Active";
    }

    /** {@code (iiay)}: width, height, ARGB32 pixels in network byte order. */
    public static final class Pixmap extends Struct {
        @Position(0)
        public final int width;
        @Position(1)
        public final int height;
        @Position(2)
        public final byte[] pixels;

        public Pixmap(int width, int height, byte[] pixels) {
            this.width = width;
            this.height = height;
            this.pixels = pixels;
        }

        static Pixmap of(BufferedImage image) {
            int w = image.getWidth();
            int h = image.getHeight();
            byte[] out = new byte[w * h * 4];
            int i = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int argb = image.getRGB(x, y);
                    out[i++] = (byte) (argb >>> 24);
                    out[i++] = (byte) (argb >>> 16);
                    out[i++] = (byte) (argb >>> 8);
                    out[i++] = (byte) argb;
                }
            }
            return new Pixmap(w, h, out);
        }
    }

    /** {@code (sa(iiay)ss)}: icon name, icon pixmaps, title, description. */
    public static final class ToolTip extends Struct {
        @Position(0)
        public final String iconName;
        @Position(1)
        public final List<Pixmap> icon;
        @Position(2)
        public final String title;
        @Position(3)
        public final String description;

        public ToolTip(String iconName, List<Pixmap> icon, String title, String description) {
            this.iconName = iconName;
            this.icon = icon;
            this.title = title;
            this.description = description;
        }
    }

    static List<Pixmap> pixmaps(AppStatus.Overall state) {
        List<Pixmap> out = new ArrayList<>();
        for (int size : ICON_SIZES) {
            out.add(Pixmap.of(TrayIcons.image(state, new Dimension(size, size))));
        }
        return out;
    }

    /**
     * The tooltip's description: the one-line text AWT needs ("Ponte — kind-dev: Connected · staging: Down"),
     * one connection per line, since StatusNotifierItem hosts show several lines.
     */
    static String description(String tooltip) {
        String text = tooltip.startsWith("Ponte — ") ? tooltip.substring("Ponte — ".length()) : tooltip;
        return text.replace(" · ", "\n");
    }

    private Map<String, Variant<?>> itemProperties() {
        TrayContent c;
        synchronized (lock) {
            c = content;
        }
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        p.put("Category", new Variant<>("ApplicationStatus"));
        p.put("Id", new Variant<>("ponte"));
        p.put("Title", new Variant<>("Ponte"));
        p.put("Status", new Variant<>(status(c.icon())));
        p.put("WindowId", new Variant<>(0));
        p.put("IconThemePath", new Variant<>(""));
        p.put("IconName", new Variant<>(""));
        p.put("IconPixmap", new Variant<>(pixmaps(c.icon()), "a(iiay)"));
        p.put("OverlayIconName", new Variant<>(""));
        p.put("OverlayIconPixmap", new Variant<>(List.of(), "a(iiay)"));
        p.put("AttentionIconName", new Variant<>(""));
        p.put("AttentionIconPixmap", new Variant<>(List.of(), "a(iiay)"));
        p.put("AttentionMovieName", new Variant<>(""));
        p.put("ToolTip", new Variant<>(new ToolTip("", List.of(), "Ponte", description(c.tooltip())), "(sa(iiay)ss)"));
        p.put("ItemIsMenu", new Variant<>(false));
        p.put("Menu", new Variant<>(new DBusPath(MENU_PATH), "o"));
        return p;
    }

    private static Map<String, Variant<?>> menuProperties() {
        Map<String, Variant<?>> p = new LinkedHashMap<>();
        p.put("Version", new Variant<>(new UInt32(3)));
        p.put("TextDirection", new Variant<>("ltr"));
        p.put("Status", new Variant<>("normal"));
        p.put("IconThemePath", new Variant<>(List.of(), "as"));
        return p;
    }

    private static Variant<?> property(Map<String, Variant<?>> all, String iface, String expected, String name) {
        if (!expected.equals(iface) && !iface.isEmpty()) {
            throw new org.freedesktop.dbus.errors.UnknownInterface("No interface " + iface);
        }
        Variant<?> v = all.get(name);
        if (v == null) {
            throw new org.freedesktop.dbus.errors.UnknownProperty("No property " + name);
        }
        return v;
    }

    /** The exported {@code /StatusNotifierItem}. */
    private final class Item implements StatusNotifierItemBus, Properties {
        @Override
        public void ContextMenu(int x, int y) {
            // Hosts read the Menu property and draw the menu themselves.
        }

        @Override
        public void Activate(int x, int y) {
            fx.execute(onActivate);
        }

        @Override
        public void SecondaryActivate(int x, int y) {
            fx.execute(onActivate);
        }

        @Override
        public void Scroll(int delta, String orientation) {
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A> A Get(String iface, String name) {
            return (A) property(itemProperties(), iface, StatusNotifierItemBus.INTERFACE, name);
        }

        @Override
        public <A> void Set(String iface, String name, A value) {
            throw new org.freedesktop.dbus.errors.PropertyReadOnly("The tray item's properties are read-only");
        }

        @Override
        public Map<String, Variant<?>> GetAll(String iface) {
            return StatusNotifierItemBus.INTERFACE.equals(iface) || iface.isEmpty() ? itemProperties() : Map.of();
        }

        @Override
        public String getObjectPath() {
            return StatusNotifierItemBus.PATH;
        }
    }

    /** The exported {@code /MenuBar}. */
    private final class Menu implements DbusMenuBus, Properties {
        private MenuExport current() {
            synchronized (lock) {
                return export;
            }
        }

        @Override
        public LayoutReply<UInt32, MenuLayout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames) {
            MenuExport e;
            int rev;
            synchronized (lock) {
                e = export;
                rev = revision;
            }
            if (e.node(parentId) == null) {
                throw new org.freedesktop.dbus.errors.InvalidMethodArgument("No menu item " + parentId);
            }
            return new LayoutReply<>(new UInt32(rev), e.layout(parentId, recursionDepth, propertyNames));
        }

        @Override
        public List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames) {
            MenuExport e = current();
            List<ItemProperties> out = new ArrayList<>();
            for (int id : ids == null || ids.isEmpty() ? e.ids() : ids) {
                MenuExport.Node n = e.node(id);
                if (n != null) {
                    out.add(new ItemProperties(id, MenuExport.properties(n, propertyNames)));
                }
            }
            return out;
        }

        @Override
        public Variant<?> GetProperty(int id, String name) {
            MenuExport.Node n = current().node(id);
            if (n == null || !n.properties().containsKey(name)) {
                throw new org.freedesktop.dbus.errors.InvalidMethodArgument("No property " + name + " on item " + id);
            }
            return n.properties().get(name);
        }

        @Override
        public void Event(int id, String eventId, Variant<?> data, UInt32 timestamp) {
            if (!"clicked".equals(eventId)) {
                return;
            }
            MenuExport.Node n = current().node(id);
            if (n == null || n.item() == null) {
                LOG.info("Tray menu click on item {} that the menu no longer has; ignored", id);
                return;
            }
            switch (n.item()) {
                case TrayMenu.Action a when a.enabled() -> fx.execute(a.run());
                case TrayMenu.Toggle t -> fx.execute(() -> t.onChange().accept(!t.selected()));
                default -> LOG.debug("Tray menu click on item {} that does nothing", id);
            }
        }

        @Override
        public List<Integer> EventGroup(List<MenuEvent> events) {
            List<Integer> missing = new ArrayList<>();
            MenuExport e = current();
            for (MenuEvent ev : events) {
                if (e.node(ev.id) == null) {
                    missing.add(ev.id);
                } else {
                    Event(ev.id, ev.eventId, ev.data, ev.timestamp);
                }
            }
            return missing;
        }

        @Override
        public boolean AboutToShow(int id) {
            return false;
        }

        @Override
        public AboutToShowGroupReply<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids) {
            MenuExport e = current();
            List<Integer> errors = ids.stream().filter(i -> e.node(i) == null).toList();
            return new AboutToShowGroupReply<>(List.of(), errors);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A> A Get(String iface, String name) {
            return (A) property(menuProperties(), iface, DbusMenuBus.INTERFACE, name);
        }

        @Override
        public <A> void Set(String iface, String name, A value) {
            throw new org.freedesktop.dbus.errors.PropertyReadOnly("The menu's properties are read-only");
        }

        @Override
        public Map<String, Variant<?>> GetAll(String iface) {
            return DbusMenuBus.INTERFACE.equals(iface) || iface.isEmpty() ? menuProperties() : Map.of();
        }

        @Override
        public String getObjectPath() {
            return MENU_PATH;
        }
    }

    @Override
    public String toString() {
        return "StatusNotifierTray[" + busName + "]";
    }
}
