package dev.ponte.ui.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.Journal;
import dev.ponte.testsupport.FakeApp;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.common.LazyScrollPane;
import dev.ponte.ui.common.LazyTextField;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Path;
import java.time.Clock;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Two controls of the window's first frame wait for JavaFX's skins in the real window (issue 15): the connection
 * panel's scroll pane, whose panel fits, until the window is too short for it; and the namespace filter, empty and not
 * the first to take the focus, until it is clicked.
 */
@ExtendWith(ApplicationExtension.class)
class FirstFrameLightControlsTest {
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
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(fake.app::close);
    }

    @Test
    void theFittingConnectionPanelIsShownWithoutTheScrollSkinUntilTheWindowIsTooShort(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        LazyScrollPane scroll = robot.lookup("#connectionScroll").queryAs(LazyScrollPane.class);
        assertTrue(scroll.getContent().isVisible() && scroll.getContent().getLayoutBounds().getHeight() > 0,
                "the panel is shown");
        assertFalse(scroll.scrollSkinBuilt(), "no scroll skin while the panel fits");
        robot.interact(() -> stage.setHeight(300));
        Wait.until("the scroll skin once the panel is taller than its pane", scroll::scrollSkinBuilt);
    }

    @Test
    void theNamespaceFilterWaitsForItsTextSkinUntilItIsClicked(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        LazyTextField filter = robot.lookup("#namespaceFilter").queryAs(LazyTextField.class);
        assertFalse(filter.isFocused(), "another control takes the window's first focus");
        assertFalse(filter.textSkinBuilt(), "no text skin while the filter is empty and unfocused");
        robot.clickOn(filter);
        Wait.until("the text skin once the filter is clicked", filter::textSkinBuilt);
        assertTrue(filter.isFocused());
    }
}
