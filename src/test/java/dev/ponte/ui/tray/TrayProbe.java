package dev.ponte.ui.tray;

import dev.ponte.core.status.AppStatus;
import dev.ponte.core.status.BridgeStatus;
import dev.ponte.core.status.ConnectionStatus;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.status.StatusBoard;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app side of {@link RealTrayTest}, in a JVM of its own: the test JVM runs AWT headless (and may already have
 * touched AWT, which fixes headless for good), while a tray needs a real X display. Starts JavaFX (GTK) and AWT on
 * {@code $DISPLAY}, waits for a tray host, installs the icon through {@link AwtTray} fed by a {@link TrayController},
 * clicks menu items through AWT's own event dispatch and writes what it saw, {@code key=value} per line, to the file
 * named by the first argument. It asserts nothing itself: the test does.
 *
 * <p>With {@code --hold} it instead shows a demo state and keeps the icon until its standard input closes, for the
 * screenshot of the menu ({@code docs/tray-menu.png}, see {@link RealTrayTest}).
 */
public final class TrayProbe {
    private static final long DEADLINE_S = 20;
    private final Map<String, String> out = new LinkedHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final StatusBoard board = new StatusBoard();

    public static void main(String[] args) throws Exception {
        TrayProbe probe = new TrayProbe();
        Path file = Path.of(args[0]);
        try {
            if (args.length > 1 && args[1].equals("--hold")) {
                probe.hold();
            } else {
                probe.run();
            }
        } catch (Throwable e) {
            probe.out.put("error", e.toString().replace('\n', ' '));
        } finally {
            probe.write(file);
            Platform.exit();
            System.exit(0);
        }
    }

    private void run() throws Throwable {
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        waitFor("a tray host (SystemTray.isSupported)", SystemTray::isSupported);
        out.put("supported", "true");
        // What DesktopTray asks before it loads AWT must see the same tray host.
        out.put("xembed", XEmbedTray.probe(XEmbedTray.Here.current(), XEmbedTray.X11::load, null).name());
        board.update(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTED, ""));
        board.update(new BridgeStatus("api-bridge", "default/deployment/api", "api-local", BridgeStatus.State.ACTIVE, "",
                Instant.now()));
        RecordingNotifier shown = new RecordingNotifier();
        AwtTray tray = install(shown);

        TrayIcon icon = onAwt(tray::trayIcon);
        out.put("installed", String.valueOf(onAwt(() -> List.of(SystemTray.getSystemTray().getTrayIcons()).contains(icon))));
        out.put("iconSize", String.valueOf(onAwt(() -> SystemTray.getSystemTray().getTrayIconSize().width)));
        waitFor("the first menu", () -> onAwt(() -> icon.getPopupMenu() != null && icon.getPopupMenu().getItemCount() > 0));
        out.put("tooltip", escape(onAwt(icon::getToolTip)));
        out.put("menu", escape(String.join("\n", onAwt(() -> titles(icon.getPopupMenu())))));
        out.put("iconIsConnected", String.valueOf(onAwt(() -> sameImage(icon, AppStatus.Overall.CONNECTED))));

        // Click through AWT's dispatch, as a real click on the popup ends: the app side must run on the FX thread.
        click(icon, "Open Ponte");
        click(icon, "Disconnect kind-dev");
        click(icon, "Unbridge api (default)");
        toggle(icon, TrayMenuBuilder.KEEP_RUNNING);
        click(icon, "Quit Ponte…");
        waitFor("five calls on the app side", () -> calls.size() >= 5);
        out.put("calls", String.join(",", calls));

        // A dropped tunnel: icon, tooltip and menu follow; the notification goes out.
        board.update(ConnectionStatus.of("kind-dev", ConnectionState.DOWN, "Cargo is gone"));
        waitFor("the icon to turn DOWN", () -> onAwt(() -> sameImage(icon, AppStatus.Overall.DOWN)));
        waitFor("the tooltip to say Down", () -> onAwt(() -> icon.getToolTip().contains("kind-dev: Down")));
        out.put("tooltipAfterDrop", escape(onAwt(icon::getToolTip)));
        out.put("menuAfterDrop", escape(String.join("\n", onAwt(() -> titles(icon.getPopupMenu())))));
        waitFor("the drop notification", () -> !shown.shown.isEmpty());
        out.put("notified", shown.shown.getFirst().title());

        tray.close();
        waitFor("the icon to leave the tray", () -> onAwt(() -> SystemTray.getSystemTray().getTrayIcons().length == 0));
        out.put("removed", "true");
    }

    /** Demo state for the screenshot; keeps the icon until stdin closes. */
    private void hold() throws Exception {
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        waitFor("a tray host (SystemTray.isSupported)", SystemTray::isSupported);
        board.update(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTED, ""));
        board.update(ConnectionStatus.of("staging", ConnectionState.DEGRADED, "no handshake for 3 min"));
        board.update(new BridgeStatus("api-bridge", "default/deployment/api", "api-local", BridgeStatus.State.ACTIVE, "",
                Instant.now()));
        board.update(new BridgeStatus("worker-bridge", "default/deployment/worker", "worker-local",
                BridgeStatus.State.FLAGGED, "local container worker-local stopped", Instant.now()));
        install(n -> { });
        out.put("holding", "true");
        write(Path.of(System.getProperty("tray.probe.ready", "/dev/null")));
        while (System.in.read() >= 0) {
            // until the caller closes our stdin
        }
    }

    private AwtTray install(Notifier notifier) throws Exception {
        TrayActions actions = new TrayActions() {
            private void record(String what) {
                calls.add(what + (Platform.isFxApplicationThread() ? "@fx" : "@" + Thread.currentThread().getName()));
            }

            @Override
            public void openWindow() {
                record("open");
            }

            @Override
            public void act(String context, dev.ponte.core.connections.ConnectionSnapshot.Action action) {
                record(action.name().toLowerCase(java.util.Locale.ROOT) + " " + context);
            }

            @Override
            public void unbridge(String bridge) {
                record("unbridge " + bridge);
            }

            @Override
            public void setCloseToTray(boolean on) {
                record("closeToTray " + on);
            }

            @Override
            public void quit() {
                record("quit");
            }
        };
        TrayContent first = TrayMenuBuilder.build(board.snapshot(), true, actions);
        Optional<AwtTray> tray = AwtTray.install(first, Platform::runLater, actions::openWindow)
                .get(DEADLINE_S, TimeUnit.SECONDS);
        if (tray.isEmpty()) {
            throw new IllegalStateException("AwtTray.install found no tray although SystemTray.isSupported() was true");
        }
        CompletableFuture<TrayController> controller = new CompletableFuture<>();
        Platform.runLater(() -> controller.complete(new TrayController(board, Platform::runLater, tray.get(), notifier,
                new NotificationPolicy(() -> true), () -> true, actions)));
        controller.get(DEADLINE_S, TimeUnit.SECONDS);
        return tray.get();
    }

    private static List<String> titles(PopupMenu menu) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < menu.getItemCount(); i++) {
            MenuItem m = menu.getItem(i);
            String label = m.getLabel();
            t.add(label.equals("-") ? "--" : (m instanceof CheckboxMenuItem c ? (c.getState() ? "[x] " : "[ ] ") : "")
                    + label + (m.isEnabled() ? "" : " (disabled)"));
        }
        return t;
    }

    private static MenuItem find(TrayIcon icon, String label) {
        PopupMenu menu = icon.getPopupMenu();
        for (int i = 0; i < menu.getItemCount(); i++) {
            if (menu.getItem(i).getLabel().equals(label)) {
                return menu.getItem(i);
            }
        }
        throw new IllegalStateException("no menu item " + label + " in " + titles(menu));
    }

    private static void click(TrayIcon icon, String label) throws Exception {
        onAwt(() -> {
            MenuItem m = find(icon, label);
            m.dispatchEvent(new ActionEvent(m, ActionEvent.ACTION_PERFORMED, m.getActionCommand()));
            return null;
        });
    }

    private static void toggle(TrayIcon icon, String label) throws Exception {
        onAwt(() -> {
            CheckboxMenuItem m = (CheckboxMenuItem) find(icon, label);
            m.setState(!m.getState());
            m.dispatchEvent(new ItemEvent(m, ItemEvent.ITEM_STATE_CHANGED, m.getLabel(),
                    m.getState() ? ItemEvent.SELECTED : ItemEvent.DESELECTED));
            return null;
        });
    }

    private static boolean sameImage(TrayIcon icon, AppStatus.Overall state) {
        BufferedImage want = TrayIcons.image(state, SystemTray.getSystemTray().getTrayIconSize());
        if (!(icon.getImage() instanceof BufferedImage have) || have.getWidth() != want.getWidth()) {
            return false;
        }
        for (int y = 0; y < want.getHeight(); y++) {
            for (int x = 0; x < want.getWidth(); x++) {
                if (have.getRGB(x, y) != want.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static <T> T onAwt(Callable<T> call) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> error = new AtomicReference<>();
        EventQueue.invokeAndWait(() -> {
            try {
                result.set(call.call());
            } catch (Exception e) {
                error.set(e);
            }
        });
        if (error.get() != null) {
            throw error.get();
        }
        return result.get();
    }

    private void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(DEADLINE_S, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out after " + DEADLINE_S + " s waiting for " + what, e);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private void write(Path file) throws IOException {
        if (file.toString().equals("/dev/null")) {
            return;
        }
        StringBuilder b = new StringBuilder();
        out.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, b.toString());
    }
}
