package dev.ponte.ui.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.diagnostics.Checks;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.diagnostics.BothThemes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The connection panel's ways into diagnose-and-repair: the links, a Down badge, a failed Connect's dialog. */
@ExtendWith(ApplicationExtension.class)
class RepairLinksViewTest {
    @TempDir
    static Path dir;
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private FakePorts ports;
    private ConnectionView view;
    private ConnectionViewModel vm;

    @Start
    void start(Stage stage) {
        ports = new FakePorts(dir.resolve(java.util.UUID.randomUUID().toString()), "kind-dev");
        var service = ports.inlineService(scheduler);
        service.reconcile();
        vm = new ConnectionViewModel(service, ports.engines, new DirectTaskRunner(), Runnable::run);
        view = new ConnectionView(vm);
        view.setRepairActions(new RepairActions() {
            @Override
            public void diagnose(String context, String line) {
                opened.add("diagnose " + context + " " + line);
            }

            @Override
            public void team(String context) {
                opened.add("team " + context);
            }

            @Override
            public void leftovers() {
                opened.add("leftovers");
            }
        });
        Scene scene = new Scene(view, 340, 600);
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        vm.show("kind-dev");
    }

    @Test
    void theLinksAndADownBadgeOpenTheScreens(FxRobot robot) {
        robot.clickOn("#connectButton");
        robot.interact(() -> scheduler.advance(Duration.ZERO));
        robot.clickOn("#diagnoseLink");
        robot.clickOn("#teamLink");
        robot.clickOn("#leftoversLink");
        assertEquals(List.of("diagnose kind-dev null", "team kind-dev", "leftovers"), opened);
        BothThemes.save(robot, view, "connection-repair-links");
        ports.tunnelUp = false;
        ports.engine.containers.remove("gefyra-cargo-kind-dev");
        robot.interact(() -> scheduler.advance(Duration.ofSeconds(1)));
        Wait.until("Down", () -> "Down".equals(robot.lookup("#connectionBadge").queryLabeled().getText()));
        robot.clickOn("#connectionBadge");
        assertEquals("diagnose kind-dev " + Checks.STOWAWAY, opened.getLast());
    }

    @Test
    void aFailedConnectsDialogOpensTheChecklist(FxRobot robot) {
        ports.cluster("kind-dev").failOnce.put("createClient", new ApiStatusException(500, "admission webhook refused", null));
        robot.clickOn("#connectButton");
        Wait.until("the error dialog", () -> Window.getWindows().size() > 1);
        Stage dialog = (Stage) Window.getWindows().stream().filter(w -> w != view.getScene().getWindow()).findFirst().orElseThrow();
        DialogPane pane = (DialogPane) dialog.getScene().getRoot();
        Button diagnose = pane.getButtonTypes().stream().filter(b -> b.getText().equals("Diagnose"))
                .map(b -> (Button) pane.lookupButton(b)).findFirst().orElseThrow();
        robot.interact(diagnose::fire);
        assertTrue(opened.contains("diagnose kind-dev null"), opened.toString());
    }
}
