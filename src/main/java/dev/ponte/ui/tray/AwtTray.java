package dev.ponte.ui.tray;

import dev.ponte.core.status.AppStatus;
import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.ItemEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws {@link TrayContent} with {@code java.awt.SystemTray} (Cryptomator's {@code AwtTrayMenuController}, style.md
 * section 7) and shows notifications as the icon's balloon. Every AWT call runs on the AWT event thread; every menu
 * callback hops to {@code fx} ({@code Platform::runLater} in the app). The popup is rebuilt only when what it shows
 * changed, so an open menu is not closed under the user's pointer by a health update that changes nothing in it.
 *
 * <p>Under Xvfb with {@code trayer} as the tray host the balloon works (AWT draws it itself); see
 * {@link NotifySendNotifier} for the native route.
 */
public final class AwtTray implements TrayPresenter, Notifier, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AwtTray.class);
    private final Executor fx;
    private TrayIcon icon;
    private AppStatus.Overall shownState;
    private String shownMenu;

    private AwtTray(Executor fx) {
        this.fx = fx;
    }

    /**
     * Adds the icon when the desktop has a tray. Completes (on the AWT thread) with the tray, or empty when headless,
     * when {@code SystemTray.isSupported()} is false (no tray host, e.g. stock GNOME) or when adding fails.
     *
     * @param onActivate runs on {@code fx} when the icon itself is activated (double-click on Linux and Windows)
     */
    public static CompletableFuture<Optional<AwtTray>> install(TrayContent first, Executor fx, Runnable onActivate) {
        CompletableFuture<Optional<AwtTray>> result = new CompletableFuture<>();
        // The first EventQueue call loads the AWT toolkit (~0.2 s): from a thread of its own, not the caller's (FX).
        Thread.ofPlatform().daemon().name("ponte-tray-start").start(() -> EventQueue.invokeLater(() -> {
            try {
                if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
                    LOG.info("No system tray on this desktop; closing the window will ask instead of hiding");
                    result.complete(Optional.empty());
                    return;
                }
                AwtTray tray = new AwtTray(fx);
                SystemTray system = SystemTray.getSystemTray();
                tray.icon = new TrayIcon(TrayIcons.image(first.icon(), system.getTrayIconSize()), first.tooltip());
                tray.icon.addActionListener(e -> fx.execute(onActivate));
                tray.apply(first);
                system.add(tray.icon);
                LOG.info("Tray icon installed ({} px)", system.getTrayIconSize().width);
                result.complete(Optional.of(tray));
            } catch (AWTException | RuntimeException e) {
                LOG.warn("Could not add the tray icon; closing the window will ask instead of hiding", e);
                result.complete(Optional.empty());
            }
        }));
        return result;
    }

    @Override
    public void show(TrayContent content) {
        EventQueue.invokeLater(() -> apply(content));
    }

    @Override
    public void show(Notification n) {
        EventQueue.invokeLater(() -> icon.displayMessage(n.title(), n.text(), switch (n.level()) {
            case INFO -> TrayIcon.MessageType.INFO;
            case WARNING -> TrayIcon.MessageType.WARNING;
            case ERROR -> TrayIcon.MessageType.ERROR;
        }));
    }

    /** Removes the icon; AWT's threads then end, so the JVM can exit. */
    @Override
    public void close() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }

    /** The installed icon, for the real tray test. AWT thread. */
    TrayIcon trayIcon() {
        return icon;
    }

    private void apply(TrayContent content) {
        if (content.icon() != shownState) {
            icon.setImage(TrayIcons.image(content.icon(), SystemTray.getSystemTray().getTrayIconSize()));
            shownState = content.icon();
        }
        icon.setToolTip(content.tooltip());
        String fingerprint = fingerprint(content.menu());
        if (!fingerprint.equals(shownMenu)) {
            PopupMenu popup = new PopupMenu();
            add(popup, content.menu());
            icon.setPopupMenu(popup);
            shownMenu = fingerprint;
        }
    }

    private void add(Menu menu, List<TrayMenu.Item> items) {
        for (TrayMenu.Item item : items) {
            switch (item) {
                case TrayMenu.Action a -> {
                    MenuItem m = new MenuItem(a.title());
                    m.setEnabled(a.enabled());
                    m.addActionListener(e -> fx.execute(a.run()));
                    menu.add(m);
                }
                case TrayMenu.Label l -> {
                    MenuItem m = new MenuItem(l.text());
                    m.setEnabled(false);
                    menu.add(m);
                }
                case TrayMenu.Toggle t -> {
                    CheckboxMenuItem m = new CheckboxMenuItem(t.title(), t.selected());
                    m.addItemListener(e -> {
                        boolean on = e.getStateChange() == ItemEvent.SELECTED;
                        fx.execute(() -> t.onChange().accept(on));
                    });
                    menu.add(m);
                }
                case TrayMenu.Submenu s -> {
                    Menu sub = new Menu(s.title());
                    add(sub, s.items());
                    menu.add(sub);
                }
                case TrayMenu.Separator ignored -> menu.addSeparator();
            }
        }
    }

    /** What the menu shows (titles, enablement, check marks), without its callbacks. */
    static String fingerprint(List<TrayMenu.Item> items) {
        StringBuilder b = new StringBuilder();
        for (TrayMenu.Item item : items) {
            switch (item) {
                case TrayMenu.Action a -> b.append("A").append(a.enabled()).append(a.title());
                case TrayMenu.Label l -> b.append("L").append(l.text());
                case TrayMenu.Toggle t -> b.append("T").append(t.selected()).append(t.title());
                case TrayMenu.Submenu s -> b.append("S").append(s.title()).append('[').append(fingerprint(s.items())).append(']');
                case TrayMenu.Separator ignored -> b.append("-");
            }
            b.append('\n');
        }
        return b.toString();
    }
}
