package dev.ponte.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.status.AppStatus;
import dev.ponte.core.status.ConnectionStatus;
import dev.ponte.core.connections.ConnectionState;
import dev.ponte.ui.tray.QuitFlow.CloseAction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuitFlowTest {
    private static final AppStatus CONNECTED = new AppStatus(List.of(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTED, "")), List.of());
    private static final AppStatus IDLE = new AppStatus(List.of(ConnectionStatus.of("kind-dev", ConnectionState.NOT_CONNECTED, "")), List.of());

    private final List<String> log = new ArrayList<>();
    private final List<AppStatus> asked = new ArrayList<>();
    private CompletableFuture<QuitChoice> answer = new CompletableFuture<>();
    private CompletableFuture<Boolean> teardown = new CompletableFuture<>();
    private AppStatus status = CONNECTED;

    private final QuitFlow flow = new QuitFlow(() -> status, s -> {
        asked.add(s);
        return answer;
    }, () -> {
        log.add("teardown");
        return teardown;
    }, () -> log.add("exit"), () -> log.add("show window"));

    @Test
    void nothingUpQuitsWithoutAsking() {
        status = IDLE;
        flow.quit();
        assertEquals(List.of(), asked);
        assertEquals(List.of("exit"), log);
    }

    @Test
    void quitAsksAboutWhatIsUpAndWaitsForTheAnswer() {
        flow.quit();
        assertEquals(List.of(CONNECTED), asked);
        assertEquals(List.of(), log, "nothing happens before the answer");
    }

    @Test
    void disconnectAndQuitTearsDownThenExits() {
        flow.quit();
        answer.complete(QuitChoice.DISCONNECT_AND_QUIT);
        assertEquals(List.of("teardown"), log, "exit waits for the teardown");
        teardown.complete(true);
        assertEquals(List.of("teardown", "exit"), log);
    }

    @Test
    void aFailedTeardownShowsTheWindowInsteadOfExiting() {
        flow.quit();
        answer.complete(QuitChoice.DISCONNECT_AND_QUIT);
        teardown.complete(false);
        assertEquals(List.of("teardown", "show window"), log);
    }

    @Test
    void quitAndLeaveRunningExitsWithoutTeardown() {
        flow.quit();
        answer.complete(QuitChoice.QUIT_LEAVE_RUNNING);
        assertEquals(List.of("exit"), log);
    }

    private static final AppStatus BUSY = new AppStatus(List.of(ConnectionStatus.of("kind-dev", ConnectionState.CONNECTING, "")), List.of());

    @Test
    void whileAnOperationRunsTheQuestionIsWaitUndoOrLeaveIt() {
        assertEquals(List.of(QuitChoice.WAIT_THEN_QUIT, QuitChoice.UNDO_THEN_QUIT, QuitChoice.QUIT_NOW, QuitChoice.CANCEL),
                QuitFlow.choices(BUSY));
        assertTrue(QuitDialog.message(BUSY).startsWith("kind-dev (Connecting…) is not finished."), QuitDialog.message(BUSY));
        assertEquals(QuitFlow.CloseAction.ASK, QuitFlow.onClose(false, true, BUSY), "closing while connecting no longer quits at once");
    }

    @Test
    void waitThenQuitAsksAgainOnceTheOperationEnded() {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        flow.whenBusy(() -> idle, () -> log.add("cancel all"));
        status = BUSY;
        flow.quit();
        answer.complete(QuitChoice.WAIT_THEN_QUIT);
        assertEquals(List.of(), log, "nothing until the operation ends");
        status = CONNECTED;
        answer = new CompletableFuture<>();
        idle.complete(null);
        assertEquals(List.of(BUSY, CONNECTED), asked, "then the usual question about what is up");
    }

    @Test
    void undoThenQuitCancelsEverythingAndExitsOnceUndone() {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        flow.whenBusy(() -> idle, () -> log.add("cancel all"));
        status = BUSY;
        flow.quit();
        answer.complete(QuitChoice.UNDO_THEN_QUIT);
        assertEquals(List.of("cancel all"), log, "exit waits for the undoing");
        idle.complete(null);
        assertEquals(List.of("cancel all", "exit"), log);
    }

    @Test
    void quitNowLeavesTheOperationToTheJournal() {
        flow.whenBusy(CompletableFuture::new, () -> log.add("cancel all"));
        status = BUSY;
        flow.quit();
        answer.complete(QuitChoice.QUIT_NOW);
        assertEquals(List.of("exit"), log);
    }

    @Test
    void cancelDoesNothing() {
        CompletableFuture<QuitChoice> result = flow.quit();
        answer.complete(QuitChoice.CANCEL);
        assertEquals(List.of(), log);
        assertEquals(QuitChoice.CANCEL, result.join());
    }

    @Test
    void theButtonsSayWhatHappens() {
        assertEquals(List.of("Disconnect and quit", "Quit and leave them running", "Don't quit"),
                QuitFlow.choices(CONNECTED).stream().map(QuitChoice::label).toList());
        String text = QuitDialog.message(CONNECTED);
        assertTrue(text.startsWith("kind-dev is connected."), text);
    }

    @ParameterizedTest(name = "tray={0} closeToTray={1} up={2} -> {3}")
    @CsvSource(textBlock = """
            true,  true,  true,  HIDE_TO_TRAY
            true,  false, true,  ASK
            false, true,  true,  ASK
            false, false, true,  ASK
            true,  true,  false, QUIT
            false, true,  false, QUIT
            """)
    void closingTheWindowHidesAsksOrQuits(boolean tray, boolean closeToTray, boolean up, CloseAction expected) {
        assertEquals(expected, QuitFlow.onClose(tray, closeToTray, up ? CONNECTED : IDLE));
    }
}
