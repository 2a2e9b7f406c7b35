package dev.ponte.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.testsupport.FakeApp;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Control;
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
 * Every icon-only control (a button whose text is a symbol — ↻, ★, ⋯, ◐, ×, ⌘K — or none) has an accessible name
 * for screen readers and a tooltip for everyone else: in the main window with a connection, a container, a bridge and a
 * setup on show, and in the Run dialog.
 */
@ExtendWith(ApplicationExtension.class)
class AccessibilityTest {
    @TempDir
    static Path dir;
    private FakeApp fake;

    @Start
    void start(Stage stage) {
        Path home = dir.resolve(java.util.UUID.randomUUID().toString());
        FakePorts ports = FakeApp.ports(home, "kind-dev");
        UiSettings settings = new UiSettings();
        fake = FakeApp.show(stage, home, ports, Journal.inMemory(Clock.systemUTC()), settings, 1280, 800);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> Window.getWindows().stream().filter(w -> w != fake.scene.getWindow()).toList().forEach(Window::hide));
        robot.interact(fake.app::close);
    }

    @Test
    void everyIconOnlyControlHasAnAccessibleNameAndATooltip(FxRobot robot) throws Exception {
        var main = fake.app.mainViewModel();
        Wait.until("the workloads", () -> main.workloads().items().size() == 3);
        robot.interact(() -> main.connection().connect());
        Wait.until("Connected", () -> main.connection().stateProperty().get() == ConnectionState.CONNECTED);
        Connection conn = main.connection().connectionProperty().get();
        fake.app.core().runs.run(new RunRequest(conn, "api-local", "acme/api:dev", List.of(), "default", java.util.Map.of(), null,
                List.of(), List.of(), false, 0, 0, Duration.ofSeconds(5)), e -> { }).run(Progress.NONE, new CancellationToken());
        fake.app.core().local.refresh(conn.name());
        Wait.until("the container", () -> main.local().items().size() == 1);
        var state = fake.app.core().local.state(conn.name());
        fake.app.core().setups.saveFrom("kind-dev", "api", state, "api-local");
        Wait.until("the setup", () -> main.setups().setups().size() == 1);
        robot.interact(() -> main.cluster().toggleFavourite("payments"));

        List<String> missing = new ArrayList<>();
        int[] iconOnly = {0};
        robot.interact(() -> check(fake.scene.getRoot(), missing, iconOnly));
        assertTrue(iconOnly[0] >= 5, "the check found the icon-only controls (" + iconOnly[0] + ")");

        robot.interact(() -> fake.view.openRunDialog(null));
        Wait.until("the Run dialog", () -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s
                && "Run locally".equals(s.getTitle()) && s.isShowing()));
        robot.interact(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && "Run locally".equals(s.getTitle()))
                .forEach(w -> check(w.getScene().getRoot(), missing, iconOnly)));
        assertEquals(List.of(), missing, "icon-only controls without an accessible name or a tooltip");
    }

    private static void check(Node n, List<String> missing, int[] count) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof ButtonBase b && iconOnly(b.getText())) {
            count[0]++;
            String what = (b.getId() == null ? b.getClass().getSimpleName() : "#" + b.getId()) + " '" + b.getText() + "'";
            if (b.getAccessibleText() == null || b.getAccessibleText().isBlank()) {
                missing.add(what + ": no accessible name");
            }
            if (dev.ponte.ui.common.Tips.text((Control) b) == null) {
                missing.add(what + ": no tooltip");
            }
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> check(c, missing, count));
        }
    }

    /** A symbol, or a symbol with a key letter (⌘K): no word a screen reader could read. */
    private static boolean iconOnly(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        long letters = text.codePoints().filter(Character::isLetter).count();
        return letters <= 1;
    }
}
