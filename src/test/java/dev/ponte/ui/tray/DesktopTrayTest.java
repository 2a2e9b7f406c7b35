package dev.ponte.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.status.ConnectionStatus;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.status.StatusBoard;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.common.UiSettings;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The tray as the app wires it, where the desktop has none (the tests run AWT headless): closing the window while
 * connected asks instead of hiding, and Cancel keeps Ponte open; with nothing up, closing just closes.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopTrayTest {
    private final StatusBoard board = new StatusBoard();
    private final UiSettings settings = new UiSettings();
    private final AtomicInteger saved = new AtomicInteger();
    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path dir;
    private Stage stage;
    private DesktopTray tray;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
        var service = new dev.ponte.testsupport.FakePorts(dir, "kind-dev").inlineService(new dev.ponte.testsupport.ManualScheduler());
        tray = DesktopTray.start(stage, board, service, settings, saved::incrementAndGet,
                java.util.concurrent.CompletableFuture.completedFuture(java.util.Optional.empty()));
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(tray::close);
    }

    private boolean close(FxRobot robot) {
        AtomicBoolean consumed = new AtomicBoolean();
        robot.interact(() -> {
            WindowEvent e = new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST);
            tray.onCloseRequest(e);
            consumed.set(e.isConsumed());
        });
        return consumed.get();
    }

    @Test
    void withoutATrayClosingWhileConnectedAsksAndCancelKeepsPonteOpen(FxRobot robot) throws Exception {
        assertFalse(tray.ready().get(15, TimeUnit.SECONDS), "no tray when AWT is headless");
        robot.interact(() -> board.update(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTED, "")));
        assertTrue(close(robot), "the close is held until the user answers");
        Wait.until("the quit question", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(pane.getContentText().startsWith("kind-dev is connected."), pane.getContentText());
        assertEquals(java.util.List.of("Disconnect and quit", "Quit and leave them running", "Don't quit"),
                pane.getButtonTypes().stream().map(b -> b.getText()).toList());
        robot.clickOn((Button) pane.lookupButton(pane.getButtonTypes().get(2)));
        Wait.until("the question to close", () -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
        assertTrue(stage.isShowing(), "Cancel keeps the window");
        assertEquals(0, saved.get(), "no hint was shown, so nothing to remember");
    }

    @Test
    void withNothingUpClosingJustCloses(FxRobot robot) throws Exception {
        tray.ready().get(15, TimeUnit.SECONDS);
        robot.interact(() -> board.update(ConnectionStatus.of("kind-dev", ConnectionState.NOT_CONNECTED, "")));
        assertFalse(close(robot), "the window closes and JavaFX's implicit exit ends the app");
    }
}
