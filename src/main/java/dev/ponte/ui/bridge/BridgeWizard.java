package dev.ponte.ui.bridge;

import dev.ponte.core.bridge.BridgeBackend;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.ui.common.TaskRunner;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens the bridge wizard for a workload in its own window, one per workload. The wizard's inputs
 * outlive the window: closing it and opening it again for the same workload brings back what was
 * typed (and a running bridge's progress), until a bridge is active. Make one per connection.
 */
public final class BridgeWizard {
    private final BridgeBackend backend;
    private final TaskRunner tasks;
    private final Executor ui;
    private final RunLauncher runLauncher;
    private final Map<String, BridgeWizardViewModel> drafts = new HashMap<>();
    private final Map<String, Stage> open = new HashMap<>();

    /**
     * @param ui          runs on the FX thread, e.g. {@code Platform::runLater}
     * @param runLauncher opens the Run dialog prefilled, for "Run one now…"
     */
    public BridgeWizard(BridgeBackend backend, TaskRunner tasks, Executor ui, RunLauncher runLauncher) {
        this.backend = backend;
        this.tasks = tasks;
        this.ui = ui;
        this.runLauncher = runLauncher;
    }

    /** Shows the wizard for the workload (brings its window to the front when it is open already). Call on the FX thread. */
    public Stage open(Window owner, String namespace, WorkloadKind kind, String workload) {
        String key = namespace + "/" + kind + "/" + workload;
        Stage shown = open.get(key);
        if (shown != null) {
            shown.toFront();
            return shown;
        }
        BridgeWizardViewModel vm = viewModel(namespace, kind, workload);
        BridgeWizardView view = new BridgeWizardView(vm);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Bridge " + vm.target() + " — Ponte");
        Scene scene = new Scene(view);
        scene.getStylesheets().add(dev.ponte.ui.common.PonteStyleSheet.url());
        stage.setScene(scene);
        Runnable close = () -> {
            stage.hide();
            open.remove(key);
            if (vm.outcomeProperty().get() == BridgeWizardViewModel.Outcome.ACTIVE) {
                drafts.remove(key);
            }
        };
        view.setOnClose(close);
        stage.setOnCloseRequest(e -> close.run());
        open.put(key, stage);
        stage.setOnShown(e -> { // opened with Ctrl+B: it takes the keyboard
            stage.toFront();
            stage.requestFocus();
            javafx.application.Platform.runLater(stage::requestFocus); // again after the key events that opened it
        });
        stage.show();
        vm.load();
        return stage;
    }

    /** The wizard's state for the workload: the one left by the last window, or a fresh one. */
    BridgeWizardViewModel viewModel(String namespace, WorkloadKind kind, String workload) {
        return drafts.computeIfAbsent(namespace + "/" + kind + "/" + workload,
                k -> new BridgeWizardViewModel(backend, tasks, ui, runLauncher, namespace, kind, workload));
    }
}
