package dev.ponte.testsupport;

import dev.ponte.app.AppContext;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.shell.MainView;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Starts the real main window, wired like the app, on a stage TestFX gives us. */
public final class FxTestApp {
    private FxTestApp() {
    }

    /** Environment with KUBECONFIG set (null: unset) and the real PATH. */
    public static Map<String, String> env(String kubeconfig) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        if (kubeconfig != null) {
            env.put("KUBECONFIG", kubeconfig);
        }
        return env;
    }

    public static AppContext show(Stage stage, Map<String, String> env, Path home, UiSettings settings) {
        AppContext context = new AppContext(env, home, settings, Clock.systemUTC());
        MainView view = context.createView();
        Scene scene = new Scene(view, 1180, 760);
        scene.getStylesheets().add(FxTestApp.class.getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        stage.setScene(scene);
        stage.sizeToScene(); // the stage is shared by the tests: one that resized it must not leave the next one small
        stage.show();
        context.mainViewModel().start();
        context.afterFirstFrame(); // the reconcile, as PonteApp starts it once the first frame is drawn
        return context;
    }
}
