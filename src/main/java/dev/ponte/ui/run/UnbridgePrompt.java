package dev.ponte.ui.run;

import dev.ponte.core.run.BridgeState;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * One click unbridges; only when the bridge is the last one on a mount this machine created does
 * Ponte ask whether to restore the workload's original pods too.
 */
public final class UnbridgePrompt {
    private UnbridgePrompt() {
    }

    public static void unbridge(Window owner, LocalContainersViewModel vm, BridgeState s) {
        if (!vm.offersMountRemoval(s)) {
            vm.unbridge(s, false);
            return;
        }
        ButtonType restore = new ButtonType("Unbridge and restore " + s.workload(), ButtonBar.ButtonData.YES);
        ButtonType keep = new ButtonType("Unbridge, keep Carrier2", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", restore, keep, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle("Unbridge");
        alert.setHeaderText("This is the last bridge on " + s.workload());
        alert.setContentText("Ponte prepared this workload for bridging (Carrier2 in its pods, a shadow copy serving "
                + "everyone else). Restore it now? Its pods restart with their original spec. Keep it if you will bridge "
                + "again soon: the next bridge is then ready in seconds.");
        alert.getDialogPane().setId("unbridgePrompt");
        alert.showAndWait().ifPresent(choice -> {
            if (choice == restore) {
                vm.unbridge(s, true);
            } else if (choice == keep) {
                vm.unbridge(s, false);
            }
        });
    }
}
