package dev.ponte.ui.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponte.app.AppContext;
import dev.ponte.devtools.MockCluster;
import dev.ponte.testsupport.FxTestApp;
import dev.ponte.testsupport.Typing;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.clusters.ContextItemViewModel;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.workloads.WorkloadItem;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The real main window against fabric8's mock API server (CRUD mode) through a generated kubeconfig. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private static MockCluster cluster;
    @TempDir
    static Path dir;
    private AppContext app;

    @BeforeAll
    static void startCluster() {
        cluster = MockCluster.start();
        cluster.seedDemo();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Start
    void start(Stage stage) {
        Path kubeconfig = cluster.writeKubeconfig(dir.resolve("config"), "kind-dev", "staging");
        app = FxTestApp.show(stage, FxTestApp.env(kubeconfig.toString()), dir, new UiSettings());
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(app::close);
    }

    /** The workload table's names; none before the workloads pane is built (the centre first shows workloads). */
    private static List<String> workloadNames(FxRobot robot) {
        return robot.lookup("#workloadTable").tryQuery().map(n -> ((TableView<?>) n).getItems().stream()
                .map(i -> ((WorkloadItem) i).get().name()).sorted().toList()).orElse(List.of());
    }

    private static Optional<WorkloadItem> row(FxRobot robot, String name) {
        TableView<WorkloadItem> t = robot.lookup("#workloadTable").queryTableView();
        return t.getItems().stream().filter(i -> i.get().name().equals(name)).findFirst();
    }

    private static void waitForWorkloads(FxRobot robot) {
        Wait.until("the demo workloads of 'default'", () -> workloadNames(robot).containsAll(List.of("api", "redis", "web", "worker")),
                () -> "; table shows " + workloadNames(robot) + ", namespace " + robot.lookup("#workloadNamespace")
                        .tryQuery().map(n -> ((Label) n).getText()).orElse("(no workloads pane yet)") + ", namespaces " + robot.lookup("#namespaceList").queryListView().getItems());
    }

    @Test
    void theWorkloadsPaneIsBuiltWhenWorkloadsFirstShowAndHandsItsSplitToWhoWaitsForIt(FxRobot robot) {
        MainView view = robot.lookup("#mainView").queryAs(MainView.class);
        java.util.concurrent.atomic.AtomicReference<javafx.scene.control.SplitPane> given = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> view.whenWorkloadSplit(given::set)); // as PonteApp restores the saved dividers
        waitForWorkloads(robot);
        Wait.until("the split handed over", () -> given.get() != null);
        assertTrue(given.get() == robot.lookup("#workloadsView").queryAs(dev.ponte.ui.workloads.WorkloadsView.class).split());
        assertTrue(view.workloadSplit().orElseThrow() == given.get());
    }

    @Test
    void listsContextsNamespacesAndWorkloadsWithReadyCounts(FxRobot robot) {
        ListView<ContextItemViewModel> contexts = robot.lookup("#contextList").queryListView();
        Wait.until("two contexts", () -> contexts.getItems().size() == 2);
        assertEquals(List.of("kind-dev", "staging"), contexts.getItems().stream().map(ContextItemViewModel::name).toList());
        assertEquals("kind-dev", contexts.getSelectionModel().getSelectedItem().name(), "current-context preselected");

        ListView<String> namespaces = robot.lookup("#namespaceList").queryListView();
        Wait.until("the namespaces", () -> namespaces.getItems().size() == 4, () -> "; got " + namespaces.getItems());
        assertEquals(List.of("default", "kube-system", "monitoring", "payments"), namespaces.getItems());
        Wait.until("'default' selected", () -> "default".equals(namespaces.getSelectionModel().getSelectedItem()),
                () -> "; list selection " + namespaces.getSelectionModel().getSelectedItem() + ", view-model "
                        + app.mainViewModel().cluster().selectedNamespaceProperty().get());

        waitForWorkloads(robot);
        assertEquals("2/2", ready(robot, "api"));
        assertEquals("1/2", ready(robot, "worker"));
        assertEquals("1/1", ready(robot, "redis"));
        Label status = robot.lookup("#statusContext").queryAs(Label.class);
        assertEquals("kind-dev · Kubernetes " + MockCluster.GIT_VERSION, status.getText());
    }

    private static String ready(FxRobot robot, String name) {
        var w = row(robot, name).orElseThrow(() -> new AssertionError("no row " + name)).get();
        return w.ready() + "/" + w.desired();
    }

    @Test
    void createdDeploymentAppearsAndDeletedOneDisappears(FxRobot robot) {
        waitForWorkloads(robot);
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("late-arrival").withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "late-arrival").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "late-arrival").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("busybox:1.36").endContainer().endSpec()
                .endTemplate().endSpec().build();
        cluster.client().apps().deployments().inNamespace("default").resource(d).create();
        Wait.until("the new Deployment's row", () -> row(robot, "late-arrival").isPresent(),
                () -> "; table shows " + workloadNames(robot));

        cluster.client().apps().deployments().inNamespace("default").withName("late-arrival")
                .edit(x -> new DeploymentBuilder(x).editSpec().withReplicas(4).endSpec().build());
        Wait.until("the scaled count", () -> row(robot, "late-arrival").map(r -> r.get().desired() == 4).orElse(false));

        cluster.client().apps().deployments().inNamespace("default").withName("late-arrival").delete();
        Wait.until("the deleted row to go", () -> row(robot, "late-arrival").isEmpty(),
                () -> "; table shows " + workloadNames(robot));
    }

    @Test
    void namespaceFilterAndSwitchingNamespaceAndContext(FxRobot robot) {
        waitForWorkloads(robot);
        Typing.into(robot, "#namespaceFilter", "pay");
        ListView<String> namespaces = robot.lookup("#namespaceList").queryListView();
        Wait.until("the filtered list", () -> namespaces.getItems().equals(List.of("payments")),
                () -> "; got " + namespaces.getItems());
        robot.clickOn("payments");
        Wait.until("payments' workloads", () -> !workloadNames(robot).isEmpty() && !workloadNames(robot).contains("api"),
                () -> "; table shows " + workloadNames(robot));
        Label ns = robot.lookup("#workloadNamespace").queryAs(Label.class);
        assertEquals("payments", ns.getText());

        robot.clickOn("staging");
        Wait.until("staging reachable", () -> robot.lookup("#statusContext").queryAs(Label.class).getText()
                .equals("staging · Kubernetes " + MockCluster.GIT_VERSION));
        // staging has no remembered namespace: its kubeconfig namespace (default) is shown; the filter stays.
        Wait.until("staging's default namespace", () -> "default".equals(
                app.mainViewModel().cluster().selectedNamespaceProperty().get()));
        assertEquals(List.of("payments"), namespaces.getItems());
        waitForWorkloads(robot);
    }

    @Test
    void workloadSelectionShowsItsPods(FxRobot robot) {
        waitForWorkloads(robot);
        robot.interact(() -> {
            TableView<WorkloadItem> t = robot.lookup("#workloadTable").queryTableView();
            t.getSelectionModel().select(row(robot, "web").orElseThrow());
        });
        TableView<?> pods = robot.lookup("#podTable").queryTableView();
        Wait.until("web's 3 pods", () -> pods.getItems().size() == 3, () -> "; got " + pods.getItems().size());
    }

    @Test
    void logsOfAWorkloadOpenInTheLogWindowAndRunNeedsAConnection(FxRobot robot) {
        waitForWorkloads(robot);
        robot.interact(() -> robot.lookup("#workloadTable").<WorkloadItem>queryTableView().getSelectionModel()
                .select(row(robot, "api").orElseThrow()));
        robot.clickOn(robot.lookup("#workloadTable .table-row-cell").nth(0).queryAs(javafx.scene.Node.class)).press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.L)
                .release(javafx.scene.input.KeyCode.L, javafx.scene.input.KeyCode.CONTROL);
        Wait.until("the log window with a tab for api", () -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && "Ponte — Logs".equals(s.getTitle())).findFirst()
                .map(w -> ((javafx.scene.control.TabPane) w.getScene().getRoot()).getTabs().stream()
                        .anyMatch(t -> t.getText().contains("api"))).orElse(false));
        assertTrue(robot.lookup("#headerRunButton").queryButton().isDisabled(), "Run locally needs a connection");
        assertTrue(robot.lookup("#localEmpty").queryAs(Label.class).getText().startsWith("Connect to run"));
        robot.interact(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && "Ponte — Logs".equals(s.getTitle())).toList().forEach(javafx.stage.Window::hide));
    }
}
