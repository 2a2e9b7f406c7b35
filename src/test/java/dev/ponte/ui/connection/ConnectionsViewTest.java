package dev.ponte.ui.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.KubeconfigSnapshot;
import dev.ponte.core.task.Latest;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import dev.ponte.testsupport.Screenshots;
import dev.ponte.testsupport.Wait;
import dev.ponte.ui.clusters.ContextsView;
import dev.ponte.ui.clusters.ContextsViewModel;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Several connections and the leftovers of a crash as the window draws them: the contexts list marks each connected
 * context, the recovery banner offers Resume and Clean up, the panel shows the selected context's connection. On the
 * real connection service over in-memory ports; screenshots for review (-Dponte.dark=true for the dark theme).
 */
@ExtendWith(ApplicationExtension.class)
class ConnectionsViewTest {
    @TempDir
    static Path dir;
    private final ManualScheduler scheduler = new ManualScheduler();
    private FakePorts ports;
    private ConnectionService service;
    private ConnectionViewModel vm;
    private ContextsViewModel contexts;
    private RecoveryViewModel recovery;
    private BorderPane root;

    @Start
    void start(Stage stage) {
        ports = new FakePorts(dir.resolve(java.util.UUID.randomUUID().toString()), "kind-dev", "staging", "prod.eu");
        // An earlier run of Ponte was killed while connecting prod.eu: its client and network are still there.
        var crashed = ports.inlineService(scheduler);
        crashed.reconcile();
        ports.engine.beforeCall = c -> {
            if (c.equals("create")) {
                throw new Error("killed");
            }
        };
        var journal = dev.ponte.core.connections.Journal.inMemory(java.time.Clock.systemUTC());
        var first = ports.service(journal, new DirectTaskRunner(), Runnable::run, scheduler, java.time.Clock.systemUTC());
        first.reconcile();
        try {
            first.connect("prod.eu");
        } catch (Error expected) {
            // the process died here
        }
        ports.engine.beforeCall = c -> { };
        service = ports.service(journal, new DirectTaskRunner(), Runnable::run, scheduler, java.time.Clock.systemUTC());
        service.reconcile();
        service.connect("kind-dev");
        service.connect("staging");
        scheduler.advance(Duration.ZERO);

        UiSettings settings = new UiSettings();
        settings.lastContext = "kind-dev";
        Path file = Path.of("/home/dev/.kube/config");
        List<KubeContext> list = List.of(new KubeContext("kind-dev", "kind-dev", "dev", "default", "https://127.0.0.1:6443", file),
                new KubeContext("staging", "staging", "dev", "default", "https://staging.example:6443", file),
                new KubeContext("prod.eu", "prod", "dev", "default", "https://prod.example:6443", file),
                new KubeContext("minikube", "minikube", "minikube", "default", "https://192.168.49.2:8443", file));
        contexts = new ContextsViewModel(extra -> new KubeconfigSnapshot(List.of(file), list, "kind-dev", List.of()),
                new DirectTaskRunner(), settings);
        vm = new ConnectionViewModel(service, ports.engines, new DirectTaskRunner(), Runnable::run);
        recovery = new RecoveryViewModel(service, name -> contexts.contexts().stream().filter(c -> c.name().equals(name))
                .findFirst().ifPresent(c -> contexts.selectedProperty().set(c)));
        service.subscribe(new Latest<>(javafx.application.Platform::runLater, s -> {
            contexts.showConnections(s);
            recovery.show(s);
        }));
        contexts.selectedProperty().addListener((o, a, n) -> vm.show(n == null ? null : n.name()));
        contexts.reload();

        root = new BorderPane();
        root.setTop(new RecoveryBanner(recovery));
        root.setLeft(new ContextsView(contexts));
        root.setCenter(new ConnectionView(vm));
        Scene scene = new Scene(root, 900, 620);
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        javafx.application.Application.setUserAgentStylesheet(Boolean.getBoolean("ponte.dark")
                ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS()
                : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
        if (Boolean.getBoolean("ponte.dark")) {
            root.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), true);
        }
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theListMarksEachConnectionAndTheBannerOffersResumeAndCleanUp(FxRobot robot) {
        Wait.until("the banner", () -> recovery.items().size() == 1);
        Wait.until("the marks", () -> contexts.contexts().stream().filter(c -> c.connectionProperty().get() != null).count() == 3);
        assertEquals(ConnectionState.CONNECTED, contexts.contexts().get(0).connectionProperty().get());
        assertEquals(ConnectionState.INTERRUPTED, contexts.contexts().get(2).connectionProperty().get());
        assertEquals(null, contexts.contexts().get(3).connectionProperty().get(), "never connected: no mark");
        assertTrue(recovery.items().getFirst().text().startsWith("prod.eu: Connect was interrupted"), recovery.items().getFirst().text());
        assertEquals(3, robot.lookup("#contextConnection").queryAll().stream().filter(javafx.scene.Node::isVisible).count());
        Screenshots.save(robot, root, "connections" + (Boolean.getBoolean("ponte.dark") ? "-dark" : ""));

        robot.clickOn("Clean up");
        Wait.until("the banner to go", () -> recovery.items().isEmpty());
        assertFalse(robot.lookup("#recoveryBanner").query().isVisible());
        assertTrue(ports.cluster("prod.eu").clients.isEmpty(), "Clean up removed the client the crash left");
        Screenshots.save(robot, root, "connections-cleaned" + (Boolean.getBoolean("ponte.dark") ? "-dark" : ""));
    }
}
