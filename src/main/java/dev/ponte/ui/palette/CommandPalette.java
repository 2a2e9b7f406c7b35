package dev.ponte.ui.palette;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

/**
 * The command palette's window: a search field over the results, keyboard only — type to filter, Up/Down to move,
 * Enter to run, Esc (or clicking elsewhere) to close. Opens near the top of the main window, in its theme.
 */
public final class CommandPalette {
    private final CommandPaletteViewModel vm;
    private final Stage stage = new Stage(StageStyle.UNDECORATED);
    private final TextField field = new TextField();
    private final ListView<PaletteItem> list = new ListView<>();

    public CommandPalette(CommandPaletteViewModel vm, Window owner, String stylesheet) {
        this.vm = vm;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Command palette");
        field.setId("paletteQuery");
        field.setPromptText("Type a command, context, namespace, workload or container…");
        field.setAccessibleText("Command palette: type to search");
        field.textProperty().bindBidirectional(vm.queryProperty());
        list.setId("paletteResults");
        list.setItems(vm.results());
        list.setFocusTraversable(false);
        list.setPlaceholder(new Label("Nothing matches"));
        list.setCellFactory(l -> new ItemCell());
        list.setPrefHeight(360);
        vm.selectedProperty().addListener((o, a, b) -> {
            int i = b.intValue();
            if (i >= 0) {
                list.getSelectionModel().select(i);
                list.scrollTo(Math.max(0, i - 3));
            } else {
                list.getSelectionModel().clearSelection();
            }
        });
        list.setOnMouseClicked(e -> {
            int i = list.getSelectionModel().getSelectedIndex();
            if (i >= 0) {
                vm.selectedProperty().set(i);
                runAndClose();
            }
        });
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case DOWN -> vm.moveDown();
                case UP -> vm.moveUp();
                case ENTER -> runAndClose();
                case ESCAPE -> stage.hide();
                default -> {
                    return;
                }
            }
            e.consume();
        });
        VBox box = new VBox(6, field, list);
        box.setId("commandPalette");
        box.getStyleClass().add("command-palette");
        box.setPadding(new Insets(8));
        VBox.setVgrow(list, Priority.ALWAYS);
        Scene scene = new Scene(box, 560, 420);
        if (stylesheet != null) {
            scene.getStylesheets().add(stylesheet);
        }
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.hide();
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.focusedProperty().addListener((o, was, is) -> {
            if (!is && stage.isShowing()) {
                stage.hide(); // clicked elsewhere
            }
        });
    }

    /** Opens it (fresh results, empty query), in the owner's theme. */
    public void show(boolean dark) {
        vm.open();
        stage.getScene().getRoot().pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), dark);
        Window owner = stage.getOwner();
        if (owner != null) {
            stage.setX(owner.getX() + Math.max(0, (owner.getWidth() - 560) / 2));
            stage.setY(owner.getY() + 60);
        }
        stage.show();
        stage.toFront();
        field.requestFocus();
        javafx.application.Platform.runLater(field::requestFocus); // once the window has the focus
    }

    private void runAndClose() {
        stage.hide();
        // After the owner has the focus back, so an action that moves the focus (select a workload) keeps it.
        javafx.application.Platform.runLater(vm::runSelected);
    }

    public Stage stage() {
        return stage;
    }

    /** A result: its title, and its kind with the detail on a muted line. */
    private static final class ItemCell extends ListCell<PaletteItem> {
        private final Label title = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(1, title, detail);

        ItemCell() {
            detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            title.setWrapText(true);
            detail.setWrapText(true);
            title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            detail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(PaletteItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            title.setText(item.title());
            detail.setText(item.kind().word() + (item.detail().isEmpty() ? "" : " · " + item.detail()));
            setAccessibleText(item.title() + ", " + detail.getText());
            setGraphic(box);
        }
    }
}
