package dev.ponte.ui.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.StepEvent;
import dev.ponte.testsupport.DirectTaskRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionViewModelTest {
    private static final Connection CONN = FakeConnectionBackend.CONN;
    private final FakeConnectionBackend backend = new FakeConnectionBackend();

    private final ConnectionViewModel vm = new ConnectionViewModel(backend, new DirectTaskRunner(), Runnable::run);

    @Test
    void aContextWithoutConnectionOffersConnectAndSaysWhatItWillCreate() {
        vm.show("kind-dev");
        assertEquals(ConnectionViewModel.Phase.NOT_CONNECTED, vm.phaseProperty().get());
        assertTrue(vm.planProperty().get().startsWith("Connect will create"));
    }

    @Test
    void connectShowsTheStepsThenConnectedWithLiveHealth() {
        vm.show("kind-dev");
        vm.connect();
        assertEquals(ConnectionViewModel.Phase.CONNECTED, vm.phaseProperty().get());
        assertEquals(List.of("Check", "Register"), vm.steps().stream().map(i -> i.get().name()).toList());
        assertEquals(1.0, vm.progress());
        assertEquals(CONN, vm.connectionProperty().get());
        assertNotNull(backend.health, "health is watched while connected");
        backend.health.accept(new TunnelHealth(TunnelHealth.State.CONNECTED, "ok", Duration.ofSeconds(4), 1000, 500,
                Instant.now(), false));
        backend.health.accept(new TunnelHealth(TunnelHealth.State.CONNECTED, "ok", Duration.ofSeconds(9), 3000, 900,
                Instant.now(), false));
        assertEquals(Duration.ofSeconds(9), vm.healthProperty().get().handshakeAge());
        assertEquals(List.of(1500.0, 3900.0), vm.traffic());
    }

    @Test
    void anExistingConnectionIsShownAtOnce() {
        backend.existing = Optional.of(CONN);
        vm.show("kind-dev");
        assertEquals(ConnectionViewModel.Phase.CONNECTED, vm.phaseProperty().get());
    }

    @Test
    void aFailedConnectKeepsTheStepsAndGivesAdviceAndRedactedDiagnostics() {
        vm.show("kind-dev");
        backend.failAt = 1;
        backend.failure = new ApiStatusException(500, "boom token=abc123secret", null);
        vm.connect();
        assertEquals(ConnectionViewModel.Phase.FAILED, vm.phaseProperty().get());
        Problem p = vm.problemProperty().get();
        assertEquals(Problem.Kind.SERVER_ERROR, p.kind());
        assertEquals(StepEvent.State.FAILED, vm.steps().get(1).get().state());
        assertTrue(vm.diagnostics().contains("Register"));
        assertFalse(vm.diagnostics().contains("abc123secret"), vm.diagnostics());
    }

    @Test
    void disconnectStopsHealthAndReportsWhatWasRemoved() {
        backend.existing = Optional.of(CONN);
        vm.show("kind-dev");
        vm.disconnect(false);
        assertTrue(backend.healthClosed);
        assertEquals(ConnectionViewModel.Phase.NOT_CONNECTED, vm.phaseProperty().get());
        assertNull(vm.connectionProperty().get());
        assertTrue(vm.resultProperty().get().startsWith("Nothing left"), vm.resultProperty().get());
    }

    @Test
    void theEngineInUseIsShownAndAnotherCanBePicked() {
        vm.refreshEngines();
        assertEquals(2, vm.engines().size());
        assertTrue(vm.engineSummaryProperty().get().startsWith("Docker 20.10.24"));
        vm.useEngine(vm.engines().get(1));
        assertEquals("unix:///run/podman/podman.sock", backend.usedEngine);
    }

    @Test
    void switchingContextStopsTheOldHealthWatch() {
        backend.existing = Optional.of(CONN);
        vm.show("kind-dev");
        backend.existing = Optional.empty();
        vm.show("staging");
        assertTrue(backend.healthClosed);
        assertEquals(ConnectionViewModel.Phase.NOT_CONNECTED, vm.phaseProperty().get());
    }
}
