package dev.ponte.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.health.TunnelHealth;
import dev.ponte.core.lifecycle.DownOperation;
import dev.ponte.core.port.Subscription;
import dev.ponte.core.status.ConnectionStatus;
import dev.ponte.core.status.ConnectionStatus.State;
import dev.ponte.core.status.StatusBoard;
import dev.ponte.core.status.StatusEvent;
import dev.ponte.core.task.Operation;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.StepEvent;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.ui.connection.ConnectionBackend;
import dev.ponte.ui.connection.ConnectionViewModel;
import dev.ponte.ui.connection.ConnectionViewModel.Phase;
import dev.ponte.ui.connection.EngineOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionStatusBindingTest {
    private static final Connection CONN = new Connection("kind-dev", "kind-dev", "ponteabc", "gefyra-cargo-kind-dev",
            "172.18.0.149", "gefyra-network-kind-dev", "172.17.0.1:31820", "/k", "2.5.4", true, true);

    private final Backend backend = new Backend();
    private final ConnectionViewModel vm = new ConnectionViewModel(backend, new DirectTaskRunner(), Runnable::run);
    private final StatusBoard board = new StatusBoard();
    private final List<StatusEvent> events = new ArrayList<>();

    ConnectionStatusBindingTest() {
        board.onEvent(events::add);
        ConnectionStatusBinding.bind(vm, board);
    }

    private static TunnelHealth health(TunnelHealth.State s, String reason, boolean dip) {
        return new TunnelHealth(s, reason, Duration.ofSeconds(5), 0, 0, Instant.EPOCH, dip);
    }

    private ConnectionStatus only() {
        assertEquals(1, board.snapshot().connections().size(), board.snapshot().toString());
        return board.snapshot().connections().getFirst();
    }

    @ParameterizedTest(name = "{0} / health {1} -> {2}")
    @CsvSource(textBlock = """
            NOT_CONNECTED, ,          NONE
            CONNECTING,    ,          CONNECTING
            DISCONNECTING, ,          DISCONNECTING
            CONNECTED,     ,          CONNECTED
            CONNECTED,     CONNECTED, CONNECTED
            CONNECTED,     DEGRADED,  DEGRADED
            CONNECTED,     DOWN,      DOWN
            FAILED,        ,          FAILED
            """)
    void thePanelStateMapsToTheBoardState(Phase phase, TunnelHealth.State h, State expected) {
        ConnectionStatus s = ConnectionStatusBinding.toStatus("kind-dev", phase, h == null ? null : health(h, "why", false),
                null, false);
        assertEquals(expected, s.state());
    }

    @Test
    void aFailedDisconnectLeavesTheTunnelDownWithDisconnectOnOffer() {
        Problem p = new Problem(Problem.Kind.UNKNOWN, "Some things could not be removed", "", "");
        ConnectionStatus s = ConnectionStatusBinding.toStatus("kind-dev", Phase.FAILED, null, p, true);
        assertEquals(ConnectionStatus.of("kind-dev", State.DOWN, "Disconnect failed: Some things could not be removed"), s);
    }

    @Test
    void connectHealthAndDisconnectReachTheBoardAndATunnelDropIsAnnounced() {
        vm.show("kind-dev");
        assertEquals(State.NONE, only().state());
        vm.connect();
        assertEquals(State.CONNECTED, only().state());
        backend.health.accept(health(TunnelHealth.State.DOWN, "Cargo is gone", false));
        assertEquals(ConnectionStatus.of("kind-dev", State.DOWN, "Cargo is gone"), only());
        backend.health.accept(health(TunnelHealth.State.CONNECTED, "ok", false));
        vm.disconnect(false);
        assertEquals(State.NONE, only().state());
        assertEquals(List.of(new StatusEvent.TunnelDropped("kind-dev", State.DOWN, "Cargo is gone"),
                new StatusEvent.TunnelRecovered("kind-dev")), events);
    }

    @Test
    void anExpectedDipIsCarriedToTheBoardAndNotAnnounced() {
        backend.existing = Optional.of(CONN);
        vm.show("kind-dev");
        backend.health.accept(health(TunnelHealth.State.DEGRADED, "Stowaway is restarting", true));
        assertEquals(new ConnectionStatus("kind-dev", State.DEGRADED, "Stowaway is restarting", true), only());
        assertEquals(List.of(), events);
    }

    @Test
    void selectingAnotherContextReplacesTheConnectionInTheBoard() {
        backend.existing = Optional.of(CONN);
        vm.show("kind-dev");
        assertEquals("kind-dev", only().context());
        backend.existing = Optional.empty();
        vm.show("staging");
        assertEquals(ConnectionStatus.of("staging", State.NONE, ""), only());
        vm.show(null);
        assertEquals(List.of(), board.snapshot().connections());
        assertEquals(List.of(), events, "a context switch is no drop");
    }

    /** Connects at once, pushes health when the test says, finds what {@link #existing} says. */
    static final class Backend implements ConnectionBackend {
        Optional<Connection> existing = Optional.empty();
        Consumer<TunnelHealth> health;

        @Override
        public Optional<Connection> find(String context) {
            return existing;
        }

        @Override
        public Operation<Connection> up(String context, Consumer<StepEvent> steps) {
            return (p, c) -> {
                existing = Optional.of(CONN);
                return CONN;
            };
        }

        @Override
        public Operation<DownOperation.Report> down(Connection connection, boolean uninstall, Consumer<StepEvent> steps) {
            return (p, c) -> {
                existing = Optional.empty();
                return new DownOperation.Report(List.of("container gefyra-cargo-kind-dev"), List.of());
            };
        }

        @Override
        public Subscription watchHealth(Connection connection, Consumer<TunnelHealth> listener) {
            health = listener;
            return () -> health = null;
        }

        @Override
        public String plan(String context) {
            return "Connect will create …";
        }

        @Override
        public List<EngineOption> engines() {
            return List.of();
        }

        @Override
        public void useEngine(String endpoint) {
        }
    }
}
