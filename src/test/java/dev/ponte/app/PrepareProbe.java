package dev.ponte.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;

/**
 * A child JVM for {@link PrepareBeforeFirstFrameTest}: writes a settings file with several kinds of field under
 * {@code -Dponte.home}, then does what {@link Main} does beside the toolkit's start ({@link Main#prepare}: logging,
 * the settings, the core services with their ports, the window's view-models) and prints a few of the settings read
 * back and how many hand-overs to the UI thread wait for the window.
 */
public final class PrepareProbe {
    private PrepareProbe() {
    }

    public static void main(String[] args) throws Exception {
        AppPaths paths = AppPaths.detect(System.getenv());
        Files.createDirectories(paths.settingsFile().getParent());
        Files.writeString(paths.settingsFile(), """
                {"lastContext":"kind-dev","lastNamespace":{"kind-dev":"shop"},"theme":"DARK",
                 "dividers":{"main":[0.25,0.7]},"connectionMtus":{"kind-dev":1380},"closeToTray":false,
                 "extraKubeconfigs":["/tmp/a.yaml"],"unknownField":{"x":[1,2]}}
                """, StandardCharsets.UTF_8);
        Main.Startup s = Main.prepare(paths, CompletableFuture.completedFuture(
                new GraphicsChoice.Decision(false, "the probe's"))).join();
        System.out.println("lastContext " + s.settings().lastContext);
        System.out.println("theme " + s.settings().theme);
        System.out.println("mtu " + s.settings().connectionMtus.get("kind-dev"));
        System.out.println("closeToTray " + s.settings().closeToTray);
        // The view-models were built here, without the toolkit: what they handed to the UI thread waits.
        System.out.println("view-models " + (s.context().mainViewModel() != null));
        System.out.println("waiting for the window " + s.ui().waiting());
        System.out.flush();
        System.exit(0);
    }
}
