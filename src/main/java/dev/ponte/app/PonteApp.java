package dev.ponte.app;

import dev.ponte.ui.common.ThemeManager;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.shell.MainView;
import dev.ponte.ui.tray.dbus.PortalColorScheme;
import dev.ponte.ui.tray.dbus.SessionBus;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: loads settings, builds the main window, saves state on exit. */
public class PonteApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(PonteApp.class);
    private SettingsStore store;
    private UiSettings settings;
    private AppContext context;
    private dev.ponte.ui.tray.DesktopTray tray;
    private java.util.concurrent.CompletableFuture<java.util.Optional<SessionBus>> bus =
            java.util.concurrent.CompletableFuture.completedFuture(java.util.Optional.empty());
    private ThemeManager theme;

    @Override
    public void start(Stage stage) {
        Map<String, String> env = System.getenv();
        var prepared = Main.startup != null ? Main.startup : Main.prepare(AppPaths.detect(env), CompletableFuture.completedFuture(
                new GraphicsChoice.Decision(false, "PonteApp started without Main: JavaFX chooses its graphics pipeline")));
        Main.Startup ready = prepared.join();
        store = ready.store();
        settings = ready.settings();
        context = ready.context();
        ready.ui().open(); // the view-models' hand-overs kept while they were built now run here, in order
        theme = new ThemeManager(settings.theme);
        theme.themeProperty().bind(context.mainViewModel().themeProperty());

        MainView view = context.createView();
        Scene scene = new Scene(view, 1180, 760);
        scene.getStylesheets().add(dev.ponte.ui.common.PonteStyleSheet.url());
        theme.darkProperty().subscribe(d -> view.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), d));
        stage.setTitle("Ponte");
        stage.setScene(scene);
        addIcons(stage);
        restoreWindow(stage);
        stage.setOnCloseRequest(e -> {
            saveState(stage, view);
            if (tray != null) {
                tray.onCloseRequest(e); // hides to the tray, or asks, while connections are up
            }
        });
        logFirstFrame(scene);
        installTrayAfterFirstFrame(scene, stage, view);
        stage.show();
        restoreDividers(view);
        // The kubeconfig is read once the first frame is drawn (installTrayAfterFirstFrame); the contexts list says so.
        if (!getParameters().getRaw().isEmpty()) {
            openFromCommandLine(stage, getParameters().getRaw());
        }
        if (Main.instance != null) { // a second start of Ponte: show this window and open what it was given
            Main.instance.onRequest(args -> Platform.runLater(() -> openFromCommandLine(stage, args)));
        }
    }

    /** Brings the window to the front and opens the kubeconfig files named (other arguments are ignored). */
    private void openFromCommandLine(Stage stage, java.util.List<String> args) {
        stage.setIconified(false);
        stage.show();
        stage.toFront();
        args.stream().filter(a -> !a.startsWith("-") && UiSettings.usablePath(a)).map(Path::of)
                .forEach(context.mainViewModel().contexts()::addKubeconfigFile);
    }

    @Override
    public void stop() {
        if (tray != null) {
            tray.close();
        }
        if (context != null) {
            context.close();
        }
        bus.thenAccept(b -> b.ifPresent(SessionBus::close));
        if (store != null && settings != null) {
            store.save(settings);
        }
        if (Main.instance != null) {
            Main.instance.close(); // last: after it, another Ponte may start and read the settings
        }
    }

    private void logFirstFrame(Scene scene) {
        Runnable once = new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                // The JVM's own start time (ms); ProcessHandle's start instant is rounded to whole seconds on Linux.
                long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                // Picked up by the start-time benchmark; keep the wording.
                LOG.info("first frame after {} ms", System.currentTimeMillis() - started);
            }
        };
        scene.addPostLayoutPulseListener(once);
    }

    /** The kubeconfig's contexts and the tray icon (AWT) come after the first frame, so they never delay it. */
    private void installTrayAfterFirstFrame(Scene scene, Stage stage, MainView view) {
        Runnable once = new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                Platform.runLater(() -> {
                    // Reading the kubeconfig (SnakeYAML, Jackson's YAML reader: ~150 classes) took CPU from the
                    // first frame; the contexts list says "Reading kubeconfig…" until it is read.
                    context.mainViewModel().start();
                    bus = SessionBus.open(System.getenv());
                    bus.thenAccept(b -> b.ifPresent(sessionBus -> PortalColorScheme.watch(sessionBus, pref ->
                            Platform.runLater(() -> theme.systemPreferenceProperty().set(switch (pref) {
                                case DARK -> Boolean.TRUE;
                                case LIGHT -> Boolean.FALSE;
                                case NONE -> null;
                            })))));
                    tray = dev.ponte.ui.tray.DesktopTray.start(stage, context.statusBoard(),
                            context.connections(), settings, () -> store.save(settings), bus);
                    tray.setUnbridge(context.local()::unbridge);
                    tray.setShowConnection(view::showConnection);
                    context.afterFirstFrame();
                });
            }
        };
        scene.addPostLayoutPulseListener(once);
    }

    /**
     * The window's icons: decoded off the UI thread (six PNGs, 24–36 ms) once the window has drawn its first frame, and
     * set when ready; the desktop shows them a moment after the window. (Decoded beside the window's first build, they
     * took the second core from it.)
     */
    public static void addIcons(Stage stage) {
        Scene scene = stage.getScene();
        if (scene == null) {
            decodeIcons(stage);
            return;
        }
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                decodeIcons(stage);
            }
        });
    }

    private static void decodeIcons(Stage stage) {
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            java.util.List<Image> icons = new java.util.ArrayList<>();
            for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
                try (InputStream in = PonteApp.class.getResourceAsStream("/dev/ponte/icons/ponte-" + size + ".png")) {
                    if (in != null) {
                        icons.add(new Image(in));
                    }
                } catch (java.io.IOException e) {
                    LOG.debug("Icon {} not loaded: {}", size, e.getMessage());
                }
            }
            return icons;
        }).thenAccept(icons -> Platform.runLater(() -> stage.getIcons().setAll(icons)));
    }

    private void restoreWindow(Stage stage) {
        UiSettings.WindowGeometry g = settings.window;
        if (g == null) {
            stage.setWidth(1180);
            stage.setHeight(760);
            return;
        }
        // Only where the window is still visible (a monitor may have gone away).
        boolean onScreen = !Screen.getScreensForRectangle(new Rectangle2D(g.x(), g.y(), g.width(), g.height())).isEmpty();
        stage.setWidth(Math.max(640, g.width()));
        stage.setHeight(Math.max(420, g.height()));
        if (onScreen) {
            stage.setX(g.x());
            stage.setY(g.y());
        }
        stage.setMaximized(g.maximized());
    }

    private void restoreDividers(MainView view) {
        Platform.runLater(() -> {
            apply(view.mainSplit());
            apply(view.leftSplit());
            view.whenWorkloadSplit(this::apply); // built when the centre first shows workloads
        });
    }

    private void apply(SplitPane split) {
        double[] pos = settings.dividers.get(split.getId());
        if (pos != null && pos.length == split.getDividers().size()) {
            split.setDividerPositions(pos);
        }
    }

    private void saveState(Stage stage, MainView view) {
        settings.window = new UiSettings.WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(),
                stage.getHeight(), stage.isMaximized());
        for (SplitPane s : new SplitPane[] {view.mainSplit(), view.leftSplit(), view.workloadSplit().orElse(null)}) {
            if (s != null) { // a pane never shown keeps the positions it was saved with
                settings.dividers.put(s.getId(), s.getDividerPositions());
            }
        }
        store.save(settings);
        LOG.info("Saved window state to settings");
    }
}
