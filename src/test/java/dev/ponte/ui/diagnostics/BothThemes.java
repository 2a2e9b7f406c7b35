package dev.ponte.ui.diagnostics;

import dev.ponte.testsupport.Screenshots;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Screenshots of one node in the light and the dark theme, as the app switches them (AtlantaFX Primer, :dark on the root). */
public final class BothThemes {
    private BothThemes() {
    }

    /** Saves {@code name-light.png} and {@code name-dark.png}; leaves the light theme on. */
    public static List<Path> save(FxRobot robot, Node node, String name) {
        Path light = shot(robot, node, name + "-light", false);
        Path dark = shot(robot, node, name + "-dark", true);
        robot.interact(() -> theme(node, false));
        return List.of(light, dark);
    }

    private static Path shot(FxRobot robot, Node node, String name, boolean dark) {
        robot.interact(() -> theme(node, dark));
        WaitForAsyncUtils.waitForFxEvents();
        return Screenshots.save(robot, node, name);
    }

    private static void theme(Node node, boolean dark) {
        Application.setUserAgentStylesheet(dark ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS()
                : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
        Parent root = node.getScene() == null ? null : node.getScene().getRoot();
        if (root != null) {
            root.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), dark);
            root.applyCss();
            root.layout();
        }
    }
}
