package dev.ponte.ui.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.diagnostics.CheckState;
import dev.ponte.core.diagnostics.Checks;
import dev.ponte.core.diagnostics.DiagnosticsService;
import dev.ponte.core.diagnostics.FakeCargo;
import dev.ponte.core.diagnostics.FakeHost;
import dev.ponte.core.port.HostNetwork;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import dev.ponte.testsupport.Wait;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The diagnostics screen on in-memory ports: a path that drops large packets, its line open with Apply MTU; both themes. */
@ExtendWith(ApplicationExtension.class)
class DiagnosticsViewTest {
    @TempDir
    static Path dir;
    private FakePorts ports;
    private FakeCargo cargo;
    private final FakeHost host = new FakeHost();
    private ConnectionService connections;
    private DiagnosticsViewModel vm;
    private DiagnosticsView view;

    @Start
    void start(Stage stage) {
        ports = new FakePorts(dir.resolve(java.util.UUID.randomUUID().toString()), "kind-dev");
        ports.cluster("kind-dev").installed = true;
        cargo = new FakeCargo(ports.engine.execScript);
        ports.engine.execScript = cargo;
        connections = ports.inlineService(new ManualScheduler());
        connections.reconcile();
        connections.connect("kind-dev");
        vm = new DiagnosticsViewModel(new DiagnosticsService(ports.engines, ports.clusterPorts, connections::snapshot,
                ports.settings, host, Clock.systemUTC()), connections, new DirectTaskRunner());
        view = new DiagnosticsView(vm);
        Scene scene = new Scene(view, 760, 760);
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theFailingMtuLineIsOpenWithItsEvidenceAndApplyMtu(FxRobot robot) {
        cargo.pathLimit = 1300;
        host.udp = HostNetwork.UdpProbe.Outcome.SILENT;
        ports.cluster("kind-dev").nodes.put("node-a", "amd64");
        ports.cluster("kind-dev").nodes.put("node-b", "arm64");
        robot.interact(() -> vm.show("kind-dev", null));
        Wait.until("the report", () -> vm.reportProperty().get() != null);
        assertEquals(Checks.MTU, vm.openProperty().get(), "the first failing line is open");
        TitledPane mtu = robot.lookup("#check-mtu").queryAs(TitledPane.class);
        assertTrue(mtu.isExpanded());
        Button apply = robot.lookup("#applyMtuButton").queryButton();
        assertTrue(apply.isVisible());
        assertTrue(apply.getText().startsWith("Apply MTU 1"), apply.getText());
        assertTrue(robot.lookup("#diagnosticsSummary").queryAs(Label.class).getText().startsWith("1 failed, 1 warning"),
                robot.lookup("#diagnosticsSummary").queryAs(Label.class).getText());
        BothThemes.save(robot, view, "diagnostics-mtu");

        robot.clickOn(apply);
        Wait.until("the reconnect with the MTU", () -> vm.messageProperty().get().startsWith("MTU "));
        cargo.tunnelMtu = ports.mtus.get("kind-dev");
        robot.clickOn("#checkAgainButton");
        Wait.until("a green MTU line", () -> vm.reportProperty().get().check(Checks.MTU).orElseThrow().state() == CheckState.OK);
    }

    @Test
    void aLinkOpensTheLineItAskedFor(FxRobot robot) {
        cargo.dns = false;
        robot.interact(() -> vm.show("kind-dev", Checks.STOWAWAY));
        Wait.until("the report", () -> vm.reportProperty().get() != null);
        assertEquals(Checks.STOWAWAY, vm.openProperty().get());
        assertTrue(robot.lookup("#check-stowaway").queryAs(TitledPane.class).isExpanded());
        robot.interact(() -> vm.show("kind-dev", null));
        Wait.until("the DNS line open", () -> Checks.DNS.equals(vm.openProperty().get()));
        BothThemes.save(robot, view, "diagnostics-dns");
    }
}
