package dev.ponte.ui.setups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.bridge.BridgePlan;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.setups.Setup;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.testsupport.Elision;
import dev.ponte.testsupport.FakeApp;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.Screenshots;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Saved setups in the window: "Save as setup…" on a running container names and saves it with its bridge, the setups
 * panel lists it, and its Start dialog asks for the value Ponte does not store, shows the steps and re-creates the
 * container and the bridge after they were removed. Screenshots: command-palette, setups-panel, setups-start (light;
 * -Dponte.dark=true: dark).
 */
@ExtendWith(ApplicationExtension.class)
class SetupsViewTest {
    @TempDir
    static Path dir;
    private FakeApp fake;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Path home = dir.resolve(java.util.UUID.randomUUID().toString());
        FakePorts ports = FakeApp.ports(home, "kind-dev");
        fake = FakeApp.show(stage, home, ports, Journal.inMemory(Clock.systemUTC()), new UiSettings(), 1280, 800);
        if (Boolean.getBoolean("ponte.dark")) {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS());
            fake.view.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), true);
        }
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> Window.getWindows().stream().filter(w -> w != stage).toList().forEach(Window::hide));
        robot.interact(fake.app::close);
    }

    @Test
    void saveAContainerWithItsBridgeThenStartTheSetupAgain(FxRobot robot) throws Exception {
        var main = fake.app.mainViewModel();
        var core = fake.app.core();
        Wait.until("the workloads", () -> main.workloads().items().size() == 3);
        robot.interact(() -> main.connection().connect());
        Wait.until("Connected", () -> main.connection().stateProperty().get() == ConnectionState.CONNECTED);
        Connection conn = main.connection().connectionProperty().get();
        core.runs.run(new RunRequest(conn, "api-local", "acme/api:dev", List.of(), "default",
                Map.of("LOG_LEVEL", "debug", "API_TOKEN", "tok-123"), null, List.of(),
                List.of(new ContainerEngine.PortBinding("127.0.0.1", 8000, 8000, "tcp")), false, 0, 0, Duration.ofSeconds(5)),
                e -> { }).run(Progress.NONE, new CancellationToken());
        core.bridges(conn).bridge(new BridgePlan("default", WorkloadKind.DEPLOYMENT, "api", "api", List.of(new PortMapping(80, 8000)),
                "api-local", new MatchRules(List.of(new MatchRules.RuleSet(List.of(new MatchRules.Header("x-user", "alice",
                        MatchRules.Type.EXACT)))))), Progress.NONE, new CancellationToken());
        core.local.refresh(conn.name());
        Wait.until("the container with its bridge", () -> main.local().items().size() == 1 && main.local().bridges().size() == 1);

        // The container's menu offers Save as setup…; the palette (Ctrl+K) reaches it from the keyboard.
        // Looked up on the FX thread (Wait.until runs the condition there): the list lays its cells out again while the
        // container's refresh lands, and a scene-graph walk from the test thread then races that (an
        // IndexOutOfBoundsException from the cells' child list in a CI run).
        Wait.until("the container's menu with Save as setup…", () -> robot.lookup("#localContainers .list-cell")
                .queryAllAs(javafx.scene.control.ListCell.class).stream()
                .filter(c -> c.getItem() != null && c.getContextMenu() != null)
                .anyMatch(c -> c.getContextMenu().getItems().stream().anyMatch(i -> "Save as setup…".equals(i.getText()))));
        robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
        Wait.until("the palette", () -> robot.lookup("#paletteQuery").tryQuery().map(javafx.scene.Node::isFocused).orElse(false));
        robot.targetWindow(robot.lookup("#paletteQuery").query().getScene().getWindow());
        // The palette as a user sees it: "api" finds the workload, the local container and their actions.
        robot.write("api");
        Wait.until("the palette's results", () -> !robot.lookup("#paletteResults").queryAs(javafx.scene.control.ListView.class)
                .getItems().isEmpty());
        List<String> cut = new java.util.ArrayList<>();
        javafx.scene.Node palette = robot.lookup("#commandPalette").query();
        robot.interact(() -> cut.addAll(Elision.find(palette)));
        assertEquals(List.of(), cut);
        Screenshots.save(robot, palette, "command-palette" + (Boolean.getBoolean("ponte.dark") ? "-dark" : ""));
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("save api-local");
        robot.type(KeyCode.ENTER);
        Wait.until("the name dialog", () -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s && "Save as setup".equals(s.getTitle())));
        robot.targetWindow(Window.getWindows().stream().filter(w -> w instanceof Stage s && "Save as setup".equals(s.getTitle())).findFirst().orElseThrow());
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("API for alice");
        robot.type(KeyCode.ENTER);
        Wait.until("the setup in the panel", () -> main.setups().setups().size() == 1);
        Setup saved = main.setups().setups().getFirst();
        assertEquals("API for alice", saved.name());
        assertEquals(List.of("API_TOKEN"), saved.run().askAtStart());
        assertEquals(1, saved.bridges().size());
        Wait.until("the note about API_TOKEN", () -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s
                && s.isShowing() && s.getScene().getRoot().lookup(".content") instanceof Label l && l.getText().contains("API_TOKEN")));
        robot.interact(() -> Window.getWindows().stream().filter(w -> w != stage).toList().forEach(Window::hide));
        robot.targetWindow(stage);
        Screenshots.save(robot, fake.view, "setups-panel" + (Boolean.getBoolean("ponte.dark") ? "-dark" : ""));

        // Everything goes; Start re-creates it.
        core.runs.remove(conn, "api-local").run(Progress.NONE, new CancellationToken());
        core.local.refresh(conn.name());
        Wait.until("the container gone", () -> main.local().items().isEmpty());
        assertTrue(fake.ports.cluster("kind-dev").bridges.isEmpty());

        robot.clickOn("#startSetup-API_for_alice");
        Wait.until("the Start dialog", () -> robot.lookup("#startSetupPlan").tryQuery().isPresent());
        Stage dialog = (Stage) robot.lookup("#startSetupPlan").query().getScene().getWindow();
        assertTrue(robot.lookup("#startSetupPlan").queryAs(Label.class).getText().contains("bridge api (default): Requests with"),
                robot.lookup("#startSetupPlan").queryAs(Label.class).getText());
        robot.clickOn("#askValue-API_TOKEN").write("typed-at-start");
        robot.clickOn("#startSetupButton");
        Wait.until("the result", () -> !robot.lookup("#startSetupResult").queryAs(Label.class).getText().isEmpty(),
                () -> robot.lookup("#startSetupProblem").queryAs(Label.class).getText());
        assertEquals("Started API for alice: api-local with 1 bridge", robot.lookup("#startSetupResult").queryAs(Label.class).getText());
        assertEquals("typed-at-start", fake.ports.engine.runSpecs.get("api-local").env().get("API_TOKEN"));
        assertEquals(1, fake.ports.cluster("kind-dev").bridges.size());
        List<String> shortened = new java.util.ArrayList<>();
        robot.interact(() -> shortened.addAll(Elision.find(dialog.getScene().getRoot())));
        assertEquals(List.of(), shortened);
        Screenshots.save(robot, dialog.getScene().getRoot(), "setups-start" + (Boolean.getBoolean("ponte.dark") ? "-dark" : ""));
    }
}
