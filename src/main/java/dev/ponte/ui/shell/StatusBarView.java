package dev.ponte.ui.shell;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Bottom line: selected context, API server state and version, the connection slot, Ponte's version. */
public final class StatusBarView extends HBox {
    public StatusBarView(MainViewModel vm) {
        setId("statusBar");
        getStyleClass().add("status-bar");
        Label context = new Label();
        context.setId("statusContext");
        context.textProperty().bind(vm.statusBar().contextStatusProperty());
        Label connection = new Label();
        connection.setId("connectionSlot");
        connection.textProperty().bind(vm.statusBar().connectionStatusProperty());
        connection.getStyleClass().add(Styles.TEXT_MUTED);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label version = new Label("Ponte " + vm.version());
        version.getStyleClass().add(Styles.TEXT_MUTED);
        getChildren().addAll(context, new Separator(javafx.geometry.Orientation.VERTICAL), connection, grow, version);
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 10, 3, 10));
    }
}
