package dev.ponte.app;

import dev.ponte.ui.common.UiSettings;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Starts Ponte. A plain class (not an {@code Application}) so the app also starts with JavaFX on the
 * class path. Sets the log folder before the first logger exists, then starts logging and reads
 * the settings on a background thread while the JavaFX toolkit starts. With a command
 * ({@code ponte status}, {@code ponte up}, …) it runs the command line instead ({@link CliLauncher}).
 */
public final class Main {
    /** The settings, read while the toolkit starts; {@link PonteApp} joins it. */
    static volatile CompletableFuture<Startup> startup;
    /** This user's one Ponte (null in tests that start PonteApp directly). */
    static volatile SingleInstance instance;

    /**
     * What is prepared off the UI thread before the window is built: the settings, the core services and the window's
     * view-models ({@code context}), whose hand-overs to the UI thread {@code ui} keeps until the window opens it.
     */
    record Startup(AppPaths paths, SettingsStore store, UiSettings settings, AppContext context, UiHandOver ui) {
    }

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        AppPaths paths = AppPaths.detect(System.getenv());
        dev.ponte.app.logs.LogFolder.prepare(paths.logs()); // rwx------ before logback writes the first line
        System.setProperty("ponte.logdir", paths.logs().toString());
        if (dev.ponte.cli.Cli.wants(args)) {
            // The command line: no UI toolkit, and not behind the single-instance lock (a running window must not
            // block it; the journal they share is safe for several processes).
            System.setProperty("ponte.console.level", "OFF");
            System.setProperty("ponte.logfile", "ponte-cli");
            int code = CliLauncher.run(args, paths);
            if (code >= 0) {
                System.exit(code);
            }
            return;
        }
        // The graphics choice may set GDK_GL through libc, and the foreign function API takes ~70 ms to link on a cold
        // JVM: on a thread of its own beside the single-instance lock, joined before the toolkit (GTK) starts.
        CompletableFuture<GraphicsChoice.Decision> graphics = CompletableFuture.supplyAsync(GraphicsChoice::applyAtStart,
                        r -> Thread.ofPlatform().name("ponte-graphics").start(r))
                .exceptionally(t -> new GraphicsChoice.Decision(false, "the choice failed (" + t + "): JavaFX chooses"));
        try {
            instance = SingleInstance.start(paths.state(), paths.privateDir(), List.of(args));
        } catch (SingleInstance.HandedOver done) {
            org.slf4j.LoggerFactory.getLogger(Main.class).info(done.getMessage());
            return;
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(Main.class).error(e.getMessage());
            System.exit(1);
        }
        startup = prepare(paths, graphics);
        graphics.join();
        javafx.application.Application.launch(PonteApp.class, args);
    }

    /**
     * Logging set-up, reading the settings (jackson-core's streaming parser; data binding waits for its first use),
     * building the core services with their ports and the window's view-models: not on the UI thread, beside the
     * toolkit's own start. The view-models touch nothing of the toolkit while they are built (no nodes, no style
     * sheets), and what they hand to the UI thread meanwhile waits in a {@link UiHandOver} until the window takes them
     * over; so they are used on the UI thread only. (Built on the UI thread, they took ~33 ms of it before the window.)
     */
    static CompletableFuture<Startup> prepare(AppPaths paths, CompletableFuture<GraphicsChoice.Decision> graphics) {
        return CompletableFuture.supplyAsync(() -> {
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Main.class);
            graphics.thenAccept(d -> log.info("Graphics: {}", d.why()));
            SettingsStore store = new SettingsStore(paths.settingsFile());
            UiSettings settings = store.load();
            java.util.Map<String, String> env = System.getenv();
            java.time.Clock clock = java.time.Clock.systemDefaultZone();
            AppContext.Base base = AppContext.prepare(env, java.nio.file.Path.of(System.getProperty("user.home")),
                    settings, clock);
            dev.ponte.ui.common.PonteStyleSheet.url(); // which form of ponte.css the window takes: read here, not there
            UiHandOver ui = new UiHandOver(javafx.application.Platform::runLater);
            AppContext context = new AppContext(base, settings, clock, ui);
            // This thread is done before the UI thread builds the window: what it will load is loaded beside it now.
            StartupClasses.preloadInBackground();
            return new Startup(paths, store, settings, context, ui);
        });
    }
}
