package dev.ponte.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.app.AppContext;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.model.Workload;
import dev.ponte.docker.DockerEngine;
import dev.ponte.testsupport.FxTestApp;
import dev.ponte.testsupport.Screenshots;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.bridge.BridgeWizardView;
import dev.ponte.ui.bridge.BridgeWizardViewModel;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Outcome;
import dev.ponte.ui.bridge.BridgeWizardViewModel.Page;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.ui.run.RunDialogView;
import dev.ponte.ui.run.RunDialogViewModel;
import dev.ponte.ui.workloads.WorkloadItem;
import dev.ponte.wireguard.Cmd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 8, point 6: the same flow once through Ponte's real main window ({@link AppContext}, wired like the app, on
 * Monocle) against the {@link Rig}: Connect, Run, Bridge, the container's logs, Disconnect and uninstall, with a
 * screenshot of each step under {@code target/screenshots/rig-ui-*.png} (or {@code -Dponte.screenshots=DIR}). The
 * Run dialog and the bridge wizard are shown the way the main window shows them, with their view-models from the
 * app's own {@code MainViewModel}; their fields are set on the view-models (what typing does); buttons are clicked in
 * the main window and pressed ({@code fire}) in the child windows.
 * The traffic checks are the same as {@link RigEndToEndTest}'s.
 */
@Tag("rig")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ApplicationExtension.class)
class RigUiFlowTest {
    private static final Duration CONNECT = Duration.ofSeconds(90);
    private final String app = "rig-ui-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    private Rig rig;
    private Path home;
    private AppContext context;
    private Stage main;

    @BeforeAll
    void startRig() throws Exception {
        RigRequirements.check();
        rig = Rig.start();
        home = Files.createTempDirectory("ponte-rig-ui");
    }

    @Start
    void start(Stage stage) {
        UiSettings settings = new UiSettings();
        settings.lastContext = Rig.CONTEXT;
        settings.cargoImage = rig.cargoImage();
        settings.cargoEndpoint = rig.cargoEndpoint();
        settings.engineEndpoint = Rig.ENGINE;
        main = stage;
        context = FxTestApp.show(stage, FxTestApp.env(rig.kubeconfig.toString()), home, settings);
    }

    @AfterEach
    void closeApp(FxRobot robot) {
        robot.interact(() -> {
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w != main && w instanceof Stage s) {
                    s.close();
                }
            }
            context.close();
        });
    }

    @AfterAll
    void stopRig() throws Exception {
        try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
            if (engine.inspect(app).isPresent()) {
                engine.remove(app);
            }
            // Disconnect did not happen when a step failed: remove what the app made, as Disconnect would
            engine.containers(java.util.Map.of("connection_name.gefyra.dev", "ponte-rig")).forEach(c -> engine.remove(c.name()));
            engine.network("gefyra-network-ponte-rig").ifPresent(n -> engine.removeNetwork(n.name()));
        } finally {
            if (rig != null) {
                rig.close();
            }
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void connectRunBridgeLogsAndDisconnectThroughTheWindow(FxRobot robot) throws Exception {
        var vm = context.mainViewModel();
        Node root = main.getScene().getRoot();
        Wait.until("the rig's context and its workloads", () -> row(vm, "api").isPresent());
        Screenshots.save(robot, root, "rig-ui-0-start");

        // Connect
        // The panel builds the button the first time Connect is allowed: until then the look-up finds nothing.
        Wait.until("Connect to be possible (after the start-up reconcile)", () -> robot.lookup("#connectButton").tryQuery()
                .map(b -> b.isVisible() && !b.isDisabled()).orElse(false));
        robot.clickOn("#connectButton");
        Wait.until("Connected with a healthy tunnel", CONNECT, () -> vm.connection().stateProperty().get() == ConnectionState.CONNECTED
                && vm.connection().healthProperty().get() != null
                && vm.connection().healthProperty().get().state() == TunnelHealth.State.CONNECTED,
                () -> ": " + vm.connection().stateProperty().get() + " " + vm.connection().problemProperty().get()
                        + " " + vm.connection().healthProperty().get());
        Screenshots.save(robot, root, "rig-ui-1-connected");
        Connection conn = vm.connection().connectionProperty().get();

        // Run
        RunDialogViewModel run = onFx(robot, () -> vm.newRunDialog(null));
        Stage runStage = show(robot, new RunDialogView(run), "Run locally", 680, 720);
        robot.interact(() -> {
            run.image.set(rig.appImage());
            run.name.set(app);
            run.namespace.set("default");
        });
        Wait.until("Run to be possible", () -> run.canRunProperty().get(), () -> ": " + run.formErrorProperty().get());
        Screenshots.save(robot, runStage.getScene().getRoot(), "rig-ui-2-run-form");
        fire(robot, runStage, "#runSubmit");
        Wait.until("the container to run", Duration.ofSeconds(60), () -> run.resultProperty().get() != null,
                () -> ": " + run.problemProperty().get());
        Screenshots.save(robot, runStage.getScene().getRoot(), "rig-ui-2-run");
        robot.interact(runStage::close);
        try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
            String get = "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 api.default.svc.cluster.local 8080";
            Wait.until("the app to reach a cluster service through the tunnel", Duration.ofSeconds(20),
                    () -> engine.exec(app, Duration.ofSeconds(10), "sh", "-c", get).output().contains("cluster service default/api"),
                    () -> "");
        }

        // Bridge default/api 8080 -> the app's 8000, for requests with x-user: alice
        Workload api = row(vm, "api").orElseThrow();
        BridgeWizardViewModel wizard = onFx(robot, () -> vm.bridgeWizard(api, p -> CompletableFuture.completedFuture(Optional.empty())));
        Stage wizardStage = show(robot, new BridgeWizardView(wizard), "Bridge api to a local container", 760, 640);
        Wait.until("container api to be chosen", () -> wizard.container.get() != null, () -> ": " + wizard.loadProblemProperty().get());
        next(robot, wizard, Page.PORTS);
        robot.interact(() -> wizard.ports().forEach(p -> {
            p.selected.set(p.port().port() == 8080);
            p.localPort.set(String.valueOf(RigImages.APP_PORT));
        }));
        next(robot, wizard, Page.LOCAL);
        Wait.until(app + " to be offered", () -> wizard.locals().stream().anyMatch(l -> l.name().equals(app) && l.usable()));
        robot.interact(() -> wizard.local.set(wizard.locals().stream().filter(l -> l.name().equals(app)).findFirst().orElseThrow()));
        next(robot, wizard, Page.RULES);
        robot.interact(() -> {
            var m = wizard.rules().sets().getFirst().matches().getFirst();
            m.name.set("x-user");
            m.value.set("alice");
        });
        next(robot, wizard, Page.REVIEW);
        robot.interact(wizard::bridge);
        Wait.until("the bridge to be ACTIVE", Duration.ofSeconds(60), () -> wizard.outcomeProperty().get() == Outcome.ACTIVE,
                () -> ": " + wizard.outcomeProperty().get() + " " + wizard.problemProperty().get());
        Screenshots.save(robot, wizardStage.getScene().getRoot(), "rig-ui-3-bridge");
        robot.interact(wizardStage::close);
        String endpoint = vm.local().bridges().getFirst().bridge().clusterEndpoint().get("8080");
        String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
        Wait.until("a request from the cluster side to reach " + app, Duration.ofSeconds(15), () -> {
            Cmd.Result r = rig.side.exec(Duration.ofSeconds(10), "curl", "-sS", "--max-time", "5", "-H", "x-user: alice",
                    "http://192.168.99.1:" + port + "/");
            return r.ok() && r.out().equals(RigImages.APP_BODY);
        }, () -> "");
        Wait.until("the bridge on the container's row", () -> vm.local().items().stream()
                .anyMatch(i -> i.name().equals(app) && !i.bridges().isEmpty()));
        Screenshots.save(robot, root, "rig-ui-4-bridged");

        // The container's logs, from its row's menu (the menu item pressed, as a right-click and a click would)
        javafx.scene.control.ListCell<?> cell = robot.lookup("#localContainers").lookup((Node n) ->
                n instanceof javafx.scene.control.ListCell<?> c && c.getItem() instanceof dev.ponte.ui.run.LocalContainerItem i
                        && i.name().equals(app)).queryAs(javafx.scene.control.ListCell.class);
        robot.interact(() -> cell.getContextMenu().getItems().stream().filter(m -> "Logs".equals(m.getText())).findFirst()
                .orElseThrow().fire());
        Wait.until("the log window", () -> logWindow() != null);
        Stage logs = logWindow();
        Wait.until("the app's request log in the log window", () -> logs.getScene().getRoot().lookupAll(".label").stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Label l && l.getText() != null
                        && l.getText().matches("[1-9][0-9]* lines?\\b.*")));
        Screenshots.save(robot, logs.getScene().getRoot(), "rig-ui-5-logs");
        robot.interact(logs::close);

        // Disconnect and uninstall
        robot.clickOn("#uninstallButton");
        // Uninstall removes every user's objects: the window asks first.
        Wait.until("the confirmation", () -> javafx.stage.Window.getWindows().stream().anyMatch(w -> w.getScene() != null
                && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane));
        robot.interact(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane)
                .flatMap(w -> w.getScene().getRoot().lookupAll(".button").stream())
                .filter(n -> n instanceof javafx.scene.control.Button b && "Disconnect and uninstall".equals(b.getText()))
                .findFirst().map(javafx.scene.control.Button.class::cast).orElseThrow().fire());
        Wait.until("disconnected", CONNECT, () -> vm.connection().stateProperty().get() == ConnectionState.NOT_CONNECTED,
                () -> ": " + vm.connection().stateProperty().get() + " " + vm.connection().problemProperty().get());
        Screenshots.save(robot, root, "rig-ui-6-disconnected");
        assertTrue(vm.connection().resultProperty().get().startsWith("Nothing left"), vm.connection().resultProperty().get());
        try (DockerEngine engine = DockerEngine.open(Rig.ENGINE)) {
            assertTrue(engine.inspect(conn.cargoName()).isEmpty() && engine.inspect(app).isEmpty()
                    && engine.network(conn.networkName()).isEmpty(), "Cargo, the app and the network are gone");
        }
        assertEquals(List.of(), new dev.ponte.kube.gefyra.Fabric8GefyraCluster(rig.cluster.client()).leftovers());
    }

    /** Presses a button of a child window (as a click does; Monocle's robot may miss windows stacked over the main one). */
    private static void fire(FxRobot robot, Stage stage, String id) {
        javafx.scene.control.ButtonBase b = (javafx.scene.control.ButtonBase) stage.getScene().lookup(id);
        Wait.until(id + " to be enabled", () -> !b.isDisabled());
        robot.interact(b::fire);
    }

    private static Optional<Workload> row(dev.ponte.ui.shell.MainViewModel vm, String name) {
        return vm.workloads().items().stream().map(WorkloadItem::get)
                .filter(w -> w.name().equals(name) && "default".equals(w.namespace())).findFirst();
    }

    private static void next(FxRobot robot, BridgeWizardViewModel wizard, Page expected) {
        Wait.until("Next to be possible", () -> wizard.canNextProperty().get(), () -> ": " + wizard.reasonProperty().get());
        robot.interact(wizard::next);
        Wait.until("the " + expected + " page", () -> wizard.pageProperty().get() == expected);
    }

    private Stage show(FxRobot robot, javafx.scene.Parent view, String title, double width, double height) {
        Stage[] stage = new Stage[1];
        robot.interact(() -> {
            stage[0] = new Stage();
            stage[0].initOwner(main);
            stage[0].setTitle(title);
            Scene scene = new Scene(view, width, height);
            scene.getStylesheets().add(RigUiFlowTest.class.getResource("/dev/ponte/ui/ponte.css").toExternalForm());
            stage[0].setScene(scene);
            stage[0].show();
        });
        return stage[0];
    }

    private Stage logWindow() {
        return Window.getWindows().stream().filter(w -> w != main && w instanceof Stage s && s.isShowing()
                        && s.getScene() != null && s.getScene().lookup(".log-view") != null)
                .map(w -> (Stage) w).findFirst().orElse(null);
    }

    private static <T> T onFx(FxRobot robot, java.util.function.Supplier<T> read) {
        List<T> out = new ArrayList<>(1);
        robot.interact(() -> out.add(read.get()));
        return out.getFirst();
    }
}
