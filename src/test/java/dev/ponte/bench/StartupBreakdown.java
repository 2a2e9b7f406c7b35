package dev.ponte.bench;

import dev.ponte.app.AppContext;
import dev.ponte.app.AppPaths;
import dev.ponte.app.PonteApp;
import dev.ponte.app.SettingsStore;
import dev.ponte.ui.common.ThemeManager;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.shell.MainView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * Diagnostic for the cold start: does what {@code Main} and {@code PonteApp.start} do, step by step and in the same
 * order, timing each step up to the first frame. Prints {@code BREAKDOWN step=ms,...} and the usual
 * {@code first frame after N ms}, then exits. The only addition is an explicit {@code applyCss()} before
 * {@code stage.show()}, so the style sheets' share shows separately (show would do the same work otherwise).
 */
public final class StartupBreakdown {
    private static long mainEntered;

    private StartupBreakdown() {
    }

    public static void main(String[] args) throws IOException {
        mainEntered = System.nanoTime();
        // What dev.ponte.app.Main does.
        AppPaths paths = AppPaths.detect(System.getenv());
        Files.createDirectories(paths.logs());
        System.setProperty("ponte.logdir", paths.logs().toString());
        Application.launch(App.class, args);
    }

    /** PonteApp.start, timed. */
    public static final class App extends Application {
        private final Map<String, Long> steps = new LinkedHashMap<>();
        private long last;

        private void step(String name) {
            long now = System.nanoTime();
            steps.put(name, now - last);
            last = now;
        }

        @Override
        public void start(Stage stage) {
            last = mainEntered;
            step("main-to-start(toolkit)");
            LoggerFactory.getLogger(PonteApp.class);
            step("logback-init");
            Map<String, String> env = System.getenv();
            AppPaths paths = AppPaths.detect(env);
            SettingsStore store = new SettingsStore(paths.settingsFile());
            UiSettings settings = store.load();
            step("settings-load(jackson)");
            AppContext context = new AppContext(env, Path.of(System.getProperty("user.home")), settings,
                    Clock.systemDefaultZone());
            step("AppContext");
            ThemeManager theme = new ThemeManager(settings.theme);
            theme.themeProperty().bind(context.mainViewModel().themeProperty());
            step("ThemeManager(atlantafx)");
            MainView view = context.createView();
            step("MainView-constructor");
            Scene scene = new Scene(view, 1180, 760);
            scene.getStylesheets().add(PonteApp.class.getResource("/dev/ponte/ui/ponte.css").toExternalForm());
            theme.darkProperty().subscribe(d -> view.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), d));
            stage.setTitle("Ponte");
            stage.setScene(scene);
            for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
                try (InputStream in = PonteApp.class.getResourceAsStream("/dev/ponte/icons/ponte-" + size + ".png")) {
                    if (in != null) {
                        stage.getIcons().add(new Image(in));
                    }
                } catch (IOException e) {
                    // as PonteApp: ignored
                }
            }
            stage.setWidth(1180);
            stage.setHeight(760);
            step("scene+icons");
            view.applyCss();
            step("applyCss(whole-window)");
            scene.addPostLayoutPulseListener(new Runnable() {
                @Override
                public void run() {
                    scene.removePostLayoutPulseListener(this);
                    step("to-first-pulse");
                    Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
                    long firstFrame = Duration.between(started, Instant.now()).toMillis();
                    StringJoiner line = new StringJoiner(",", "BREAKDOWN ", "");
                    steps.forEach((k, v) -> line.add(k + "=" + v / 1_000_000));
                    line.add("main-to-frame=" + (System.nanoTime() - mainEntered) / 1_000_000);
                    System.out.println(line);
                    System.out.println("first frame after " + firstFrame + " ms");
                    System.out.flush();
                    // Exit off the FX thread; shutdown hooks run (temp files of a session already opened go).
                    Thread exit = new Thread(() -> System.exit(0), "exit");
                    exit.start();
                }
            });
            stage.show();
            step("stage.show()");
            context.mainViewModel().start();
            step("MainViewModel.start()");
        }
    }
}
