package dev.ponte.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine.RunSpec;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.Screenshots;
import dev.ponte.testsupport.Typing;
import dev.ponte.testsupport.Wait;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Run dialog: prefilled from a workload, validated as the user types, and what Run starts. */
@ExtendWith(ApplicationExtension.class)
class RunDialogTest {
    private final FakeRunBackend backend = new FakeRunBackend();
    private RunDialogViewModel vm;
    private RunDialogView view;

    @Start
    void start(Stage stage) {
        vm = new RunDialogViewModel(backend, new DirectTaskRunner(), Runnable::run, backend.connection, Set.of("web-local"));
        vm.loadImages();
        vm.prefillFrom("shop", WorkloadKind.DEPLOYMENT, "api");
        view = new RunDialogView(vm);
        Scene scene = new Scene(view, 680, 760);
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        javafx.application.Application.setUserAgentStylesheet(Boolean.getBoolean("ponte.dark")
                ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS()
                : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
        stage.setScene(scene);
        stage.show();
    }

    /** Replaces a field's text by typing, as a user would after selecting all. */
    private static void replace(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(javafx.scene.control.TextInputControl.class).clear());
        Typing.into(robot, id, text);
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void prefilledFromTheWorkloadThenValidatedAndRun(FxRobot robot) {
        assertEquals("acme/api:1.4", vm.image.get(), "the workload's image");
        assertEquals("api-local", robot.lookup("#runName").queryAs(TextField.class).getText());
        assertEquals("api", vm.envFrom.get().container());
        assertEquals("8080", vm.ports().getFirst().containerPort.get());
        assertTrue(vm.imageChoices().containsAll(List.of("acme/api:dev", "postgres:16")), vm.imageChoices().toString());
        assertTrue(vm.resourcesFromWorkload.get());
        assertEquals("0.50 CPU, 256 MiB", vm.resourcesText());
        Screenshots.save(robot, view, "run-dialog-prefilled");

        replace(robot, "#runName", "web-local");
        Wait.until("the name error", () -> text(robot, "#runNameError").contains("exists already"));
        assertTrue(robot.lookup("#runSubmit").queryAs(Button.class).isDisabled());
        replace(robot, "#runName", "-bad");
        Wait.until("the rule", () -> text(robot, "#runNameError").startsWith("Letters, digits"));
        replace(robot, "#runImageEditor", "acme/API:dev");
        Wait.until("the image error", () -> !text(robot, "#runImageError").isEmpty());
        Screenshots.save(robot, view, "run-dialog-invalid");

        replace(robot, "#runImageEditor", "acme/api:dev");
        robot.clickOn("#runName"); // as a user would: the click also closes the image suggestions
        replace(robot, "#runName", "api-local");
        // Below the fold of the scroll pane: fire it as the keyboard would (Tab to it, Space).
        robot.interact(() -> robot.lookup("#runAddEnv").queryButton().fire());
        robot.interact(() -> {
            vm.env().getLast().key.set("LOG_LEVEL");
            vm.env().getLast().value.set("debug");
        });
        Wait.until("Run enabled", () -> !robot.lookup("#runSubmit").queryAs(Button.class).isDisabled());
        robot.clickOn("#runSubmit");
        Wait.until("the result", () -> robot.lookup("#runResult").queryAs(Label.class).isVisible(),
                () -> "problem: " + text(robot, "#runProblem") + " steps: " + vm.steps().stream().map(i -> i.get().toString()).toList());
        assertTrue(text(robot, "#runResult").startsWith("api-local runs at 10.18.0."), text(robot, "#runResult"));
        assertTrue(text(robot, "#runResult").contains("DB_PASSWORD"), "values not copied are named");
        RunSpec spec = backend.engine.runSpecs.get("api-local");
        assertEquals("acme/api:dev", spec.image());
        assertEquals("debug", spec.env().get("LOG_LEVEL"), "typed value overrides the copied one");
        assertEquals("postgres.shop", spec.env().get("DB_HOST"));
        assertEquals(500_000_000L, spec.nanoCpus());
        assertEquals(backend.connection.cargoIp(), backend.engine.gateways.get("api-local"));
        assertEquals(List.of("127.0.0.1"), spec.ports().stream().map(p -> p.hostIp()).toList(),
                "the workload's port is published on 127.0.0.1 only: the container holds copied Secret values");
        Screenshots.save(robot, view, "run-dialog-done");
    }

    @Test
    void allInterfacesIsAPerPortChoiceThatSaysWhyItIsRisky(FxRobot robot) {
        Wait.until("the workload's port", () -> vm.ports().size() == 1);
        javafx.scene.control.Label risk = robot.lookup("#runPortRisk").queryAs(Label.class);
        assertFalse(risk.isVisible(), "no warning while every port is on 127.0.0.1");
        javafx.scene.control.CheckBox all = robot.lookup(".run-port-all").queryAs(javafx.scene.control.CheckBox.class);
        assertFalse(all.isSelected(), "all interfaces is never the default");
        String tip = dev.ponte.ui.common.Tips.text(all);
        assertTrue(tip.contains("Anyone who can reach this computer"), tip);
        robot.interact(() -> robot.lookup("#runAddPort").queryButton().fire());
        robot.interact(() -> {
            vm.ports().getLast().hostPort.set("9090");
            vm.ports().getLast().containerPort.set("9090");
        });
        robot.interact(all::fire);
        Wait.until("the warning", risk::isVisible);
        assertTrue(risk.getText().startsWith("Port 8080 is open to anyone who can reach this computer"), risk.getText());
        assertTrue(risk.getText().contains("the environment of deployment/api (container api), which may include Secret values"), risk.getText());
        Screenshots.save(robot, view, "run-dialog-all-interfaces");

        Wait.until("Run enabled", () -> !robot.lookup("#runSubmit").queryAs(Button.class).isDisabled());
        robot.interact(() -> robot.lookup("#runSubmit").queryButton().fire());
        Wait.until("the result", () -> backend.engine.runSpecs.containsKey("api-local"),
                () -> "problem: " + text(robot, "#runProblem"));
        assertEquals(List.of("0.0.0.0:8080", "127.0.0.1:9090"), backend.engine.runSpecs.get("api-local").ports().stream()
                .map(p -> p.hostIp() + ":" + p.hostPort()).sorted().toList());
    }

    @Test
    void aFailedRunKeepsTheFormAndSaysWhy(FxRobot robot) {
        backend.engine.execScript = cmd -> cmd.contains("ping")
                ? new dev.ponte.core.port.ContainerEngine.ExecResult(1, "") : new dev.ponte.core.port.ContainerEngine.ExecResult(0, "");
        Typing.into(robot, "#runCommand", "npm run dev -- --port 8080");
        robot.clickOn("#runSubmit");
        Wait.until("the problem", () -> robot.lookup("#runProblem").queryAs(Label.class).isVisible());
        assertTrue(text(robot, "#runProblem").startsWith("The tunnel is down"), text(robot, "#runProblem"));
        assertEquals("npm run dev -- --port 8080", robot.lookup("#runCommand").queryAs(TextField.class).getText());
        assertEquals(List.of("npm", "run", "dev", "--", "--port", "8080"), dev.ponte.core.run.RunInput.splitCommand(vm.command.get()));
        assertFalse(robot.lookup("#runSubmit").queryAs(Button.class).isDisabled(), "can run again");
        assertFalse(backend.engine.containers.containsKey("api-local"));
        Screenshots.save(robot, view, "run-dialog-failed");
    }
}
