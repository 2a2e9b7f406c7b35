package dev.ponte.bench;

import dev.ponte.app.AppContext;
import dev.ponte.app.AppPaths;
import dev.ponte.app.PonteApp;
import dev.ponte.app.SettingsStore;
import dev.ponte.ui.common.ThemeManager;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.shell.MainView;
import java.io.IOException;
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
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * Diagnostic for the cold start: does what {@code Main} and {@code PonteApp.start} do, step by step and in the same
 * order, timing each step up to the first frame (Main's preparation beside the toolkit's start: its parts are printed
 * as {@code bg-*}, and the UI thread's wait for it as {@code wait-for-prepare}). Prints {@code BREAKDOWN step=ms,...} and the usual
 * {@code first frame after N ms}, then exits. The only addition is an explicit {@code applyCss()} before
 * {@code stage.show()}, so the style sheets' share shows separately (show would do the same work otherwise).
 */
public final class StartupBreakdown {
    private static long mainEntered;
    /** Main.prepare's work, beside the toolkit's start as there: logging, settings, the core services, the view-models. */
    private static java.util.concurrent.CompletableFuture<Prepared> prepared;
    /** How long each part of it took on its own thread (ms). */
    private static final Map<String, Long> PREPARE_STEPS = new java.util.concurrent.ConcurrentSkipListMap<>();

    private record Prepared(UiSettings settings, AppContext context, dev.ponte.app.UiHandOver ui) {
    }

    private StartupBreakdown() {
    }

    /**
     * CPU time (user + system, ms) of this process or thread so far, from Linux's {@code stat} file ({@code
     * /proc/self/stat} or {@code /proc/thread-self/stat}); -1 elsewhere. What the start costs the cores, less sensitive
     * to what else the machine runs than the wall-clock steps (10 ms ticks); no JMX, whose classes would add to it.
     */
    static long cpuMillis(String statFile) {
        try {
            String stat = Files.readString(Path.of(statFile));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command: state is field 3, utime 14 and stime 15 (man 5 proc); f[0] is field 3.
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static void main(String[] args) throws IOException {
        mainEntered = System.nanoTime();
        // What dev.ponte.app.Main does.
        AppPaths paths = AppPaths.detect(System.getenv());
        dev.ponte.app.GraphicsChoice.applyAtStart();
        Files.createDirectories(paths.logs());
        System.setProperty("ponte.logdir", paths.logs().toString());
        prepared = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            LoggerFactory.getILoggerFactory();
            long t1 = System.nanoTime();
            UiSettings settings = new SettingsStore(paths.settingsFile()).load();
            long t2 = System.nanoTime();
            AppContext.Base base = AppContext.prepare(System.getenv(), Path.of(System.getProperty("user.home")), settings,
                    Clock.systemDefaultZone());
            long t3 = System.nanoTime();
            dev.ponte.ui.common.PonteStyleSheet.url();
            dev.ponte.app.UiHandOver ui = new dev.ponte.app.UiHandOver(javafx.application.Platform::runLater);
            AppContext context = new AppContext(base, settings, Clock.systemDefaultZone(), ui);
            long t4 = System.nanoTime();
            dev.ponte.app.StartupClasses.preloadInBackground();
            PREPARE_STEPS.put("bg-logback", (t1 - t0) / 1_000_000);
            PREPARE_STEPS.put("bg-settings", (t2 - t1) / 1_000_000);
            PREPARE_STEPS.put("bg-core", (t3 - t2) / 1_000_000);
            PREPARE_STEPS.put("bg-viewmodels", (t4 - t3) / 1_000_000);
            long cpu = cpuMillis("/proc/thread-self/stat");
            if (cpu >= 0) {
                PREPARE_STEPS.put("cpu-bg", cpu);
            }
            return new Prepared(settings, context, ui);
        });
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
            Prepared ready = prepared.join();
            step("wait-for-prepare");
            UiSettings settings = ready.settings();
            AppContext context = ready.context();
            ready.ui().open();
            step("AppContext(taken-over)");
            ThemeManager theme = new ThemeManager(settings.theme);
            theme.themeProperty().bind(context.mainViewModel().themeProperty());
            step("ThemeManager(atlantafx)");
            MainView view = context.createView();
            step("MainView-constructor");
            Scene scene = new Scene(view, 1180, 760);
            scene.getStylesheets().add(dev.ponte.ui.common.PonteStyleSheet.url());
            theme.darkProperty().subscribe(d -> view.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), d));
            stage.setTitle("Ponte");
            stage.setScene(scene);
            PonteApp.addIcons(stage); // decoded after the first frame
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
                    PREPARE_STEPS.forEach((k, v) -> line.add(k + "=" + v));
                    long cpu = cpuMillis("/proc/self/stat");
                    if (cpu >= 0) {
                        line.add("cpu-to-frame=" + cpu);
                    }
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
            // PonteApp reads the kubeconfig (MainViewModel.start) after the first frame.
        }
    }
}
