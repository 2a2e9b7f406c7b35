package dev.ponte.ui.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.controls.Message;
import dev.ponte.core.bridge.TestRequestSender;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.testsupport.Typing;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Page;
import dev.ponte.ui.common.FxTaskRunner;
import dev.ponte.ui.diagnostics.BothThemes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The wizard's checks against the cluster as it is (issue 14): a rule that overlaps bob's bridge on the same mount is
 * warned about on the rules and review pages, and the review page's Send test request shows who answered.
 */
@ExtendWith(ApplicationExtension.class)
class WizardChecksViewTest {
    private final FakeBridgeBackend backend = new FakeBridgeBackend();
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "wizard-checks-test");
        t.setDaemon(true);
        return t;
    });
    private BridgeWizardViewModel vm;
    private BridgeWizardView view;

    @Start
    void start(Stage stage) {
        backend.mount = new BridgeMount("api-shop-x1y2z", "shop", "deployment/api", "api", "ACTIVE", null, Instant.EPOCH, "ponte0b0b000001");
        backend.bridgesOnMount = 1;
        backend.onMount.add(new Bridge("bob-api", "api-shop-x1y2z", "ponte0b0b000001", "bob-app", "10.20.0.3", List.of("8000:8080"),
                new MatchRules(List.of(new MatchRules.RuleSet(List.of(new MatchRules.Header("x-user", "bob", MatchRules.Type.EXACT))))),
                Map.of(), "ACTIVE", null, Instant.EPOCH));
        backend.shots = List.of(
                new TestRequestSender.Shot("rule set 1", true, "curl -H 'x-user: bob' http://api.shop.svc.cluster.local:80/", 200,
                        List.of("HTTP/1.1 200 OK", "x-served-by: api-7d9c5-aaaaa", "{\"user\":\"bob\"}"), TestRequestSender.Answer.CLUSTER, TestRequestSender.Answer.CLUSTER,
                        "no packet reached 10.18.0.2:8000; the answer came from the cluster"),
                new TestRequestSender.Shot("no rule set", false, "curl http://api.shop.svc.cluster.local:80/", 200,
                        List.of("HTTP/1.1 200 OK", "x-served-by: api-7d9c5-bbbbb", "{\"user\":null}"), TestRequestSender.Answer.CLUSTER, TestRequestSender.Answer.CLUSTER,
                        "no packet reached 10.18.0.2:8000; the answer came from the cluster"));
        vm = new BridgeWizardViewModel(backend, new FxTaskRunner(pool), Platform::runLater,
                p -> CompletableFuture.completedFuture(Optional.empty()), "shop", WorkloadKind.DEPLOYMENT, "api");
        view = new BridgeWizardView(vm);
        Scene scene = new Scene(view, 900, 760);
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        vm.load();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void anOverlapWithBobsBridgeIsNamedAndTheTestRequestShowsWhoAnswered(FxRobot robot) {
        Wait.until("the container api to be chosen", () -> robot.lookup("#container-api").queryAs(RadioButton.class).isSelected());
        robot.clickOn("#wizardNext");
        Wait.until("the ports page", () -> vm.pageProperty().get() == Page.PORTS);
        TextField port = robot.lookup("#localPort-8080").queryAs(TextField.class);
        robot.interact(port::clear);
        Typing.into(robot, "#localPort-8080", "8000");
        robot.clickOn("#port-9090");
        robot.clickOn("#wizardNext");
        Wait.until("api-local", () -> robot.lookup("#local-api-local").queryAs(RadioButton.class).isSelected());
        robot.clickOn("#wizardNext");
        Wait.until("the rules page", () -> vm.pageProperty().get() == Page.RULES);
        Typing.into(robot, "#matchName-1-1", "x-user");
        Typing.into(robot, "#matchValue-1-1", "bob");
        Message overlap = robot.lookup("#rulesOverlap").queryAs(Message.class);
        Wait.until("the overlap warning", overlap::isVisible);
        assertEquals("Your rule set 1 overlaps bridge bob-api of client ponte0b0b000001 (to bob-app, its rule set 1): a request to "
                + "/ with x-user: bob matches both, and Carrier2 sends it to only one of you.", vm.checks().overlapProperty().get());
        BothThemes.save(robot, view, "bridge-wizard-overlap");

        robot.clickOn("#wizardNext");
        Wait.until("the review page", () -> vm.pageProperty().get() == Page.REVIEW);
        assertTrue(robot.lookup("#reviewOverlap").queryAs(Message.class).isVisible());
        robot.clickOn("#reviewTestButton");
        VBox results = robot.lookup("#reviewTestResults").queryAs(VBox.class);
        Wait.until("the results", () -> results.getChildren().size() == 2);
        assertEquals(List.of("api:8080 -> api-local:8000 1 set(s), not bridged yet"), backend.testRequests);
        BothThemes.save(robot, view, "bridge-wizard-test-request");
        robot.interact(() -> vm.rules().sets().getFirst().matches().getFirst().value.set("carol"));
        Wait.until("the overlap to go", () -> vm.checks().overlapProperty().get().isEmpty());
    }
}
