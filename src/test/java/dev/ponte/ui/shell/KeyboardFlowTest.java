package dev.ponte.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.Journal;
import dev.ponte.testsupport.FakeApp;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
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
 * The main flows with the keyboard alone, in the real window on the real services over in-memory ports: Tab to
 * Connect and press Space; the command palette (Ctrl+K) to find the workload; Ctrl+R runs a container like it; Ctrl+B
 * bridges it (Enter through the wizard, the rule typed in its fields); the palette's Unbridge; the palette's
 * Disconnect. No mouse event is sent.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardFlowTest {
    @TempDir
    static Path dir;
    private FakeApp fake;
    private String lastResults = "";
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Path home = dir.resolve(java.util.UUID.randomUUID().toString());
        FakePorts ports = FakeApp.ports(home, "kind-dev", "staging");
        UiSettings settings = new UiSettings();
        settings.lastContext = "kind-dev";
        fake = FakeApp.show(stage, home, ports, Journal.inMemory(Clock.systemUTC()), settings, 1280, 800);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> Window.getWindows().stream().filter(w -> w != stage).toList().forEach(Window::hide));
        robot.interact(fake.app::close);
    }

    @Test
    void connectRunBridgeUnbridgeDisconnectWithTheKeyboardAlone(FxRobot robot) {
        var main = fake.app.mainViewModel();
        Wait.until("the workloads", () -> main.workloads().items().size() == 3);

        // Connect: Tab along the window until the Connect button has the focus, then Space.
        tabTo(robot, "connectButton", 80);
        robot.type(KeyCode.SPACE);
        Wait.until("Connected", () -> main.connection().stateProperty().get() == ConnectionState.CONNECTED,
                () -> main.connection().stateProperty().get().toString());

        // Find the workload api with the palette; Enter selects it and puts the focus on the table.
        palette(robot, "api");
        Wait.until("api selected in the focused table", () -> main.workloads().selectedProperty().get() != null
                && main.workloads().selectedProperty().get().get().name().equals("api") && focusedId(robot).equals("workloadTable"),
                () -> "focus on " + focusedId(robot) + ", selected " + main.workloads().selectedProperty().get()
                        + ", palette results " + lastResults);

        // Run locally like api (Ctrl+R on its row): the dialog is prefilled; Enter runs, Esc closes.
        robot.press(KeyCode.CONTROL).type(KeyCode.R).release(KeyCode.CONTROL);
        Wait.until("the Run dialog", () -> window("Run locally like api") != null);
        Wait.until("the name api-local", () -> "api-local".equals(textOf(robot, "#runName")), () -> "name " + textOf(robot, "#runName"));
        Wait.until("the Run dialog to have the keyboard", () -> "Run locally like api".equals(focusedTitle()), KeyboardFlowTest::focusedTitle);
        closeImageList(robot); // the image box may have opened its list of local images: Enter there picks one
        robot.type(KeyCode.ENTER);
        Wait.until("api-local running", () -> main.local().items().stream().anyMatch(i -> i.name().equals("api-local")
                && i.container().running()), () -> main.local().items().toString() + " run button disabled "
                + robot.lookup("#runSubmit").queryButton().isDisabled() + ", focused window " + focusedTitle() + ", focus "
                + focusedId(robot) + ", note " + robot.lookup("#runNote").queryLabeled().getText());
        Wait.until("the Run dialog to keep the keyboard", () -> "Run locally like api".equals(focusedTitle()), KeyboardFlowTest::focusedTitle);
        closeImageList(robot);
        robot.type(KeyCode.ESCAPE);
        Wait.until("the Run dialog to close", () -> window("Run locally like api") == null,
                () -> "focused: " + focusedTitle() + " / " + focusedId(robot));

        // Bridge api (Ctrl+B): Enter through the pages; the rule typed into its fields; Enter = Bridge, Enter = Close.
        robot.interact(() -> stage.requestFocus());
        palette(robot, "api");
        Wait.until("the table focused", () -> focusedId(robot).equals("workloadTable"), () -> "focus on " + focusedId(robot));
        robot.press(KeyCode.CONTROL).type(KeyCode.B).release(KeyCode.CONTROL);
        Wait.until("the bridge wizard", () -> robot.lookup("#bridgeWizard").tryQuery().isPresent());
        Wait.until("the container api chosen", () -> robot.lookup("#container-api").tryQuery()
                .map(n -> ((javafx.scene.control.RadioButton) n).isSelected()).orElse(false));
        Wait.until("the wizard to have the keyboard", () -> focusedTitle().startsWith("Bridge "), KeyboardFlowTest::focusedTitle);
        robot.type(KeyCode.ENTER); // target → ports
        Wait.until("the ports page", () -> page(robot).equals("page-ports"), () -> page(robot));
        robot.type(KeyCode.ENTER); // ports → local container
        Wait.until("api-local chosen", () -> robot.lookup("#local-api-local").tryQuery()
                .map(n -> ((javafx.scene.control.RadioButton) n).isSelected()).orElse(false));
        Wait.until("the local page", () -> page(robot).equals("page-local"), () -> page(robot));
        robot.type(KeyCode.ENTER); // local → rules
        Wait.until("the rules page", () -> page(robot).equals("page-rules"), () -> page(robot));
        tabTo(robot, "matchName-1-1", 40);
        robot.targetWindow(robot.lookup("#bridgeWizard").query().getScene().getWindow());
        robot.write("x-user");
        tabTo(robot, "matchValue-1-1", 10);
        robot.write("alice");
        robot.type(KeyCode.ENTER); // rules → review
        Wait.until("the review page", () -> page(robot).equals("page-review"), () -> page(robot));
        robot.type(KeyCode.ENTER); // Bridge
        Wait.until("the bridge in the cluster", () -> fake.ports.cluster("kind-dev").bridges.size() == 1);
        Wait.until("the bridge seen", () -> main.local().bridges().size() == 1);
        robot.type(KeyCode.ENTER); // Close
        Wait.until("the wizard to close", () -> robot.lookup("#bridgeWizard").tryQuery().map(n -> !n.getScene().getWindow()
                .isShowing()).orElse(true));

        // Unbridge from the palette; the question whether to remove the mount too is answered with Enter.
        robot.interact(() -> stage.requestFocus()); // Monocle gives the owner no focus back when a child window closes

        palette(robot, "unbridge api");
        Wait.until("the bridge to go", () -> {
            if (fake.ports.cluster("kind-dev").bridges.isEmpty()) {
                return true;
            }
            Window dialog = Window.getWindows().stream().filter(w -> w != stage && w.isShowing() && w.isFocused()).findFirst().orElse(null);
            if (dialog != null) {
                robot.type(KeyCode.ENTER);
            }
            return false;
        });

        // Disconnect from the palette.
        robot.interact(() -> stage.requestFocus());
        palette(robot, "disconnect kind");
        Wait.until("Not connected", () -> main.connection().stateProperty().get() == ConnectionState.NOT_CONNECTED,
                () -> main.connection().stateProperty().get().toString());
        assertTrue(fake.ports.engine.containers.values().stream().noneMatch(c -> c.name().equals("api-local")),
                "Disconnect removed the containers on the connection's network");

        // The diagnostics checklist from the palette, before connecting again.
        robot.interact(() -> stage.requestFocus());
        palette(robot, "diagnose kind");
        Wait.until("the diagnostics window", () -> window("Diagnostics — kind-dev") != null);
    }

    @Test
    void ctrlDPinsANamespaceOnTopWithAStarAndItStaysPinnedForThatContext(FxRobot robot) {
        var cluster = fake.app.mainViewModel().cluster();
        Wait.until("the namespaces", () -> cluster.shownNamespaces().size() == 4);
        tabTo(robot, "namespaceList", 40);
        robot.interact(() -> robot.lookup("#namespaceList").queryListView().getSelectionModel().select("payments"));
        robot.press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
        Wait.until("payments on top", () -> cluster.shownNamespaces().getFirst().equals("payments"),
                () -> cluster.shownNamespaces().toString());
        Wait.until("its star", () -> robot.lookup("#namespaceList .list-cell").queryAll().stream()
                .anyMatch(c -> c.lookup(".label") instanceof javafx.scene.control.Label l && "★ payments".equals(l.getText())));
        assertEquals(List.of("payments"), fake.app.mainViewModel().settings().favouriteNamespaces.get("kind-dev"));
        dev.ponte.testsupport.Screenshots.save(robot, fake.view, "namespace-favourite");
    }

    @Test
    void tabMovesThroughTheWindowInTheOrderOfItsLayout(FxRobot robot) {
        Wait.until("the workloads", () -> fake.app.mainViewModel().workloads().items().size() == 3);
        robot.interact(() -> stage.getScene().getRoot().requestFocus());
        List<String> regions = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            robot.type(KeyCode.TAB);
            Node f = stage.getScene().getFocusOwner();
            String region = region(f);
            seen.add(region + ":" + (f == null ? "none" : f.getId() == null ? f.getClass().getSimpleName() : f.getId()));
            if (regions.isEmpty() || !regions.getLast().equals(region)) {
                regions.add(region);
            }
        }
        // Header, then the left (contexts, namespaces), the centre (workloads, pods), the right (connection, local
        // containers, setups), and around again: each region once per round, in that order.
        List<String> order = List.of("header", "left", "centre", "right");
        List<String> firstRound = regions.stream().distinct().toList();
        assertEquals(order, firstRound.stream().filter(order::contains).toList(), "regions in order: " + seen);
        int startOfSecondRound = regions.subList(1, regions.size()).indexOf(regions.getFirst()) + 1;
        List<String> round = startOfSecondRound > 0 ? regions.subList(0, startOfSecondRound) : regions;
        assertEquals(round.stream().distinct().toList(), round, "no region is visited twice in one round: " + seen);
    }

    private String region(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            String id = p.getId();
            if (id != null) {
                switch (id) {
                    case "leftSplit" -> {
                        return "left";
                    }
                    case "centre" -> {
                        return "centre";
                    }
                    case "rightSplit" -> {
                        return "right";
                    }
                    case "recoveryBanner" -> {
                        return "banner";
                    }
                    default -> {
                    }
                }
            }
            if (p.getStyleClass().contains("app-header")) {
                return "header";
            }
        }
        return "other";
    }

    /** Ctrl+K, the query, Enter. */
    private void palette(FxRobot robot, String query) {
        robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
        Wait.until("the palette with the focus in its field", () -> window("Command palette") != null
                && window("Command palette").isFocused() && robot.lookup("#paletteQuery").query().isFocused());
        robot.targetWindow(window("Command palette")); // TestFX writes into its target window's scene
        robot.write(query);
        Wait.until("a result for '" + query + "'", () -> robot.lookup("#paletteResults").queryListView().getItems().size() > 0);
        robot.interact(() -> lastResults = robot.lookup("#paletteResults").queryListView().getItems().stream().limit(4)
                .map(Object::toString).toList().toString() + " query " + robot.lookup("#paletteQuery").queryTextInputControl().getText());
        robot.type(KeyCode.ENTER);
        Wait.until("the palette to close", () -> window("Command palette") == null);
    }

    private void tabTo(FxRobot robot, String id, int most) {
        for (int i = 0; i < most; i++) {
            if (id.equals(focusedId(robot))) {
                return;
            }
            robot.type(KeyCode.TAB);
        }
        assertEquals(id, focusedId(robot), "Tab reaches #" + id);
    }

    private static String focusedId(FxRobot robot) {
        Window w = Window.getWindows().stream().filter(x -> x instanceof Stage && x.isFocused()).reduce((a, b) -> b).orElse(null);
        Node f = w == null || w.getScene() == null ? null : w.getScene().getFocusOwner();
        return f == null ? "" : f.getId() == null ? f.getClass().getSimpleName() : f.getId();
    }

    /** The window with the keyboard: the last focused one (Monocle may leave an owner marked focused too). */
    private static String focusedTitle() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage && w.isFocused()).map(w -> ((Stage) w).getTitle())
                .reduce((a, b) -> b).orElse("none"); // popups (tooltips, a combo box's list) are not where keys go
    }

    private static Window window(String title) {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && title.equals(s.getTitle()) && w.isShowing())
                .findFirst().orElse(null);
    }

    /**
     * When the Run dialog's image box shows a list (its images, or the suggestions for the prefilled image), Esc closes
     * it first, as a user would before going on.
     */
    private void closeImageList(FxRobot robot) {
        for (int i = 0; i < 3 && openList() != null; i++) {
            Window list = openList();
            robot.type(KeyCode.ESCAPE);
            Wait.until("the list to close", () -> !list.isShowing());
        }
    }

    private static Window openList() {
        return Window.getWindows().stream().filter(w -> w instanceof javafx.stage.PopupWindow && w.isShowing()
                && !(w instanceof javafx.scene.control.Tooltip)).findFirst().orElse(null);
    }

    /** The id of the wizard page that shows. */
    private static String page(FxRobot robot) {
        return robot.lookup("#wizardPages").tryQuery().map(p -> ((javafx.scene.Parent) p).getChildrenUnmodifiable().stream()
                .filter(Node::isVisible).map(Node::getId).findFirst().orElse("none")).orElse("no wizard");
    }

    private static boolean visible(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false);
    }

    private static String textOf(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> ((javafx.scene.control.TextInputControl) n).getText()).orElse("");
    }
}
