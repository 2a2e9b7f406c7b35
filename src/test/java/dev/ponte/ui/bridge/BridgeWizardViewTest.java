package dev.ponte.ui.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.controls.Message;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.testsupport.Screenshots;
import dev.ponte.testsupport.Typing;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Outcome;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Page;
import dev.ponte.ui.common.FxTaskRunner;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard driven end to end through its controls against an in-memory backend, on real
 * background threads; screenshots of every page (-Dponte.dark=true draws them dark).
 */
@ExtendWith(ApplicationExtension.class)
class BridgeWizardViewTest {
    private static final String THEME = Boolean.getBoolean("ponte.dark") ? "dark" : "light";
    private final FakeBridgeBackend backend = new FakeBridgeBackend();
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "bridge-wizard-test");
        t.setDaemon(true);
        return t;
    });
    private BridgeWizardViewModel vm;
    private BridgeWizardView view;
    private boolean closed;

    @Start
    void start(Stage stage) {
        RunLauncher launcher = p -> {
            backend.locals.add(FakeBridgeBackend.local("api-dev", "running", "10.18.0.7"));
            return CompletableFuture.completedFuture(Optional.of("api-dev"));
        };
        vm = new BridgeWizardViewModel(backend, new FxTaskRunner(pool), Platform::runLater, launcher, "shop", WorkloadKind.DEPLOYMENT, "api");
        view = new BridgeWizardView(vm);
        view.setOnClose(() -> closed = true);
        Scene scene = new Scene(view, 900, 720);
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        javafx.application.Application.setUserAgentStylesheet(Boolean.getBoolean("ponte.dark")
                ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS()
                : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
        stage.setScene(scene);
        stage.show();
        vm.load();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private void shot(FxRobot robot, String page) {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(robot, view, "bridge-wizard-" + page + "-" + THEME);
    }

    private static <T extends Node> T node(FxRobot robot, String id, Class<T> type) {
        return robot.lookup(id).queryAs(type);
    }

    private void waitPage(Page page) {
        Wait.until("the " + page + " page", () -> vm.pageProperty().get() == page, () -> "; on " + vm.pageProperty().get());
    }

    private void replace(FxRobot robot, String id, String text) {
        TextField field = node(robot, id, TextField.class);
        robot.interact(field::clear);
        Typing.into(robot, id, text);
    }

    /** Target → Ports (8080 → 8000 only) → Local (api-local) → Rules. */
    private void walkToRules(FxRobot robot) {
        Wait.until("the container api to be chosen", () -> node(robot, "#container-api", RadioButton.class).isSelected());
        robot.clickOn("#wizardNext");
        waitPage(Page.PORTS);
        replace(robot, "#localPort-8080", "8000");
        robot.clickOn("#port-9090");
        robot.clickOn("#wizardNext");
        waitPage(Page.LOCAL);
        Wait.until("api-local to be chosen", () -> node(robot, "#local-api-local", RadioButton.class).isSelected());
        robot.clickOn("#wizardNext");
        waitPage(Page.RULES);
    }

    @Test
    void bridgesEndToEndWithAnInvalidRegexCaughtOnTheWay(FxRobot robot) {
        Wait.until("the containers", () -> robot.lookup("#containerReason-envoy").tryQuery().isPresent());
        assertTrue(node(robot, "#containerReason-envoy", Label.class).getText().startsWith("Has exec probes"));
        assertTrue(node(robot, "#container-envoy", RadioButton.class).isDisabled());
        Wait.until("the mount note", () -> node(robot, "#mountNote", Label.class).getText().startsWith("Ponte will prepare it"));
        shot(robot, "1-target");

        Wait.until("the container api to be chosen", () -> node(robot, "#container-api", RadioButton.class).isSelected());
        robot.clickOn("#wizardNext");
        waitPage(Page.PORTS);
        assertTrue(node(robot, "#port-8125", CheckBox.class).isDisabled(), "UDP is not offered");
        replace(robot, "#localPort-8080", "0");
        Wait.until("the port error", () -> node(robot, "#localPortError-8080", Label.class).isVisible());
        assertTrue(node(robot, "#wizardNext", Button.class).isDisabled());
        replace(robot, "#localPort-8080", "8000");
        robot.clickOn("#port-9090");
        assertFalse(node(robot, "#wizardNext", Button.class).isDisabled());
        shot(robot, "2-ports");

        robot.type(KeyCode.ENTER); // Enter = Next
        waitPage(Page.LOCAL);
        Wait.until("the local containers", () -> robot.lookup("#localReason-worker-local").tryQuery().isPresent());
        assertTrue(node(robot, "#local-worker-local", RadioButton.class).isDisabled());
        assertTrue(node(robot, "#local-stray", RadioButton.class).isDisabled());
        robot.clickOn("#runOneNow");
        Wait.until("the container run from the wizard to be chosen",
                () -> robot.lookup("#local-api-dev").tryQuery().map(n -> ((RadioButton) n).isSelected()).orElse(false));
        robot.clickOn("#local-api-local");
        shot(robot, "3-local");
        robot.clickOn("#wizardNext");
        waitPage(Page.RULES);

        robot.clickOn("#matchType-1-1");
        robot.clickOn("regex");
        Wait.until("the regex type", () -> vm.rules().sets().getFirst().matches().getFirst().type.get() == MatchRules.Type.REGEX);
        Typing.into(robot, "#matchName-1-1", "X-User");
        Typing.into(robot, "#matchValue-1-1", "^(?!bob)");
        Wait.until("the regex error", () -> node(robot, "#matchValueError-1-1", Label.class).isVisible());
        assertTrue(node(robot, "#matchValueError-1-1", Label.class).getText().startsWith("Look-ahead and look-behind"));
        assertTrue(node(robot, "#wizardNext", Button.class).isDisabled());
        assertTrue(node(robot, "#step-review", Node.class).isDisabled(), "Review cannot be reached");
        assertTrue(node(robot, "#wizardReason", Label.class).getText().startsWith("Look-ahead"));
        shot(robot, "4-rules-error");

        replace(robot, "#matchValue-1-1", "^alice$");
        Wait.until("the error to go", () -> !node(robot, "#matchValueError-1-1", Label.class).isVisible());
        robot.clickOn("#addRuleSet");
        Wait.until("a second rule set", () -> robot.lookup("#matchTarget-2-1").tryQuery().isPresent());
        robot.clickOn("#matchTarget-2-1");
        robot.clickOn("Path");
        robot.clickOn("#matchType-2-1");
        robot.clickOn("prefix");
        Typing.into(robot, "#matchValue-2-1", "/beta");
        Wait.until("the summary", () -> node(robot, "#rulesSummary", Label.class).getText().startsWith("Requests that match any of:"));
        assertEquals("Requests that match any of: (1) a header whose name matches the pattern x-user and whose value matches ^alice$; "
                + "(2) a path starting with /beta — go to your container api-local; all others go to the cluster.",
                node(robot, "#rulesSummary", Label.class).getText());
        assertEquals("# rule set 1\ncurl -H 'x-user: alice' http://api.shop.svc.cluster.local:80/\n# rule set 2\n"
                + "curl http://api.shop.svc.cluster.local:80/beta", node(robot, "#curlLine", TextArea.class).getText());
        assertTrue(node(robot, "#matchNote-1-1", Label.class).getText().contains("sent as x-user"));
        // Monocle's headless clipboard keeps nothing, so only that Copy is offered is checked here.
        assertFalse(node(robot, "#copyCurl", Button.class).isDisabled());
        shot(robot, "5-rules");

        robot.clickOn("#wizardNext");
        waitPage(Page.REVIEW);
        assertEquals("8080 → 8000", node(robot, "#review-ports", Label.class).getText());
        assertTrue(node(robot, "#review-local-container", Label.class).getText().startsWith("api-local · local/api-local:dev · 10.18.0.2"));
        shot(robot, "6-review");

        backend.gate = new CountDownLatch(1);
        robot.type(KeyCode.ENTER); // Enter = Bridge
        waitPage(Page.PROGRESS);
        ListView<?> lines = node(robot, "#progressLines", ListView.class);
        Wait.until("the operator's messages", () -> lines.getItems().size() == 6, () -> "; shows " + lines.getItems());
        assertEquals("Mount ACTIVE: Carrier2 is running in 2 pods", lines.getItems().get(3));
        assertTrue(node(robot, "#wizardCancel", Button.class).isVisible());
        shot(robot, "7-progress");
        backend.gate.countDown();
        Wait.until("ACTIVE", () -> vm.outcomeProperty().get() == Outcome.ACTIVE);
        assertEquals("Bridge active", node(robot, "#progressState", Label.class).getText());
        assertTrue(node(robot, "#bridgeResult", Message.class).isVisible());
        assertFalse(node(robot, "#wizardCancel", Button.class).isVisible());
        assertEquals(8000, backend.plans.getFirst().ports().getFirst().localPort());
        assertEquals(2, backend.plans.getFirst().rules().sets().size());
        shot(robot, "8-active");
        robot.type(KeyCode.ENTER); // Enter = Close
        Wait.until("the wizard to close", () -> closed);
    }

    @Test
    void aFailureShowsTheAdviceAndGoingBackKeepsTheInputs(FxRobot robot) {
        walkToRules(robot);
        Typing.into(robot, "#matchName-1-1", "x-user");
        Typing.into(robot, "#matchValue-1-1", "alice");
        robot.type(KeyCode.ENTER);
        waitPage(Page.REVIEW);
        backend.bridgeFailure = new PonteException(new Problem(Problem.Kind.UNKNOWN, "Carrier2 cannot run on these nodes",
                "The operator said: exec format error", "Gefyra's Carrier2 image exists for amd64 only; the workload's pods run on "
                + "another architecture (for example arm64). Bridge a workload scheduled on amd64 nodes."));
        robot.clickOn("#wizardBridge");
        Wait.until("the failure", () -> vm.outcomeProperty().get() == Outcome.FAILED);
        Message problem = node(robot, "#bridgeProblem", Message.class);
        assertTrue(problem.isVisible());
        assertEquals("Carrier2 cannot run on these nodes", problem.getTitle());
        assertTrue(problem.getDescription().contains("Bridge a workload scheduled on amd64 nodes."));
        assertEquals("Bridge failed", node(robot, "#progressState", Label.class).getText());
        shot(robot, "9-failed");

        robot.clickOn("#wizardBack");
        waitPage(Page.REVIEW);
        robot.clickOn("#step-rules");
        waitPage(Page.RULES);
        assertEquals("alice", node(robot, "#matchValue-1-1", TextField.class).getText());
        robot.clickOn("#step-ports");
        waitPage(Page.PORTS);
        assertEquals("8000", node(robot, "#localPort-8080", TextField.class).getText());
        assertFalse(node(robot, "#port-9090", CheckBox.class).isSelected());

        backend.bridgeFailure = null;
        robot.clickOn("#step-review");
        waitPage(Page.REVIEW);
        robot.clickOn("#wizardBridge");
        Wait.until("ACTIVE", () -> vm.outcomeProperty().get() == Outcome.ACTIVE);
        assertEquals(backend.plans.get(0), backend.plans.get(1));
    }

    @Test
    void escapeCancelsARunningBridge(FxRobot robot) {
        walkToRules(robot);
        Typing.into(robot, "#matchName-1-1", "x-user");
        robot.clickOn("#matchType-1-1");
        robot.clickOn("prefix");
        robot.clickOn("#wizardNext");
        waitPage(Page.REVIEW);
        backend.gate = new CountDownLatch(1);
        robot.clickOn("#wizardBridge");
        Wait.until("the operator's messages", () -> vm.progress().size() == 6);
        robot.type(KeyCode.ESCAPE);
        Wait.until("the cancellation", () -> vm.outcomeProperty().get() == Outcome.FAILED);
        assertEquals(Problem.Kind.CANCELLED, vm.problemProperty().get().kind());
        assertEquals("Cancelled", node(robot, "#progressState", Label.class).getText());
        assertFalse(closed, "Esc cancelled the operation; it did not close the window");
        assertEquals(List.of(new MatchRules.Header("x-user", "", MatchRules.Type.PREFIX)),
                backend.plans.getFirst().rules().sets().getFirst().matches());
    }

    @Test
    void noReadyPodsIsABlockingMessageWithTheNextStep(FxRobot robot) {
        Wait.until("the container api to be chosen", () -> node(robot, "#container-api", RadioButton.class).isSelected());
        dev.ponte.core.port.WorkloadInspector.WorkloadDetail ready = backend.detail;
        backend.detail = new dev.ponte.core.port.WorkloadInspector.WorkloadDetail(WorkloadKind.DEPLOYMENT, "shop", "api",
                ready.containers(), 2, 0, true);
        robot.interact(vm::load);
        Wait.until("the blocking message", () -> node(robot, "#blockingMessage", Message.class).isVisible());
        assertTrue(node(robot, "#blockingMessage", Message.class).getDescription().contains("--replicas=1"));
        assertTrue(node(robot, "#rolloutNote", Message.class).isVisible());
        assertTrue(node(robot, "#wizardNext", Button.class).isDisabled());
        assertEquals("api has no ready pods", node(robot, "#wizardReason", Label.class).getText());
        shot(robot, "0-no-ready-pods");

        backend.detail = ready;
        robot.clickOn("#targetRefresh");
        Wait.until("the message to go", () -> !node(robot, "#blockingMessage", Message.class).isVisible());
        assertFalse(node(robot, "#wizardNext", Button.class).isDisabled());
        robot.clickOn("#wizardCancel");
        assertTrue(closed, "Cancel closes the wizard while editing");
    }
}
