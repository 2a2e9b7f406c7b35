package dev.ponte.ui.common;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** A centred message for empty and error states: a title, a few lines, and the next actions. */
public final class EmptyState extends VBox {
    private final Label title = new Label();
    private final Label body = new Label();
    private final HBox actions = new HBox(8);

    public EmptyState(String id) {
        setId(id);
        getStyleClass().add("empty-state");
        setAlignment(Pos.CENTER);
        setSpacing(12);
        setMaxWidth(Double.MAX_VALUE);
        title.getStyleClass().add(Styles.TITLE_3);
        title.setId(id + "-title");
        title.setWrapText(true);
        body.setId(id + "-body");
        body.setWrapText(true);
        body.setMaxWidth(560);
        body.getStyleClass().add("empty-state-body");
        actions.setAlignment(Pos.CENTER);
        getChildren().addAll(title, body, actions);
    }

    public Label title() {
        return title;
    }

    public Label body() {
        return body;
    }

    public EmptyState actions(Node... nodes) {
        actions.getChildren().setAll(nodes);
        return this;
    }
}
