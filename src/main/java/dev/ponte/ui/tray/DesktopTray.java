package dev.ponte.ui.tray;

import dev.ponte.core.status.AppStatus;
import dev.ponte.core.status.StatusBoard;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.connection.ConnectionViewModel;
import dev.ponte.ui.connection.ConnectionViewModel.Phase;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
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
    private final ConnectionViewModel connection;
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

    private DesktopTray(Stage stage, StatusBoard board, ConnectionViewModel connection, UiSettings settings,
                        Runnable saveSettings) {
        this.stage = stage;
        this.board = board;
        this.connection = connection;
        this.settings = settings;
        this.saveSettings = saveSettings;
        this.unbridge = name -> {
            LOG.info("Unbridge {} from the tray: no unbridge action is wired yet; showing the window", name);
            openWindow();
        };
        quitFlow = new QuitFlow(board::snapshot, status -> QuitDialog.ask(stage, status), this::disconnectAll,
                Platform::exit, this::openWindow);
    }

    /**
     * Starts the tray for the main window: call once its first frame is drawn. Adding the icon happens on the AWT
     * thread; until it is in (or known to be impossible), closing the window behaves as without a tray.
     */
    public static DesktopTray start(Stage stage, StatusBoard board, ConnectionViewModel connection, UiSettings settings,
                                    Runnable saveSettings, Map<String, String> env) {
        DesktopTray d = new DesktopTray(stage, board, connection, settings, saveSettings);
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
            public void connect(String context) {
                if (context.equals(connection.contextProperty().get())) {
                    connection.connect();
                }
            }

            @Override
            public void disconnect(String context) {
                if (context.equals(connection.contextProperty().get())) {
                    connection.disconnect(false);
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

    /** Disconnects the shown connection; completes with true once it is down (or nothing was up). */
    private CompletableFuture<Boolean> disconnectAll() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (connection.connectionProperty().get() == null) {
            done.complete(true);
            return done;
        }
        ChangeListener<Phase> watch = (o, was, now) -> {
            if (now == Phase.NOT_CONNECTED || now == Phase.FAILED) {
                done.complete(now == Phase.NOT_CONNECTED);
            }
        };
        connection.phaseProperty().addListener(watch);
        done.whenComplete((r, e) -> connection.phaseProperty().removeListener(watch));
        connection.disconnect(false);
        if (connection.phaseProperty().get() != Phase.DISCONNECTING && !done.isDone()) {
            done.complete(false); // busy with something else: Disconnect did not start
        }
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
