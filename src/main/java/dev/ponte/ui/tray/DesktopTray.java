package dev.ponte.ui.tray;

import dev.ponte.core.status.AppStatus;
import dev.ponte.core.status.StatusBoard;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.tray.dbus.DbusNotifier;
import dev.ponte.ui.tray.dbus.SessionBus;
import dev.ponte.ui.tray.dbus.StatusNotifierTray;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionsSnapshot;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray as the app uses it: installs the icon (when the desktop has a tray), keeps it and the notifications in
 * step with the {@link StatusBoard}, and decides what closing the main window and Quit do. Only once the icon is in
 * does it turn off JavaFX's implicit exit (style.md section 7): without a tray, closing the last window still quits.
 * FX thread.
 */
public final class DesktopTray implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopTray.class);
    private final Stage stage;
    private final StatusBoard board;
    private final ConnectionService connections;
    private final UiSettings settings;
    private final Runnable saveSettings;
    private final Executor fx = Platform::runLater;
    private final QuitFlow quitFlow;
    private Consumer<String> unbridge;
    private Consumer<String> showConnection = context -> { };
    private Installed installed;
    private TrayController controller;
    private Notifier notifier = n -> LOG.info("Notification (before the tray is in): {} — {}", n.title(), n.text());
    private boolean closed;
    private final CompletableFuture<Boolean> ready = new CompletableFuture<>();

    /** What was installed: where the tray is drawn (or nowhere), and where notifications go. */
    private record Installed(TrayPresenter presenter, AutoCloseable tray, Notifier notifier, AutoCloseable notifierCloser,
                             String kind) {
        boolean hasTray() {
            return tray != null;
        }
    }

    private DesktopTray(Stage stage, StatusBoard board, ConnectionService connections, UiSettings settings,
                        Runnable saveSettings) {
        this.stage = stage;
        this.board = board;
        this.connections = connections;
        this.settings = settings;
        this.saveSettings = saveSettings;
        this.unbridge = name -> {
            LOG.info("Unbridge {} from the tray: no unbridge action is wired yet; showing the window", name);
            openWindow();
        };
        quitFlow = new QuitFlow(board::snapshot, status -> QuitDialog.ask(stage, status), this::disconnectAll,
                Platform::exit, this::openWindow).whenBusy(this::idle, connections::cancelAll);
    }

    /**
     * Starts the tray for the main window: call once its first frame is drawn. On Linux with a session bus, the icon
     * is a StatusNotifierItem when a StatusNotifierWatcher is there (KDE, GNOME with the AppIndicator extension,
     * Cinnamon, XFCE, waybar) and notifications go to the desktop's notification server over D-Bus; otherwise (and on
     * Windows and macOS) AWT's tray and its balloons, on Linux only when an XEmbed tray host owns the X display's tray
     * selection ({@link XEmbedTray}). Until the icon is in (or known to be impossible), closing the
     * window behaves as without a tray.
     *
     * @param bus the session bus being connected ({@link SessionBus#open}); empty where there is none
     */
    public static DesktopTray start(Stage stage, StatusBoard board, ConnectionService connections, UiSettings settings,
                                    Runnable saveSettings, CompletableFuture<Optional<SessionBus>> bus) {
        DesktopTray d = new DesktopTray(stage, board, connections, settings, saveSettings);
        TrayActions actions = d.actions();
        TrayContent first = TrayMenuBuilder.build(board.snapshot(), settings.closeToTray, actions);
        bus.thenApplyAsync(b -> d.onBus(b, first), Thread.ofPlatform().daemon().name("ponte-tray-start")::start)
                .thenCompose(i -> i != null ? CompletableFuture.completedFuture(i) : d.awt(first))
                .thenAcceptAsync(i -> d.installed(i, actions), d.fx)
                .exceptionally(e -> {
                    LOG.warn("The tray could not start; closing the window will ask instead of hiding", e);
                    Platform.runLater(() -> d.installed(new Installed(TrayPresenter.NONE, null, d.logOnly(), null, "none"), actions));
                    return null;
                });
        return d;
    }

    /** Where Unbridge in the tray menu goes (the run/bridge work provides it); by default it shows the window. */
    public void setUnbridge(Consumer<String> action) {
        this.unbridge = Objects.requireNonNull(action, "action");
    }

    /** Where the window shows a connection when a notification's Open or Show diagnostics is chosen. */
    public void setShowConnection(Consumer<String> show) {
        this.showConnection = Objects.requireNonNull(show, "show");
    }

    /** The StatusNotifierItem and the D-Bus notifier, when the bus has them (blocking: a thread of its own). */
    private Installed onBus(Optional<SessionBus> bus, TrayContent first) {
        if (bus.isEmpty()) {
            return null;
        }
        Optional<StatusNotifierTray> sni = StatusNotifierTray.install(bus.get(), first, fx, this::openWindow);
        Optional<DbusNotifier> dbus = DbusNotifier.connect(bus.get(), n -> logOnly().show(n), this::notificationAction);
        if (sni.isPresent()) {
            Notifier n = dbus.<Notifier>map(x -> x).orElse(logOnly());
            return new Installed(sni.get(), sni.get(), n, dbus.orElse(null), "StatusNotifierItem");
        }
        // No watcher: AWT's tray may still be there (an XEmbed tray); notifications over D-Bus all the same.
        dbus.ifPresent(x -> pendingNotifier = x);
        return null;
    }

    private volatile DbusNotifier pendingNotifier;

    /**
     * AWT's tray (XEmbed on Linux, Windows, macOS), with the D-Bus notifier if one answered, else its balloons. On
     * Linux AWT is loaded only when {@link XEmbedTray} finds a tray host on the X display: otherwise Ponte goes on as
     * AWT would have left it, without a tray (and without AWT's ~280 classes and 4–5 MB).
     */
    private CompletableFuture<Installed> awt(TrayContent first) {
        return XEmbedTray.ask().thenCompose(answer -> {
            if (answer.tryAwt()) {
                return AwtTray.install(first, fx, this::openWindow);
            }
            LOG.info("No system tray on this desktop ({}; AWT not loaded); closing the window will ask instead of hiding",
                    answer.why());
            return CompletableFuture.completedFuture(Optional.<AwtTray>empty());
        }).thenApply(awt -> {
            DbusNotifier dbus = pendingNotifier;
            Notifier n = dbus != null ? dbus : awt.<Notifier>map(a -> a).orElse(logOnly());
            return awt.map(a -> new Installed(a, a, n, dbus, "AWT"))
                    .orElseGet(() -> new Installed(TrayPresenter.NONE, null, n, dbus, "none"));
        });
    }

    private Notifier logOnly() {
        return n -> LOG.info("Notification (nowhere to show it here): {} — {}", n.title(), n.text());
    }

    private void installed(Installed i, TrayActions actions) {
        if (closed) {
            closeQuietly(i.tray());
            closeQuietly(i.notifierCloser());
            return;
        }
        installed = i;
        if (i.hasTray()) {
            Platform.setImplicitExit(false);
        }
        notifier = i.notifier();
        controller = new TrayController(board, fx, i.presenter(), notifier,
                new NotificationPolicy(() -> !stage.isShowing()), () -> settings.closeToTray, actions);
        LOG.info("Tray: {}; notifications: {}", i.kind(), notifier);
        ready.complete(i.hasTray());
    }

    /** A notification's action, from the notification server's thread. */
    private void notificationAction(Notification n, Notification.Action action) {
        fx.execute(() -> {
            String ctx = n.context();
            switch (action) {
                case RECONNECT -> {
                    boolean allowed = ctx != null && connections.snapshot().of(ctx)
                            .map(c -> c.can(dev.ponte.core.connections.ConnectionSnapshot.Action.RECONNECT)).orElse(false);
                    if (allowed) {
                        connections.reconnect(ctx);
                    } else {
                        LOG.info("Reconnect from a notification: {} does not offer it now; showing it", ctx);
                        showInWindow(ctx);
                    }
                }
                // Until Ponte has a diagnostics screen, "Show diagnostics" opens the window on that connection's panel.
                case OPEN, SHOW_DIAGNOSTICS -> showInWindow(ctx);
            }
        });
    }

    private void showInWindow(String context) {
        openWindow();
        if (context != null) {
            showConnection.accept(context);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("Closing {}: {}", c, e.toString());
            }
        }
    }

    /** Completes (on the FX thread) once the icon is in (true) or known to be impossible here (false). */
    public CompletableFuture<Boolean> ready() {
        return ready;
    }

    /** Hook for the main window's close request (after its state is saved). */
    public void onCloseRequest(WindowEvent event) {
        AppStatus status = board.snapshot();
        switch (QuitFlow.onClose(installed != null && installed.hasTray(), settings.closeToTray, status)) {
            case HIDE_TO_TRAY -> {
                event.consume();
                stage.hide();
                if (!settings.trayHintShown) {
                    settings.trayHintShown = true;
                    saveSettings.run();
                    notifier.show(new Notification("Ponte is still running",
                            "Your connections stay up. Open Ponte from its tray icon; Quit is in the icon's menu.",
                            Notification.Level.INFO));
                }
            }
            case ASK -> {
                event.consume();
                quitFlow.quit();
            }
            case QUIT -> {
                if (installed != null && installed.hasTray()) {
                    Platform.exit(); // implicit exit is off while the icon is in
                }
            }
        }
    }

    private TrayActions actions() {
        return new TrayActions() {
            @Override
            public void openWindow() {
                DesktopTray.this.openWindow();
            }

            @Override
            public void act(String context, ConnectionSnapshot.Action action) {
                switch (action) {
                    case CONNECT -> connections.connect(context);
                    case DISCONNECT -> connections.disconnect(context, false);
                    case UNINSTALL -> openWindow(); // destructive for everyone: only from the window, which asks first
                    case RESUME -> connections.resume(context);
                    case CLEAN_UP -> connections.cleanUp(context);
                    case RECONNECT -> connections.reconnect(context);
                    case CANCEL -> connections.cancel(context);
                }
            }

            @Override
            public void unbridge(String bridge) {
                unbridge.accept(bridge);
            }

            @Override
            public void setCloseToTray(boolean on) {
                settings.closeToTray = on;
                saveSettings.run();
                if (controller != null) {
                    controller.refresh();
                }
            }

            @Override
            public void quit() {
                quitFlow.quit();
            }
        };
    }

    private void openWindow() {
        stage.show();
        stage.setIconified(false);
        stage.toFront();
    }

    /** Disconnects every live connection; completes (on the FX thread) with true once none is left, false if one failed. */
    private CompletableFuture<Boolean> disconnectAll() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        ConnectionsSnapshot now = connections.snapshot();
        java.util.Set<String> asked = new java.util.HashSet<>();
        now.live().forEach(c -> {
            asked.add(c.context());
            connections.disconnect(c.context(), false);
        });
        var sub = connections.subscribe(s -> {
            if (s.busy().isEmpty()) {
                boolean failed = s.connections().stream().anyMatch(c -> asked.contains(c.context())
                        && c.state() == dev.ponte.core.connections.ConnectionState.FAILED);
                if (s.live().isEmpty() || failed) {
                    Platform.runLater(() -> done.complete(s.live().isEmpty() && !failed));
                }
            }
        });
        done.whenComplete((r, e) -> sub.close());
        return done;
    }

    /** Completes on the FX thread once no connection has an operation running. */
    private CompletableFuture<Void> idle() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        var sub = connections.subscribe(s -> {
            if (s.busy().isEmpty()) {
                Platform.runLater(() -> done.complete(null));
            }
        });
        done.whenComplete((r, e) -> sub.close());
        return done;
    }

    @Override
    public void close() {
        closed = true;
        if (controller != null) {
            controller.close();
        }
        if (installed != null) {
            closeQuietly(installed.tray());
            closeQuietly(installed.notifierCloser());
        }
    }
}
