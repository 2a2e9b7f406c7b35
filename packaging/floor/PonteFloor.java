import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The floor for the packaged app's cold start: the smallest JavaFX window (a Label in a Scene of Ponte's size),
 * started like Ponte (a plain main class calling {@code Application.launch}, on the same jlink'd runtime through a
 * jpackage launcher). Prints {@code first frame after N ms}, measured as {@code PonteApp} measures it (the JVM's start
 * time to the first post-layout pulse), then exits. Built and run by {@code scripts/measure-startup}.
 */
public final class PonteFloor {
    private PonteFloor() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The JavaFX application; public so the launcher can instantiate it. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            Scene scene = new Scene(new Label("Ponte floor: a minimal JavaFX window"), 1180, 760);
            scene.addPostLayoutPulseListener(new Runnable() {
                @Override
                public void run() {
                    scene.removePostLayoutPulseListener(this);
                    long started = ManagementFactory.getRuntimeMXBean().getStartTime();
                    System.out.println("first frame after " + (System.currentTimeMillis() - started) + " ms");
                    System.out.flush();
                    Platform.exit();
                }
            });
            stage.setTitle("Ponte floor");
            stage.setScene(scene);
            stage.show();
        }
    }
}
