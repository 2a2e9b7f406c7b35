package dev.ponte.ui.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.KubeconfigProblem;
import dev.ponte.core.model.KubeconfigSnapshot;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.Screenshots;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The "Kubeconfig problems" list in the narrow side panel: every message is shown whole. */
@ExtendWith(ApplicationExtension.class)
class ContextsViewTest {
    private static final Path FILE = Path.of("/home/alice/.kube/config");
    private static final String LONG = "user 'alice@prod-eu-west-1': client-key /home/alice/.kube/certs/prod-eu-west-1/alice.key "
            + "does not exist; the contexts that use it are left out";
    private static final String SHORT = "cluster 'kind-dev' has no server URL; the contexts that use it are left out";
    private ContextsView view;

    @Start
    void start(Stage stage) {
        KubeconfigSnapshot snapshot = new KubeconfigSnapshot(List.of(FILE),
                List.of(new KubeContext("kind-dev", "kind-dev", "kind-dev", null, "https://127.0.0.1:6443", FILE)), "kind-dev",
                List.of(new KubeconfigProblem(FILE, LONG), new KubeconfigProblem(FILE, SHORT)));
        ContextsViewModel vm = new ContextsViewModel(extra -> snapshot, new DirectTaskRunner(), new UiSettings());
        view = new ContextsView(vm);
        vm.reload();
        VBox side = new VBox(view);
        Scene scene = new Scene(side, 250, 420); // the side panel's width at the window's default size
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        javafx.application.Application.setUserAgentStylesheet(Boolean.getBoolean("ponte.dark")
                ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS()
                : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void everyProblemIsShownWholeNotElided(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        List<Label> lines = robot.lookup(".problem-line").queryAllAs(Label.class).stream().toList();
        assertEquals(2, lines.size());
        for (Label l : lines) {
            Text shown = (Text) l.lookup(".text");
            assertEquals(l.getText(), shown.getText(), "elided to the panel's width");
            assertTrue(l.getHeight() >= shown.getLayoutBounds().getHeight() - 0.5,
                    () -> "cut off: " + l.getHeight() + " < " + shown.getLayoutBounds().getHeight());
        }
        assertTrue(lines.getFirst().getText().endsWith(LONG), lines.getFirst().getText());
        javafx.scene.control.ScrollPane scroll = robot.lookup("#kubeconfigProblems .scroll-pane")
                .queryAs(javafx.scene.control.ScrollPane.class);
        double content = ((VBox) scroll.getContent()).getHeight();
        assertTrue(scroll.getViewportBounds().getHeight() >= content - 0.5,
                () -> "both problems fit without scrolling: viewport " + scroll.getViewportBounds().getHeight() + " < " + content);
        Label title = robot.lookup("#kubeconfigProblems .label").queryAs(Label.class);
        assertEquals("Kubeconfig problems", ((Text) title.lookup(".text")).getText());
        Screenshots.save(robot, view, "contexts-problems");
    }

    @Test
    void copyPutsEveryProblemWithItsFullPathOnTheClipboard(FxRobot robot) {
        robot.interact(() -> robot.lookup("#copyKubeconfigProblems").queryButton().fire());
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertEquals(FILE + ": " + LONG + "\n" + FILE + ": " + SHORT + "\n", copied[0]);
    }
}
