package dev.ponte.ui.setups;

import atlantafx.base.theme.Styles;
import dev.ponte.core.setups.Setup;
import dev.ponte.ui.connection.StepList;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Start setup": says what will be created (Connect if needed, the container with its image, folders and ports, each
 * bridge with its rules), asks for the values the setup does not store (they looked like secrets), then shows the
 * steps as they run, with Cancel (which undoes what this start made).
 */
final class StartSetupDialog {
    private final SetupsViewModel vm;
    private final Setup setup;
    private final Stage stage = new Stage();

    StartSetupDialog(SetupsViewModel vm, Setup setup, Window owner, boolean dark) {
        this.vm = vm;
        this.setup = setup;
        stage.initOwner(owner);
        stage.setTitle("Start setup " + setup.name());
        Label what = new Label(describe(setup));
        what.setId("startSetupPlan");
        what.setWrapText(true);
        what.setMinHeight(Region.USE_PREF_SIZE);

        GridPane values = new GridPane();
        values.setHgap(8);
        values.setVgap(6);
        // The value fields take the dialog's width: a long token shows more than a dozen dots.
        javafx.scene.layout.ColumnConstraints keys = new javafx.scene.layout.ColumnConstraints();
        javafx.scene.layout.ColumnConstraints inputs = new javafx.scene.layout.ColumnConstraints();
        inputs.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        inputs.setFillWidth(true);
        values.getColumnConstraints().setAll(keys, inputs);
        Map<String, PasswordField> fields = new LinkedHashMap<>();
        int row = 0;
        for (String key : setup.run().askAtStart()) {
            Label l = new Label(key);
            l.setMinWidth(Region.USE_PREF_SIZE);
            PasswordField f = new PasswordField();
            f.setId("askValue-" + key);
            f.setAccessibleText("Value of " + key);
            f.setPromptText("not stored in the setup");
            f.setMaxWidth(Double.MAX_VALUE);
            l.setLabelFor(f);
            values.addRow(row++, l, f);
            fields.put(key, f);
        }
        Label valuesTitle = new Label("Values Ponte does not store (they look like secrets):");
        valuesTitle.setWrapText(true);
        valuesTitle.setMinHeight(Region.USE_PREF_SIZE);
        VBox ask = new VBox(4, valuesTitle, values);
        ask.setVisible(!fields.isEmpty());
        ask.setManaged(!fields.isEmpty());

        StepList steps = new StepList(vm.steps());
        steps.setId("startSetupSteps");
        Label result = new Label();
        result.setId("startSetupResult");
        result.setWrapText(true);
        result.setMinHeight(Region.USE_PREF_SIZE);
        result.getStyleClass().add(Styles.SUCCESS);
        result.textProperty().bind(vm.resultProperty());
        Label problem = new Label();
        problem.setId("startSetupProblem");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(vm.problemProperty().map(p -> p.title() + ": " + p.detail() + " " + p.advice()).orElse(""));

        Button start = new Button("Start");
        start.setId("startSetupButton");
        start.getStyleClass().add(Styles.ACCENT);
        start.setDefaultButton(true);
        start.disableProperty().bind(vm.runningProperty());
        start.setOnAction(e -> {
            Map<String, String> asked = new LinkedHashMap<>();
            fields.forEach((k, f) -> asked.put(k, f.getText()));
            vm.start(setup, asked);
        });
        Button cancel = new Button("Cancel");
        cancel.setId("cancelSetupButton");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> {
            if (vm.runningProperty().get()) {
                vm.cancel();
            } else {
                stage.close();
            }
        });
        cancel.textProperty().bind(Bindings.when(vm.runningProperty()).then("Cancel").otherwise("Close"));
        HBox buttons = new HBox(8, start, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox content = new VBox(10, what, ask, steps, result, problem);
        content.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        VBox root = new VBox(8, scroll, buttons);
        root.setPadding(new Insets(0, 0, 12, 0));
        HBox.setMargin(buttons, new Insets(0, 12, 0, 0));
        buttons.setPadding(new Insets(0, 12, 0, 12));
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        root.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), dark);
        Scene scene = new Scene(root, 560, 520);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    void show() {
        stage.show();
        stage.toFront();
    }

    /** What Start will do, in plain words. */
    static String describe(Setup s) {
        StringBuilder b = new StringBuilder("Start will, in " + s.context() + ":\n");
        b.append("• connect it, if it is not connected\n");
        b.append("• run ").append(s.run().container()).append(" from ").append(s.run().image());
        if (s.run().envFrom() != null) {
            b.append(", with the environment of ").append(s.run().envFrom().workload()).append(" copied now");
        }
        if (!s.run().volumes().isEmpty()) {
            b.append(", folders ").append(String.join(", ", s.run().volumes().stream()
                    .map(v -> v.source() + " → " + v.target() + (v.readOnly() ? " (read-only)" : "")).toList()));
        }
        if (!s.run().ports().isEmpty()) {
            b.append(", ports ").append(String.join(", ", s.run().ports().stream()
                    .map(p -> p.hostIp() + ":" + p.hostPort() + " → " + p.containerPort()).toList()));
        }
        b.append('\n');
        for (Setup.BridgeSpec br : s.bridges()) {
            b.append("• bridge ").append(br.title()).append(": ")
                    .append(dev.ponte.core.bridge.RuleSummary.of(br.rules(), s.run().container())).append('\n');
        }
        b.append("If a step fails or you cancel, what this start made is removed again.");
        return b.toString();
    }
}
