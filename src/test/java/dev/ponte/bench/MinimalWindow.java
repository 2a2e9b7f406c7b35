package dev.ponte.bench;

import dev.ponte.app.GraphicsChoice;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The floor for Ponte's cold start: the smallest JavaFX window (a Label in a Scene), started like Ponte (a plain main
 * class that calls {@code Application.launch}, JavaFX on the class path), same window size. Prints
 * {@code first frame after N ms}, measured exactly as {@code PonteApp} measures it (process start instant to the first
 * post-layout pulse), then its resident set size, then exits.
 */
public final class MinimalWindow {
    private MinimalWindow() {
    }

    /**
     * With the argument {@code ponte-graphics}: the floor given Ponte's graphics choice ({@link GraphicsChoice}, made
     * as {@code Main} makes it), printed as {@code graphics: ...} before anything else.
     */
    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("ponte-graphics")) {
            GraphicsChoice.Decision d = GraphicsChoice.applyAtStart();
            System.out.println("graphics: " + (d.software() ? "software, " : "JavaFX decides, ") + d.why());
        }
        Application.launch(App.class, args);
    }

    /** The JavaFX application; public so the launcher can instantiate it. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            Scene scene = new Scene(new Label("Minimal JavaFX window"), 1180, 760);
            scene.addPostLayoutPulseListener(new Runnable() {
                @Override
                public void run() {
                    scene.removePostLayoutPulseListener(this);
                    // Timed like PonteApp: from the JVM's own start time.
                    long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                    System.out.println("first frame after " + (System.currentTimeMillis() - started) + " ms");
                    // For comparison with Ponte's memory (read after the measurement, so it costs the figure nothing).
                    System.out.println("rss at first frame " + PonteBench.rssKb(ProcessHandle.current().pid()) + " kB");
                    System.out.flush();
                    Platform.exit();
                }
            });
            stage.setTitle("Minimal");
            stage.setScene(scene);
            stage.show();
        }
    }
}
