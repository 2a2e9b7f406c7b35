package dev.ponte.ui.connection;

import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.StepEvent;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.Screenshots;
import dev.ponte.testsupport.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The connection panel drawn for each phase, driven through its buttons; screenshots for review. */
@ExtendWith(ApplicationExtension.class)
class ConnectionViewTest {
    @TempDir
    static Path dir;
    private final ManualScheduler scheduler = new ManualScheduler();
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
        Scene scene = new Scene(view, 340, 560);
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        // -Dponte.dark=true draws the review screenshots in the dark theme.
        javafx.application.Application.setUserAgentStylesheet(Boolean.getBoolean("ponte.dark")
                ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS()
                : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
        stage.setScene(scene);
        stage.show();
        vm.show("kind-dev");
    }

    @Test
    void theEnginePickerIsBuiltOnceTheLookUpFoundEngines(FxRobot robot) {
        assertTrue(robot.lookup("#enginePicker").tryQuery().isEmpty(), "no picker before the look-up (after the first frame)");
        assertEquals("Looking for engines…", robot.lookup("#engineSummary").queryAs(Label.class).getText());
        robot.interact(() -> vm.enginePicker().refresh());
        javafx.scene.control.ComboBox<dev.ponte.core.port.Engines.EngineOption> pick =
                robot.lookup("#enginePicker").queryComboBox();
        assertEquals(2, pick.getItems().size());
        assertTrue(pick.getValue() != null && pick.getValue().inUse(), "the engine in use is picked");
        assertTrue(robot.lookup("#engineSummary").queryAs(Label.class).getText().startsWith("Docker 27.1.0"));
        robot.interact(() -> vm.enginePicker().refresh());
        assertEquals(1, robot.lookup("#enginePicker").queryAll().size(), "one picker, however often it looks");
    }

    @Test
    void theRepairLinksAreBuiltOnceTheCardShowsAContextAfterTheActions(FxRobot robot) {
        ConnectionViewModel fresh = new ConnectionViewModel(ports.inlineService(scheduler), ports.engines,
                new DirectTaskRunner(), Runnable::run);
        ConnectionView[] card = new ConnectionView[1];
        robot.interact(() -> card[0] = new ConnectionView(fresh));
        assertTrue(card[0].lookup("#repairLinks") == null, "no context (the first frame): the links are not built");
        robot.interact(() -> fresh.show("kind-dev"));
        javafx.scene.Node links = card[0].lookup("#repairLinks");
        assertTrue(links != null && links.isVisible(), "built and shown with a context");
        // In its slot: under the engine part and the actions' row, as when it was built at once.
        int at = card[0].getChildren().indexOf(links);
        assertTrue(at >= 2 && card[0].getChildren().get(at - 1) instanceof javafx.scene.layout.FlowPane
                && card[0].getChildren().get(at - 2).lookup("#engineSummary") != null, "under the actions");
    }

    @Test
    void connectShowsEveryStepAndThenHealth(FxRobot robot) {
        robot.interact(() -> vm.enginePicker().refresh()); // as the window does after its first frame
        assertEquals("Not connected", robot.lookup("#connectionBadge").queryAs(Label.class).getText());
        Screenshots.save(robot, view, "connection-not-connected");
        robot.clickOn("#connectButton");
        StepList steps = robot.lookup("#stepList").queryAs(StepList.class);
        Wait.until("eight steps, each shown whole", () -> steps.getChildren().size() == 8);
        assertEquals(StepEvent.State.DONE, vm.steps().get(7).get().state());
        robot.interact(() -> {
            scheduler.advance(Duration.ZERO);
            scheduler.advance(Duration.ofSeconds(1));
        });
        Wait.until("the health badge", () -> "Connected".equals(robot.lookup("#connectionBadge").queryAs(Label.class).getText()));
        assertTrue(robot.lookup("#healthNumbers").queryAs(Label.class).getText().startsWith("handshake 4 s ago"),
                robot.lookup("#healthNumbers").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#disconnectButton").queryAs(Button.class).isVisible());
        assertTrue(robot.lookup("#connectionByGefyraCli").tryQuery().isEmpty(), "Ponte's own connection has no CLI mark");
        Screenshots.save(robot, view, "connection-connected");
    }

    @Test
    void thePartsThatShowOnlyInSomeStatesAreBuiltWhenFirstShownInTheirPlace(FxRobot robot) {
        robot.interact(() -> vm.enginePicker().refresh());
        List<String> later = List.of("#connectionByGefyraCli", "#connectionHeadline", "#connectionLeftovers",
                "#resumeButton", "#reconnectButton", "#disconnectButton", "#cleanUpButton", "#uninstallButton",
                "#cancelButton", "#connectionProgress", "#stepList", "#connectionResult", "#healthBox");
        for (String id : later) {
            assertTrue(robot.lookup(id).tryQuery().isEmpty(), id + " is not built before it is to show");
        }
        assertTrue(robot.lookup("#connectButton").queryButton().isVisible());
        // The operations run inline here: look at the panel from inside one of Connect's steps.
        List<String> whileConnecting = new java.util.ArrayList<>();
        ports.cluster("kind-dev").beforeCall = call -> {
            if (call.equals("createClient")) {
                for (String id : List.of("#cancelButton", "#connectionProgress", "#stepList", "#connectButton")) {
                    robot.lookup(id).tryQuery().filter(javafx.scene.Node::isVisible).ifPresent(n -> whileConnecting.add(id));
                }
            }
        };
        robot.interact(vm::connect);
        assertEquals(List.of("#cancelButton", "#connectionProgress", "#stepList"), whileConnecting,
                "Cancel, the progress bar and the steps show while it connects, Connect does not");
        robot.interact(() -> {
            scheduler.advance(Duration.ZERO);
            scheduler.advance(Duration.ofSeconds(1));
        });
        Wait.until("Connected with its health", () -> vm.stateProperty().get() == dev.ponte.core.connections.ConnectionState.CONNECTED
                && robot.lookup("#healthBox").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        assertFalse(robot.lookup("#cancelButton").queryButton().isVisible(), "built once, hidden again as before");
        assertTrue(robot.lookup("#disconnectButton").queryButton().isVisible());
        assertTrue(robot.lookup("#connectionHeadline").tryQuery().isEmpty(), "never troubled: no headline built");
        // Whatever was built sits where it would if all were there: the panel's order and the keyboard's.
        List<String> order = List.of("connectionPlan", "connectionHeadline", "connectionLeftovers", "repairLinks",
                "connectionProgress", "stepList", "connectionResult", "healthBox");
        assertInOrder(order, view.getChildren());
        javafx.scene.layout.Pane actions = (javafx.scene.layout.Pane) robot.lookup("#disconnectButton").queryButton().getParent();
        assertInOrder(List.of("connectButton", "resumeButton", "reconnectButton", "disconnectButton", "cleanUpButton",
                "uninstallButton", "cancelButton"), actions.getChildren());
        assertTrue(actions.getChildren().size() >= 3, "Connect, Cancel, Disconnect at least: " + actions.getChildren());
    }

    /** The nodes' ids, those in {@code order}, come in that order and each once. */
    private static void assertInOrder(List<String> order, List<javafx.scene.Node> nodes) {
        List<String> ids = nodes.stream().map(javafx.scene.Node::getId).filter(java.util.Objects::nonNull).filter(order::contains).toList();
        assertEquals(order.stream().filter(ids::contains).toList(), ids);
    }

    @Test
    void aFailedConnectOpensTheAdviceDialogWithDiagnostics(FxRobot robot) {
        ports.cluster("kind-dev").failOnce.put("createClient", new ApiStatusException(500, "admission webhook refused", null));
        robot.clickOn("#connectButton");
        Wait.until("the error dialog", () -> Window.getWindows().size() > 1);
        Stage dialog = (Stage) Window.getWindows().stream().filter(w -> w != view.getScene().getWindow()).findFirst().orElseThrow();
        Screenshots.save(robot, dialog.getScene().getRoot(), "connection-failed-dialog");
        Screenshots.save(robot, view, "connection-failed");
        assertTrue(vm.diagnostics().contains("Register this machine"));
        assertEquals("Failed", robot.lookup("#connectionBadge").queryAs(Label.class).getText());
        robot.interact(dialog::close);
    }

    @Test
    void aConnectionTheGefyraCliMadeSaysSoNextToItsState(FxRobot robot) {
        robot.clickOn("#connectButton");
        Wait.until("Connected", () -> vm.stateProperty().get() == dev.ponte.core.connections.ConnectionState.CONNECTED);
        ConnectionViewModelTest.handToGefyraCli(ports, "kind-dev");
        // Ponte starts afresh and finds the CLI's connection.
        robot.interact(() -> {
            var restarted = ports.inlineService(scheduler);
            restarted.reconcile();
            vm = new ConnectionViewModel(restarted, ports.engines, new DirectTaskRunner(), Runnable::run);
            Scene scene = view.getScene();
            view = new ConnectionView(vm);
            scene.setRoot(view);
            vm.show("kind-dev");
        });
        Wait.until("the CLI mark", () -> robot.lookup("#connectionByGefyraCli").queryAs(Label.class).isVisible());
        Label mark = robot.lookup("#connectionByGefyraCli").queryAs(Label.class);
        assertEquals("made by the gefyra CLI", mark.getText());
        String tip = dev.ponte.ui.common.Tips.text(mark);
        assertTrue(tip != null && !tip.isBlank());
        assertTrue(robot.lookup("#disconnectButton").queryAs(Button.class).isVisible(), "Ponte can disconnect it");
        List<String> shortened = new java.util.ArrayList<>();
        robot.interact(() -> shortened.addAll(dev.ponte.testsupport.Elision.find(view)));
        assertEquals(List.of(), shortened);
        Screenshots.save(robot, view, "connection-by-gefyra-cli" + (Boolean.getBoolean("ponte.dark") ? "-dark" : ""));
    }
}
