package dev.ponte.ui.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ponte.core.model.WorkloadKind;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.common.FxTaskRunner;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The wizard's window: one per workload, and what was typed survives closing it. */
@ExtendWith(ApplicationExtension.class)
class BridgeWizardTest {
    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bridge-wizard-window-test");
        t.setDaemon(true);
        return t;
    });
    private final BridgeWizard wizard = new BridgeWizard(new FakeBridgeBackend(), new FxTaskRunner(pool), Platform::runLater,
            p -> CompletableFuture.completedFuture(Optional.empty()));

    @Start
    void start(Stage stage) {
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private Stage open(FxRobot robot) {
        Stage[] stage = new Stage[1];
        robot.interact(() -> stage[0] = wizard.open(null, "shop", WorkloadKind.DEPLOYMENT, "api"));
        return stage[0];
    }

    @Test
    void closingAndReopeningKeepsWhatWasTyped(FxRobot robot) {
        Stage first = open(robot);
        assertSame(first, open(robot), "a second open brings the same window to the front");
        Wait.until("the container api", () -> robot.lookup("#container-api").queryAs(RadioButton.class).isSelected());
        robot.clickOn("#wizardNext");
        Wait.until("the ports page", () -> wizard.viewModel("shop", WorkloadKind.DEPLOYMENT, "api").pageProperty().get()
                == BridgeWizardViewModel.Page.PORTS);
        TextField port = robot.lookup("#localPort-8080").queryAs(TextField.class);
        robot.interact(() -> port.setText("8000")); // typing is covered by BridgeWizardViewTest
        robot.clickOn("#wizardCancel");
        Wait.until("the window to close", () -> !first.isShowing());

        Stage second = open(robot);
        assertNotSame(first, second);
        Wait.until("the ports page again", () -> robot.lookup("#localPort-8080").queryAs(TextField.class).isVisible());
        assertEquals("8000", robot.lookup("#localPort-8080").queryAs(TextField.class).getText());
        assertFalse(robot.lookup("#wizardNext").queryButton().isDisabled());
        robot.interact(second::close);
    }
}
