package dev.ponte.ui.bridge;

import atlantafx.base.theme.Styles;
import dev.ponte.core.bridge.TestRequestSender;
import dev.ponte.ui.common.Tips;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * "Send test request" and what came back: per request whether it matched, the status, who answered (as Cargo measured
 * it) and the first lines of the answer. Used by the wizard's review and result pages and by a bridge's row.
 */
public final class TestRequestPanel extends VBox {
    public TestRequestPanel(String id, ObservableList<TestRequestSender.Shot> shots, ReadOnlyBooleanProperty testing,
                            ReadOnlyStringProperty problem, Runnable send) {
        super(6);
        setId(id);
        Button button = new Button("Send test request");
        button.setId(id + "Button");
        Tips.set(button, "From inside this connection's network (through Cargo) to the "
                + "workload's Service: the request each rule set matches, and one that matches none");
        button.setOnAction(e -> send.run());
        button.disableProperty().bind(testing);
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(16, 16);
        spin.visibleProperty().bind(testing);
        spin.managedProperty().bind(spin.visibleProperty());
        Label hint = WizardPages.muted("Sent from Cargo through the tunnel to the workload's Service, as a client in the "
                + "cluster would; who answered is what Cargo counted reaching your container.");
        Label error = WizardPages.small("", Styles.DANGER);
        error.textProperty().bind(problem);
        error.visibleProperty().bind(problem.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox results = new VBox(8);
        results.setId(id + "Results");
        shots.addListener((ListChangeListener<TestRequestSender.Shot>) c -> results.getChildren().setAll(
                shots.stream().map(TestRequestPanel::row).toList()));
        HBox top = new HBox(8, button, spin);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(top, hint, error, results);
    }

    private static VBox row(TestRequestSender.Shot s) {
        Label head = new Label((s.asExpected() ? "✓ " : "✗ ") + s.summary());
        head.getStyleClass().addAll(Styles.TEXT_BOLD, s.asExpected() ? Styles.SUCCESS : Styles.DANGER);
        head.setWrapText(true);
        Label request = WizardPages.small(s.request(), Styles.TEXT_MUTED);
        request.getStyleClass().add("monospace");
        Label lines = WizardPages.small(String.join("\n", s.lines().isEmpty() ? List.of("(no answer)") : s.lines()), "monospace");
        Label evidence = WizardPages.muted(s.evidence());
        VBox box = new VBox(2, head, request, lines, evidence);
        box.getStyleClass().add("test-request-row");
        return box;
    }

    /** Binds the panel's visibility to {@code shown}. */
    public TestRequestPanel shownWhen(javafx.beans.value.ObservableBooleanValue shown) {
        visibleProperty().bind(Bindings.createBooleanBinding(shown::get, shown));
        managedProperty().bind(visibleProperty());
        return this;
    }
}
