package dev.ponte.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponte.core.status.AppStatus.Overall;
import dev.ponte.core.status.ConnectionStatus;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.core.status.StatusBoard;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class TrayControllerTest {
    /** Stands in for Platform::runLater: runs what was queued when the test says so. */
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private final Executor fx = queued::add;
    private final StatusBoard board = new StatusBoard();
    private final List<TrayContent> drawn = new ArrayList<>();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private boolean closeToTray = true;
    private boolean hidden;
    private final TrayController controller = new TrayController(board, fx, drawn::add, notifier,
            new NotificationPolicy(() -> hidden), () -> closeToTray, new RecordingActions());

    private void runFx() {
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
    }

    @Test
    void aBurstOfChangesIsDrawnOnceWithTheLatestState() {
        runFx();
        drawn.clear();
        board.update(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTING, ""));
        board.update(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTED, ""));
        board.update(ConnectionStatus.of("staging", ConnectionState.DOWN, "gone"));
        runFx();
        assertEquals(1, drawn.size());
        assertEquals(Overall.DOWN, drawn.getFirst().icon());
        assertEquals(drawn.getFirst(), controller.shown());
    }

    @Test
    void aDroppedTunnelBecomesANotification() {
        board.update(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTED, ""));
        board.update(ConnectionStatus.of("kind-dev", ConnectionState.DOWN, "Cargo is gone"));
        runFx();
        assertEquals(List.of("kind-dev: tunnel down"), notifier.shown.stream().map(Notification::title).toList());
    }

    @Test
    void refreshShowsAChangedSetting() {
        runFx();
        closeToTray = false;
        controller.refresh();
        runFx();
        TrayMenu.Toggle t = (TrayMenu.Toggle) drawn.getLast().menu().get(drawn.getLast().menu().size() - 2);
        assertEquals(false, t.selected());
    }

    @Test
    void afterCloseNothingMoreIsDrawnOrNotified() {
        runFx();
        drawn.clear();
        controller.close();
        board.update(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTED, ""));
        board.update(ConnectionStatus.of("kind-dev", ConnectionState.DOWN, "Cargo is gone"));
        runFx();
        assertEquals(List.of(), drawn);
        assertEquals(List.of(), notifier.shown);
    }
}
