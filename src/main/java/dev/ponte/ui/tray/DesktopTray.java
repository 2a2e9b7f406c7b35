package dev.ponte.ui.tray;

import dev.ponte.core.status.AppStatus;
import dev.ponte.core.status.StatusBoard;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionsSnapshot;
import java.util.Map;
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
    private AwtTray tray;
    private TrayController controller;
    private Notifier notifier;
    private boolean closed;
    private final CompletableFuture<Boolean> ready = new CompletableFuture<>();

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
     * Starts the tray for the main window: call once its first frame is drawn. Adding the icon happens on the AWT
     * thread; until it is in (or known to be impossible), closing the window behaves as without a tray.
     */
    public static DesktopTray start(Stage stage, StatusBoard board, ConnectionService connections, UiSettings settings,
                                    Runnable saveSettings, Map<String, String> env) {
        DesktopTray d = new DesktopTray(stage, board, connections, settings, saveSettings);
        TrayActions actions = d.actions();
        TrayContent first = TrayMenuBuilder.build(board.snapshot(), settings.closeToTray, actions);
        AwtTray.install(first, d.fx, d::openWindow).thenAcceptAsync(installed -> d.installed(installed, actions, env), d.fx);
        return d;
    }

    /** Where Unbridge in the tray menu goes (the run/bridge work provides it); by default it shows the window. */
    public void setUnbridge(Consumer<String> action) {
        this.unbridge = Objects.requireNonNull(action, "action");
    }

    private void installed(Optional<AwtTray> installed, TrayActions actions, Map<String, String> env) {
        if (closed) {
            installed.ifPresent(AwtTray::close);
            return;
        }
        tray = installed.orElse(null);
        if (tray != null) {
            Platform.setImplicitExit(false);
        }
        Notifier fallback = tray != null ? tray
                : n -> LOG.info("Notification (no tray here to show it): {} — {}", n.title(), n.text());
        notifier = NotifySendNotifier.forDesktop(env, fallback);
        controller = new TrayController(board, fx, tray != null ? tray : TrayPresenter.NONE, notifier,
                new NotificationPolicy(() -> !stage.isShowing()), () -> settings.closeToTray, actions);
        ready.complete(tray != null);
    }

    /** Completes (on the FX thread) once the icon is in (true) or known to be impossible here (false). */
    public CompletableFuture<Boolean> ready() {
        return ready;
    }

    /** Hook for the main window's close request (after its state is saved). */
    public void onCloseRequest(WindowEvent event) {
        AppStatus status = board.snapshot();
        switch (QuitFlow.onClose(tray != null, settings.closeToTray, status)) {
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
                if (tray != null) {
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
        if (tray != null) {
            tray.close();
        }
    }
}
