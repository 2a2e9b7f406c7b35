package dev.ponte.ui.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.bridge.TestRequestSender;
import dev.ponte.core.cleanup.CleanupAssistant;
import dev.ponte.core.cleanup.Leftover;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.connections.LocalConnections;
import dev.ponte.core.diagnostics.DiagnosticsService;
import dev.ponte.core.diagnostics.FakeHost;
import dev.ponte.core.gefyra.Bridge;
import dev.ponte.core.gefyra.BridgeMount;
import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.lifecycle.FakeGefyraCluster;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.port.GefyraCluster;
import dev.ponte.core.support.SupportBundle;
import dev.ponte.core.team.TeamService;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.cleanup.CleanupView;
import dev.ponte.ui.cleanup.CleanupViewModel;
import dev.ponte.ui.team.TeamPane;
import dev.ponte.ui.team.TeamViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The support bundle dialog, the leftovers assistant and the team view on in-memory ports, driven through their
 * buttons; screenshots of each in both themes.
 */
@ExtendWith(ApplicationExtension.class)
class RepairScreensTest {
    @TempDir
    static Path dir;
    private FakePorts ports;
    private ConnectionService connections;
    private Journal journal;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ports = new FakePorts(dir.resolve(java.util.UUID.randomUUID().toString()), "kind-dev", "staging");
        ports.cluster("kind-dev").installed = true;
        journal = Journal.inMemory(Clock.systemUTC());
        connections = ports.service(journal, new DirectTaskRunner(), Runnable::run, new ManualScheduler(), Clock.systemUTC());
        connections.reconcile();
        connections.connect("kind-dev");
        stage.show();
    }

    private void showIn(FxRobot robot, Parent root, double w, double h) {
        robot.interact(() -> {
            Scene scene = new Scene(root, w, h);
            scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
            stage.setScene(scene);
        });
    }

    @Test
    void theBundleDialogListsWhatGoesInAndWritesTheZip(FxRobot robot) throws Exception {
        Path log = dir.resolve("ponte-" + System.nanoTime() + ".log");
        Files.writeString(log, "INFO started\n");
        DiagnosticsService diagnostics = new DiagnosticsService(ports.engines, ports.clusterPorts, connections::snapshot,
                ports.settings, new FakeHost(), Clock.systemUTC());
        SupportBundle bundle = new SupportBundle(ports.engines, ports.clusterPorts, connections::snapshot, journal, diagnostics,
                new SupportBundle.Sources("0.1.0", () -> "{}", log), Clock.systemUTC());
        SupportBundleViewModel vm = new SupportBundleViewModel(bundle, new DirectTaskRunner(), "kind-dev");
        SupportBundleView view = new SupportBundleView(vm);
        Path zip = dir.resolve("bundle-" + System.nanoTime() + ".zip");
        view.setChooser(name -> {
            assertTrue(name.startsWith("ponte-support-kind-dev-") && name.endsWith(".zip"), name);
            return zip;
        });
        showIn(robot, view, 620, 520);
        assertEquals(10, vm.items().size());
        BothThemes.save(robot, view, "support-bundle");
        robot.clickOn("#saveBundleButton");
        Wait.until("the bundle written", () -> !vm.resultProperty().get().isEmpty() || !vm.problemProperty().get().isEmpty());
        assertTrue(vm.resultProperty().get().startsWith("Written: " + zip), vm.resultProperty().get() + vm.problemProperty().get());
        assertTrue(Files.size(zip) > 0);
        BothThemes.save(robot, view, "support-bundle-written");
    }

    @Test
    void theLeftoversAreGroupedAndAnotherMachinesLiveClientIsConfirmedByName(FxRobot robot) {
        FakeGefyraCluster dev = ports.cluster("kind-dev");
        journal.adopt(new Journal.Identity("staging", "staging", "ponte22222bbbbb"));
        ports.cluster("staging").createClient("ponte22222bbbbb");
        ports.engine.createNetwork("gefyra-network-zzz-probe-2", null, Map.of(CargoLabels.CREATED_BY, "true",
                CargoLabels.MANAGED_BY, "ponte", CargoLabels.PROBE, "true"));
        dev.mounts.put("api-shop-gh0st", new BridgeMount("api-shop-gh0st", "shop", "deployment/api", "web", "ACTIVE", null,
                Instant.EPOCH, "ghost"));
        dev.bridges.put("ghost-api", new Bridge("ghost-api", "api-shop-gh0st", "ghost", "ghost-app", "172.40.0.2",
                List.of("8000:8080"), new MatchRules(List.of()), Map.of(), "ACTIVE", null, Instant.EPOCH));
        dev.mountArtifacts.add(new GefyraCluster.MountArtifact("Deployment", "shop", "cart-gefyra", null, "shadow Deployment"));
        dev.clientRbac.add("ClusterRoleBinding/gefyra-rolebinding-gefyra-client-ghost");
        dev.createClient("ponte0123456789");
        try {
            dev.setSubnet("ponte0123456789", "172.50.0.0/16");
        } catch (GefyraCluster.SubnetRejectedException e) {
            throw new AssertionError(e);
        }
        CleanupAssistant assistant = new CleanupAssistant(ports.engines, ports.clusterPorts, () -> List.of(
                new KubeContext("kind-dev", "c", "u", "default", "https://kind.example", null),
                new KubeContext("staging", "c2", "u2", "default", "https://staging.example", null)), connections::snapshot,
                new LocalConnections(ports.engines, ports.clusterPorts, ports.settings, journal, Clock.systemUTC(), Duration.ofSeconds(5)),
                Clock.systemUTC(), Duration.ofSeconds(5));
        CleanupViewModel vm = new CleanupViewModel(assistant, new DirectTaskRunner());
        CleanupView view = new CleanupView(vm);
        List<List<Leftover>> asked = new java.util.ArrayList<>();
        view.setConfirm(warned -> {
            asked.add(warned);
            return warned.stream().map(Leftover::id).collect(Collectors.toSet());
        });
        showIn(robot, view, 780, 720);
        robot.interact(vm::scan);
        Wait.until("the scan", () -> !vm.rows().isEmpty());
        assertTrue(vm.rows().stream().anyMatch(r -> r.item().warning() != null && !r.selected().get()),
                "another machine's live client starts unselected");
        BothThemes.save(robot, view, "leftovers");
        robot.interact(() -> vm.byOrigin.set(true));
        BothThemes.save(robot, view, "leftovers-by-origin");
        robot.interact(() -> vm.rows().forEach(r -> r.selected().set(true)));
        robot.clickOn("#removeSelectedButton");
        Wait.until("the removal", () -> !vm.outcomeProperty().get().isEmpty());
        assertEquals(1, asked.size(), "asked once");
        assertTrue(asked.getFirst().stream().allMatch(l -> l.warning().contains("ponte0123456789")), asked.toString());
        assertTrue(vm.outcomeProperty().get().contains("checked again: 0 of the"), vm.outcomeProperty().get());
        assertTrue(vm.rows().isEmpty(), vm.rows().toString());
        assertEquals("Nothing left over.", robot.lookup("#cleanupStatus").queryAs(Label.class).getText());
        BothThemes.save(robot, view, "leftovers-removed");
    }

    @Test
    void theTeamViewShowsEveryClientAndBridge(FxRobot robot) throws Exception {
        FakeGefyraCluster dev = ports.cluster("kind-dev");
        String mine = connections.snapshot().of("kind-dev").orElseThrow().clientId();
        dev.createClient("ponte0b0b000001");
        dev.setSubnet("ponte0b0b000001", "172.60.0.0/16");
        dev.clientSince.put("ponte0b0b000001", Instant.now().minusSeconds(3 * 3600));
        dev.clientSince.put(mine, Instant.now().minusSeconds(12 * 60));
        dev.createClient("6f1e2d3c4b5a69788796a5b4c3d2e1f0");
        dev.mounts.put("api-shop-k2x9q", new BridgeMount("api-shop-k2x9q", "shop", "deployment/api", "web", "ACTIVE", null,
                Instant.EPOCH, mine));
        dev.bridges.put("mine-api", new Bridge("mine-api", "api-shop-k2x9q", mine, "api-local", "172.18.0.2", List.of("8000:8080"),
                new MatchRules(List.of(new MatchRules.RuleSet(List.of(new MatchRules.Header("x-user", "alice", MatchRules.Type.EXACT))))),
                Map.of(), "ACTIVE", null, Instant.EPOCH));
        dev.bridges.put("bob-api", new Bridge("bob-api", "api-shop-k2x9q", "ponte0b0b000001", "bob-app", "172.60.0.3",
                List.of("8000:8080"), new MatchRules(List.of(new MatchRules.RuleSet(List.of(
                new MatchRules.Header("x-user", "bob", MatchRules.Type.EXACT), new MatchRules.Path("/api", MatchRules.Type.PREFIX))))),
                Map.of(), "ACTIVE", null, Instant.EPOCH));
        TeamViewModel vm = new TeamViewModel(new TeamService(ports.clusterPorts, connections::snapshot, journal, Clock.systemUTC()),
                new DirectTaskRunner(), Clock.systemUTC());
        TeamPane view = new TeamPane(vm);
        showIn(robot, view, 900, 520);
        robot.interact(() -> vm.show("kind-dev"));
        Wait.until("the team", () -> vm.members().size() == 3);
        TableView<?> bridges = robot.lookup("#teamBridges").queryTableView();
        assertEquals(2, bridges.getItems().size());
        assertEquals("this machine", vm.members().getFirst().who());
        assertEquals("since 12 min", vm.members().getFirst().since());
        assertTrue(vm.bridges().stream().anyMatch(b -> b.rules().equals("header x-user: bob and a path starting with /api")
                && b.workload().equals("shop/deployment/api (web)") && b.target().equals("bob-app at 172.60.0.3, ports 8080 → 8000")),
                vm.bridges().toString());
        BothThemes.save(robot, view, "team");
    }

    @Test
    void aBridgesTestRequestsShowWhoAnswered(FxRobot robot) {
        javafx.collections.ObservableList<TestRequestSender.Shot> shots = javafx.collections.FXCollections.observableArrayList();
        var panel = new dev.ponte.ui.bridge.TestRequestPanel("bridgeTest", shots,
                new javafx.beans.property.ReadOnlyBooleanWrapper().getReadOnlyProperty(),
                new javafx.beans.property.ReadOnlyStringWrapper("").getReadOnlyProperty(), () -> { });
        Label title = new Label("Bridge mine-api → api-local");
        title.getStyleClass().add(atlantafx.base.theme.Styles.TITLE_4);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(10, title, panel);
        box.setPadding(new javafx.geometry.Insets(14));
        box.getStyleClass().add("bundle-view");
        box.getStylesheets().addAll(getClass().getResource("/dev/ponte/ui/diagnostics/diagnostics.css").toExternalForm(),
                getClass().getResource("/dev/ponte/ui/bridge/bridge.css").toExternalForm());
        showIn(robot, box, 640, 440);
        // what the sender returned on the rig for this bridge (TestRequestOnRigTest sends the real ones)
        robot.interact(() -> shots.setAll(
                new TestRequestSender.Shot("rule set 1", true, "curl -H 'x-user: alice' http://api.default.svc.cluster.local:8080/", 200,
                        List.of("HTTP/1.0 200 OK", "Content-Type: text/html", "hello from the local app"),
                        TestRequestSender.Answer.LOCAL, TestRequestSender.Answer.LOCAL, "6 packets went from the tunnel to 10.89.3.2:8000 while the request was out"),
                new TestRequestSender.Shot("no rule set", false, "curl http://api.default.svc.cluster.local:8080/", 200,
                        List.of("HTTP/1.0 200 OK", "Content-Type: text/html", "cluster service default/api"),
                        TestRequestSender.Answer.CLUSTER, TestRequestSender.Answer.CLUSTER, "no packet reached 10.89.3.2:8000; the answer came from the cluster")));
        var results = robot.lookup("#bridgeTestResults").queryAs(javafx.scene.layout.VBox.class);
        assertEquals(2, results.getChildren().size());
        Label head = (Label) ((javafx.scene.layout.VBox) results.getChildren().getFirst()).getChildren().getFirst();
        assertEquals("✓ rule set 1: 200 from your container (as expected)", head.getText());
        BothThemes.save(robot, box, "test-request");
    }
}
