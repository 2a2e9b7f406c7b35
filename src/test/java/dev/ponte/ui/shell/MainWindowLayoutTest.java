package dev.ponte.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.Journal;
import dev.ponte.core.gefyra.BridgeRequest.PortMapping;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.gefyra.MatchRules;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.run.RunRequest;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Progress;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.Elision;
import dev.ponte.testsupport.FakeApp;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.common.UiSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window reads well at any size: in every state (not connected, connecting, connected with a container and a
 * bridge, several connections, failed, with the recovery banner), at 1280×800 and 1024×768, light and dark, at 100 %
 * and 200 % scale, no button, label, header or cell shows its text shortened. The real window on the real services
 * over in-memory ports; a screenshot of each state and size under {@code target/screenshots/layout-*.png}.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowLayoutTest {
    @TempDir
    static Path dir;
    private FakeApp fake;
    private Stage stage;
    private final CountDownLatch holdConnect = new CountDownLatch(1);

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Path home = dir.resolve(java.util.UUID.randomUUID().toString());
        FakePorts ports = FakeApp.ports(home, "kind-dev", "staging", "prod.eu", "team-payments-eu-west-1-production");
        Journal journal = Journal.inMemory(Clock.systemUTC());
        // An earlier Ponte was killed while connecting prod.eu: the recovery banner shows it.
        ConnectionService crashed = ports.service(journal, new DirectTaskRunner(), Runnable::run, new ManualScheduler(), Clock.systemUTC());
        crashed.reconcile();
        ports.engine.beforeCall = c -> {
            if (c.equals("create")) {
                throw new Error("killed");
            }
        };
        try {
            crashed.connect("prod.eu");
        } catch (Error expected) {
            // the process died here
        }
        ports.engine.beforeCall = c -> { };
        UiSettings settings = new UiSettings();
        settings.lastContext = "kind-dev";
        fake = FakeApp.show(stage, home, ports, journal, settings, 1280, 800);
    }

    @AfterEach
    void stop(FxRobot robot) {
        holdConnect.countDown();
        robot.interact(fake.app::close);
    }

    private record Look(int width, int height, boolean dark, double scale) {
        String name() {
            return width + "x" + height + (dark ? "-dark" : "-light") + (scale == 1 ? "" : "-200");
        }
    }

    private static final List<Look> LOOKS = List.of(
            new Look(1280, 800, false, 1), new Look(1280, 800, true, 1), new Look(1024, 768, false, 1), new Look(1024, 768, true, 1),
            new Look(1280, 800, false, 2), new Look(1280, 800, true, 2), new Look(1024, 768, false, 2), new Look(1024, 768, true, 2));

    @Test
    void noTextIsShortenedInAnyStateAtAnySizeThemeOrScale(FxRobot robot) throws Exception {
        List<String> problems = new ArrayList<>();
        var main = fake.app.mainViewModel();
        Wait.until("the workloads of kind-dev", () -> main.workloads().items().size() == 3);
        Wait.until("the recovery banner", () -> robot.lookup("#recoveryBanner").query().isVisible());
        check(robot, "not-connected", problems);

        fake.ports.cluster("kind-dev").beforeCall = c -> {
            if (c.equals("awaitClient")) {
                try {
                    holdConnect.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        robot.interact(() -> main.connection().connect());
        Wait.until("Connecting", () -> main.connection().stateProperty().get() == ConnectionState.CONNECTING);
        check(robot, "connecting", problems);
        holdConnect.countDown();
        Wait.until("Connected", () -> main.connection().stateProperty().get() == ConnectionState.CONNECTED,
                () -> main.connection().stateProperty().get().toString());

        Connection conn = main.connection().connectionProperty().get();
        var core = fake.app.core();
        core.runs.run(new RunRequest(conn, "api-local", "acme/api:dev", List.of(), "default", java.util.Map.of("LOG", "debug"),
                null, List.of(), List.of(new ContainerEngine.PortBinding("127.0.0.1", 8000, 8000, "tcp")), false, 0, 0,
                Duration.ofSeconds(5)), e -> { }).run(Progress.NONE, new CancellationToken());
        core.bridges(conn).bridge(new dev.ponte.core.bridge.BridgePlan("default", WorkloadKind.DEPLOYMENT, "api", "api",
                List.of(new PortMapping(80, 8000)), "api-local", new MatchRules(List.of(new MatchRules.RuleSet(List.of(
                        new MatchRules.Header("x-user", "alice", MatchRules.Type.EXACT)))))), Progress.NONE, new CancellationToken());
        core.local.refresh(conn.name());
        Wait.until("the container and its bridge", () -> main.local().items().size() == 1 && main.local().bridges().size() == 1);
        check(robot, "connected", problems);

        core.connections.connect("staging");
        Wait.until("two connected", () -> main.connectionsProperty().get().live().size() == 2);
        check(robot, "two-connections", problems);

        fake.ports.cluster("team-payments-eu-west-1-production").failOnce.put("createClient",
                new dev.ponte.core.task.PonteException(new dev.ponte.core.task.Problem(dev.ponte.core.task.Problem.Kind.FORBIDDEN,
                        "Not allowed to register this machine", "gefyraclients.gefyra.dev is forbidden for user dev in namespace gefyra",
                        "Ask an admin for the gefyra-client role, or connect a cluster where you may install Gefyra.")));
        robot.interact(() -> main.contexts().contexts().stream().filter(c -> c.name().startsWith("team-")).findFirst()
                .ifPresent(c -> main.contexts().selectedProperty().set(c)));
        Wait.until("the failing context selected", () -> "team-payments-eu-west-1-production".equals(main.connection().contextProperty().get()));
        robot.interact(() -> main.connection().connect());
        Wait.until("Failed", () -> main.connection().stateProperty().get() == ConnectionState.FAILED);
        robot.interact(() -> javafx.stage.Window.getWindows().stream().filter(w -> w != stage).toList()
                .forEach(javafx.stage.Window::hide)); // the failure dialog
        check(robot, "failed", problems);

        assertEquals(List.of(), problems, "shortened texts:\n" + String.join("\n", problems));
    }

    private void check(FxRobot robot, String state, List<String> problems) throws IOException {
        for (Look look : LOOKS) {
            apply(robot, look);
            List<String> found = new ArrayList<>();
            robot.interact(() -> found.addAll(Elision.find(stage.getScene().getRoot())));
            found.forEach(f -> problems.add(state + " " + look.name() + ": " + f));
            save(robot, "layout-" + state + "-" + look.name());
        }
        apply(robot, LOOKS.getFirst());
    }

    private void apply(FxRobot robot, Look look) {
        robot.interact(() -> {
            javafx.application.Application.setUserAgentStylesheet(look.dark()
                    ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS()
                    : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
            fake.view.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), look.dark());
            stage.setRenderScaleX(look.scale());
            stage.setRenderScaleY(look.scale());
            stage.setWidth(look.width());
            stage.setHeight(look.height());
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void save(FxRobot robot, String name) throws IOException {
        Path out = Path.of(System.getProperty("ponte.screenshots", "target/screenshots"), name + ".png");
        Files.createDirectories(out.getParent());
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> {
            SnapshotParameters p = new SnapshotParameters();
            p.setTransform(Transform.scale(stage.getRenderScaleX(), stage.getRenderScaleY()));
            image[0] = stage.getScene().getRoot().snapshot(p, null);
        });
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", out.toFile());
    }
}
