package dev.ponte.ui.tray;

import dev.ponte.core.status.AppStatus;
import dev.ponte.core.status.BridgeStatus;
import dev.ponte.core.status.ConnectionStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** The quit question as a JavaFX dialog; answers through a future so nothing waits in a nested event loop. */
public final class QuitDialog {
    private QuitDialog() {
    }

    /** Shows the question (owned by {@code owner} when it is showing); completes with the answer on the FX thread. */
    public static CompletableFuture<QuitChoice> ask(Window owner, AppStatus status) {
        List<QuitChoice> choices = QuitFlow.choices(status);
        List<ButtonType> buttons = choices.stream().map(c -> new ButtonType(c.label(), switch (c) {
            case CANCEL -> ButtonBar.ButtonData.CANCEL_CLOSE;
            case DISCONNECT_AND_QUIT, WAIT_THEN_QUIT -> ButtonBar.ButtonData.OK_DONE;
            default -> ButtonBar.ButtonData.OTHER;
        })).toList();
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message(status), buttons.toArray(ButtonType[]::new));
        alert.setTitle("Quit Ponte");
        alert.setHeaderText(status.anythingBusy() ? "An operation is still running" : "Disconnect before quitting?");
        if (owner != null && owner.isShowing()) {
            alert.initOwner(owner);
        }
        CompletableFuture<QuitChoice> answer = new CompletableFuture<>();
        alert.setOnHidden(e -> {
            int i = buttons.indexOf(alert.getResult());
            answer.complete(i < 0 ? QuitChoice.CANCEL : choices.get(i));
        });
        alert.show();
        return answer;
    }

    /** "kind-dev is connected; 1 bridge is active (api (default) → api-local)." plus what each choice does. */
    static String message(AppStatus status) {
        if (status.anythingBusy()) {
            List<String> busy = status.connections().stream().filter(c -> c.state().isBusy())
                    .map(c -> c.context() + " (" + c.state().word() + ")").toList();
            return String.join(", ", busy) + (busy.size() == 1 ? " is" : " are") + " not finished.\n\n"
                    + "Wait, then quit lets it finish first.\nCancel it and undo removes what it created so far, then quits.\n"
                    + "Quit now and leave it stops Ponte at once; at the next start Ponte shows what was left, "
                    + "to resume or clean up.";
        }
        List<String> up = status.connections().stream().filter(c -> c.state().isUp()).map(ConnectionStatus::context).toList();
        List<BridgeStatus> bridges = status.bridges();
        StringBuilder b = new StringBuilder();
        if (!up.isEmpty()) {
            b.append(String.join(", ", up)).append(up.size() == 1 ? " is connected" : " are connected");
        }
        if (!bridges.isEmpty()) {
            b.append(b.isEmpty() ? "" : "; ").append(bridges.size()).append(bridges.size() == 1 ? " bridge is" : " bridges are")
                    .append(" active (").append(String.join(", ", bridges.stream()
                            .map(x -> TrayMenuBuilder.bridgeTitle(x) + " → " + x.localContainer()).toList())).append(")");
        }
        b.append(".\n\nDisconnect and quit removes Cargo, the local network and this machine's registration "
                + "(gefyra down), then quits.\nQuit and leave them running keeps them up; Ponte finds them "
                + "again when it starts.");
        return b.toString();
    }
}
