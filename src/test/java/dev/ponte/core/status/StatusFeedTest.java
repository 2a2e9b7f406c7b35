package dev.ponte.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.testsupport.Snapshots;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tray's board follows every connection the service knows, not only the one on screen. */
class StatusFeedTest {
    private final StatusBoard board = new StatusBoard();
    private final StatusFeed feed = new StatusFeed(board, Clock.systemUTC());
    private static final Connection A = Connection.named("kind-dev", "kind-dev", "ponte1");
    private static final Connection B = Connection.named("staging", "staging", "ponte2");

    private static ConnectionsSnapshot both(ConnectionState a, ConnectionState b) {
        var x = Snapshots.one(A, a, "why a").connections().getFirst();
        var y = Snapshots.one(B, b, "why b").connections().getFirst();
        return new ConnectionsSnapshot(List.of(x, y), true);
    }

    @Test
    void everyLiveConnectionIsOnTheBoardAndADropIsAnnouncedForThatOneOnly() {
        List<StatusEvent> events = new ArrayList<>();
        board.onEvent(events::add);
        feed.connections(both(ConnectionState.CONNECTED, ConnectionState.CONNECTED));
        assertEquals(2, board.snapshot().connections().size());
        feed.connections(both(ConnectionState.CONNECTED, ConnectionState.DOWN));
        assertEquals(List.of(new StatusEvent.TunnelDropped("staging", ConnectionState.DOWN, "why b")), events);
        assertEquals(AppStatus.Overall.DOWN, board.snapshot().overall());
    }

    @Test
    void aContextNeverConnectedIsNotListedButOneJustDisconnectedStaysWithConnect() {
        feed.connections(both(ConnectionState.NOT_CONNECTED, ConnectionState.CONNECTED));
        assertEquals(List.of("staging"), board.snapshot().connections().stream().map(ConnectionStatus::context).toList());
        feed.connections(both(ConnectionState.NOT_CONNECTED, ConnectionState.NOT_CONNECTED));
        assertEquals(ConnectionState.NOT_CONNECTED, board.snapshot().connections().getFirst().state());
        assertTrue(board.snapshot().connections().stream().noneMatch(c -> c.context().equals("kind-dev")));
    }
}
