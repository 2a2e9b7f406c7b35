package dev.ponte.ui.connection;

import atlantafx.base.theme.Styles;
import dev.ponte.core.task.StepEvent;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A step list that shows every step whole: one row per step (state icon, name, elapsed time, detail below), names
 * and details wrapped to the width, no scroll box of its own — the panel around it scrolls. Rows follow their
 * {@link StepItem} as the step moves on. Meant for the few steps of an operation (Connect's eight, Start setup's
 * handful), not for long lists.
 */
public final class StepList extends VBox {
    private final ObservableList<StepItem> steps;

    public StepList(ObservableList<StepItem> steps) {
        this.steps = steps;
        setSpacing(4);
        getStyleClass().add("step-list");
        steps.addListener((ListChangeListener<StepItem>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        for (StepItem item : steps) {
            if (item != null) {
                getChildren().add(new Row(item));
            }
        }
    }

    /** One step. */
    private static final class Row extends HBox {
        private final Label icon = new Label();
        private final Label name = new Label();
        private final Label time = new Label();
        private final Label detail = new Label();

        Row(StepItem item) {
            super(6);
            getStyleClass().add("step-row");
            detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            time.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            for (Label l : new Label[] {name, detail}) {
                l.setWrapText(true);
                l.setMinHeight(Region.USE_PREF_SIZE);
                l.setMaxWidth(Double.MAX_VALUE);
            }
            icon.setMinWidth(16);
            time.setMinWidth(Region.USE_PREF_SIZE);
            VBox text = new VBox(1, name, detail);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            setAlignment(Pos.TOP_LEFT);
            getChildren().addAll(icon, text, time);
            item.eventProperty().subscribe(this::render);
        }

        private void render(StepEvent e) {
            icon.setText(StepCellText.icon(e.state()));
            icon.getStyleClass().setAll("label", StepCellText.tone(e.state()));
            icon.setAccessibleText(e.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            name.setText(e.name());
            detail.setText(e.detail());
            detail.setVisible(!e.detail().isEmpty());
            detail.setManaged(!e.detail().isEmpty());
            time.setText(StepCellText.time(e));
        }
    }
}
