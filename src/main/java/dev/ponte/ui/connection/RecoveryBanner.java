package dev.ponte.ui.connection;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The banner above the window's panes: one line per connection left from before, with Resume and Clean up. */
public final class RecoveryBanner extends VBox {
    private final RecoveryViewModel vm;

    public RecoveryBanner(RecoveryViewModel vm) {
        this.vm = vm;
        setId("recoveryBanner");
        getStyleClass().add("recovery-banner");
        setPadding(new Insets(6, 10, 6, 10));
        setSpacing(4);
        visibleProperty().bind(Bindings.isNotEmpty(vm.items()));
        managedProperty().bind(visibleProperty());
        vm.items().addListener((ListChangeListener<RecoveryViewModel.Item>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        for (RecoveryViewModel.Item i : vm.items()) {
            Label text = new Label("⚠ " + i.text());
            text.setWrapText(true);
            text.setMaxWidth(Double.MAX_VALUE);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            Hyperlink show = new Hyperlink("Show");
            show.setOnAction(e -> vm.select(i));
            show.setAccessibleText("Show " + i.context());
            Button resume = new Button("Resume");
            resume.getStyleClass().add(Styles.SMALL);
            resume.setOnAction(e -> vm.resume(i));
            resume.setVisible(i.canResume());
            resume.setManaged(i.canResume());
            resume.setDisable(i.busy());
            resume.setAccessibleText("Resume " + i.context());
            Button clean = new Button("Clean up");
            clean.getStyleClass().add(Styles.SMALL);
            clean.setOnAction(e -> vm.cleanUp(i));
            clean.setVisible(i.canCleanUp());
            clean.setManaged(i.canCleanUp());
            clean.setDisable(i.busy());
            clean.setAccessibleText("Clean up " + i.context());
            for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {show, resume, clean}) {
                c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never "…": the actions must read whole
            }
            HBox line = new HBox(8, text, show, resume, clean);
            line.setAlignment(Pos.CENTER_LEFT);
            line.getStyleClass().add("recovery-line");
            getChildren().add(line);
        }
    }
}
