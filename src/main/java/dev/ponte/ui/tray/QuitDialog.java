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
        ButtonType disconnect = new ButtonType(QuitChoice.DISCONNECT_AND_QUIT.label(), ButtonBar.ButtonData.OK_DONE);
        ButtonType leave = new ButtonType(QuitChoice.QUIT_LEAVE_RUNNING.label(), ButtonBar.ButtonData.OTHER);
        ButtonType cancel = new ButtonType(QuitChoice.CANCEL.label(), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message(status), disconnect, leave, cancel);
        alert.setTitle("Quit Ponte");
        alert.setHeaderText("Disconnect before quitting?");
        if (owner != null && owner.isShowing()) {
            alert.initOwner(owner);
        }
        CompletableFuture<QuitChoice> answer = new CompletableFuture<>();
        alert.setOnHidden(e -> {
            ButtonType r = alert.getResult();
            answer.complete(r == disconnect ? QuitChoice.DISCONNECT_AND_QUIT
                    : r == leave ? QuitChoice.QUIT_LEAVE_RUNNING : QuitChoice.CANCEL);
        });
        alert.show();
        return answer;
    }

    /** "kind-dev is connected; 1 bridge is active (api (default) → api-local)." plus what each choice does. */
    static String message(AppStatus status) {
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
