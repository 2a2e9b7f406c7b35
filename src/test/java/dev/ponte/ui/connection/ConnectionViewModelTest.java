package dev.ponte.ui.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSnapshot.Action;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.StepEvent;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakePorts;
import dev.ponte.testsupport.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection panel's view-model is a window onto the connection service: what it shows and what it sends. */
class ConnectionViewModelTest {
    @TempDir
    Path dir;
    private final ManualScheduler scheduler = new ManualScheduler();
    private FakePorts ports;
    private ConnectionService service;
    private ConnectionViewModel vm;

    @BeforeEach
    void setUp() {
        ports = new FakePorts(dir, "kind-dev", "staging");
        service = ports.inlineService(scheduler);
        service.reconcile();
        vm = new ConnectionViewModel(service, ports.engines, new DirectTaskRunner(), Runnable::run);
    }

    @Test
    void aContextWithoutConnectionOffersConnectAndSaysWhatItWillCreate() {
        vm.show("kind-dev");
        assertEquals(ConnectionState.NOT_CONNECTED, vm.stateProperty().get());
        assertTrue(vm.actions().contains(Action.CONNECT));
        assertTrue(vm.planProperty().get().startsWith("Connect will create"), vm.planProperty().get());
        assertTrue(vm.planProperty().get().contains("gefyra-network-kind-dev"));
    }

    @Test
    void connectShowsTheStepsThenConnectedWithLiveHealth() {
        vm.show("kind-dev");
        vm.connect();
        assertEquals(ConnectionState.CONNECTED, vm.stateProperty().get());
        assertEquals(8, vm.steps().size());
        assertEquals(1.0, vm.progress());
        assertEquals("gefyra-cargo-kind-dev", vm.connectionProperty().get().cargoName());
        assertTrue(vm.actions().contains(Action.DISCONNECT) && !vm.actions().contains(Action.CONNECT));
        scheduler.advance(Duration.ZERO);
        scheduler.advance(Duration.ofSeconds(1));
        assertNotNull(vm.healthProperty().get(), "health is watched while connected");
        assertTrue(vm.healthProperty().get().handshakeAge().toSeconds() < 10);
        assertEquals(2, vm.traffic().size());
    }

    @Test
    void anotherContextsConnectionKeepsRunningWhileThePanelShowsThisOne() {
        vm.show("kind-dev");
        vm.connect();
        vm.show("staging");
        assertEquals(ConnectionState.NOT_CONNECTED, vm.stateProperty().get());
        assertNull(vm.connectionProperty().get());
        scheduler.advance(Duration.ZERO);
        assertNotNull(service.snapshot().of("kind-dev").orElseThrow().health(), "kind-dev is still watched");
        vm.show("kind-dev");
        assertEquals(ConnectionState.CONNECTED, vm.stateProperty().get());
        assertNotNull(vm.healthProperty().get());
    }

    @Test
    void aFailedConnectKeepsTheStepsAndGivesAdviceAndRedactedDiagnostics() {
        vm.show("kind-dev");
        ports.cluster("kind-dev").failOnce.put("createClient", new ApiStatusException(500, "boom token=abc123secret", null));
        vm.connect();
        assertEquals(ConnectionState.FAILED, vm.stateProperty().get());
        Problem p = vm.problemProperty().get();
        assertEquals(Problem.Kind.SERVER_ERROR, p.kind());
        assertEquals(p, vm.failureProperty().get(), "a failure while shown opens the dialog");
        assertEquals(StepEvent.State.FAILED, vm.steps().get(2).get().state());
        assertTrue(vm.diagnostics().contains("Register"));
        assertFalse(vm.diagnostics().contains("abc123secret"), vm.diagnostics());
        // Looking away and back shows the problem, but does not pop the dialog again.
        vm.show("staging");
        vm.show("kind-dev");
        assertEquals(p, vm.problemProperty().get());
        assertEquals(p, vm.failureProperty().get());
    }

    @Test
    void disconnectReportsWhatWasRemoved() {
        vm.show("kind-dev");
        vm.connect();
        vm.disconnect(false);
        assertEquals(ConnectionState.NOT_CONNECTED, vm.stateProperty().get());
        assertNull(vm.connectionProperty().get());
        assertNull(vm.healthProperty().get());
        assertTrue(vm.resultProperty().get().startsWith("Nothing left"), vm.resultProperty().get());
    }

    @Test
    void theEngineInUseIsShownAndAnotherCanBePicked() {
        EnginePickerViewModel picker = vm.enginePicker();
        picker.refresh();
        assertEquals(2, picker.options().size());
        assertTrue(picker.summaryProperty().get().startsWith("Docker 27.1.0"), picker.summaryProperty().get());
        picker.use(picker.options().get(1));
        assertEquals("unix:///run/podman/podman.sock", ports.used);
    }

    @Test
    void commandsTheStateDoesNotAllowAreIgnored() {
        vm.show("kind-dev");
        vm.disconnect(false);
        vm.cancel();
        assertEquals(ConnectionState.NOT_CONNECTED, vm.stateProperty().get());
        assertTrue(ports.engine.containers.isEmpty());
    }

    @Test
    void aConnectionTheGefyraCliMadeIsMarkedAsSuchAndPontesOwnIsNot() {
        vm.show("kind-dev");
        vm.connect();
        assertEquals(ConnectionState.CONNECTED, vm.stateProperty().get());
        assertFalse(vm.byGefyraCliProperty().get(), "Ponte made this one");

        handToGefyraCli(ports, "kind-dev");
        ConnectionService restarted = ports.inlineService(scheduler);
        restarted.reconcile();
        ConnectionViewModel seen = new ConnectionViewModel(restarted, ports.engines, new DirectTaskRunner(), Runnable::run);
        seen.show("kind-dev");
        assertEquals(ConnectionState.CONNECTED, seen.stateProperty().get());
        assertTrue(seen.byGefyraCliProperty().get(), "the Cargo without Ponte's label is the CLI's");
        seen.show("staging");
        assertFalse(seen.byGefyraCliProperty().get(), "the mark follows the shown context");
    }

    /**
     * Makes the connection of a context look as the gefyra CLI leaves it: the same Cargo and network labels upstream
     * sets, without Ponte's managed-by label (what a Ponte started afresh finds after {@code gefyra connections connect}).
     */
    static void handToGefyraCli(FakePorts ports, String context) {
        String name = ports.engine.containers.values().stream()
                .filter(c -> context.equals(c.labels().get(dev.ponte.core.gefyra.CargoLabels.CONTEXT))
                        && dev.ponte.core.gefyra.CargoLabels.ROLE_CARGO.equals(c.labels().get(dev.ponte.core.gefyra.CargoLabels.ROLE)))
                .map(dev.ponte.core.port.ContainerEngine.Container::name).findFirst().orElseThrow();
        var c = ports.engine.containers.get(name);
        var labels = new java.util.HashMap<>(c.labels());
        labels.remove(dev.ponte.core.gefyra.CargoLabels.MANAGED_BY);
        ports.engine.containers.put(name, new dev.ponte.core.port.ContainerEngine.Container(c.id(), c.name(), c.image(),
                c.state(), labels, c.ips()));
        ports.engine.networks.replaceAll((k, n) -> {
            var l = new java.util.HashMap<>(n.labels());
            l.remove(dev.ponte.core.gefyra.CargoLabels.MANAGED_BY);
            return new dev.ponte.core.port.ContainerEngine.Network(n.id(), n.name(), n.subnets(), l);
        });
    }
}
