package dev.ponte.ui.setups;

import atlantafx.base.theme.Styles;
import dev.ponte.core.setups.Setup;
import dev.ponte.ui.common.Tips;
import java.io.File;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The selected context's saved setups (right side, under the local containers): each with Start and a menu (Edit…,
 * Duplicate, Export…, Delete), and Import… for a file someone exported. "Save as setup…" is on a local container's
 * menu.
 */
public final class SetupsView extends VBox {
    private final SetupsViewModel vm;
    private final ListView<Setup> list = new dev.ponte.ui.common.LazyListView<>();
    private final Supplier<Boolean> dark;

    public SetupsView(SetupsViewModel vm, Supplier<Boolean> dark) {
        this.vm = vm;
        this.dark = dark;
        setId("setupsView");
        getStyleClass().add("side-section");
        setSpacing(6);
        setPadding(new Insets(8));
        Label header = new Label("SETUPS");
        header.getStyleClass().addAll("section-header", Styles.TEXT_MUTED);
        header.setMinWidth(Region.USE_PREF_SIZE);
        Button importButton = new Button("Import…");
        importButton.setId("importSetupsButton");
        importButton.getStyleClass().add(Styles.SMALL);
        importButton.setMinWidth(Region.USE_PREF_SIZE);
        Tips.set(importButton, "Import setups from a file into the selected context");
        importButton.setOnAction(e -> importFile());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, header, spacer, importButton);
        top.setAlignment(Pos.CENTER_LEFT);

        list.setId("setupList");
        list.setItems(vm.setups());
        list.setCellFactory(l -> new SetupCell());
        Label empty = new Label("No setups yet. Right-click a running local container and choose Save as setup… to "
                + "re-create it and its bridges later in one click.");
        empty.setWrapText(true);
        empty.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        list.setPrefHeight(120);
        VBox.setVgrow(list, Priority.ALWAYS);
        // Enter starts the selected setup; Delete deletes it (after asking).
        list.setOnKeyPressed(e -> {
            Setup s = list.getSelectionModel().getSelectedItem();
            if (s == null) {
                return;
            }
            switch (e.getCode()) {
                case ENTER -> start(s);
                case DELETE -> confirmDelete(s);
                default -> {
                    return;
                }
            }
            e.consume();
        });

        Label message = new Label();
        message.setId("setupsMessage");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        getChildren().addAll(top, list, message);
    }

    /** Opens the Start dialog for a setup (values it asks for, the steps, Cancel). */
    public void start(Setup s) {
        new StartSetupDialog(vm, s, getScene() == null ? null : getScene().getWindow(), dark.get()).show();
    }

    private void importFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import setups into " + vm.context());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Ponte setups", "*.json"));
        File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            vm.importFrom(f.toPath());
        }
    }

    private void export(Setup s) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export setup " + s.name());
        chooser.setInitialFileName(s.name().replaceAll("[^A-Za-z0-9._-]+", "-") + ".ponte-setup.json");
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            vm.export(List.of(s), f.toPath());
        }
    }

    private void confirmDelete(Setup s) {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION);
        a.setHeaderText("Delete the setup " + s.name() + "?");
        a.setContentText("This removes the saved setup only; nothing running is touched.");
        javafx.scene.control.ButtonType delete = new javafx.scene.control.ButtonType("Delete setup",
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(delete, javafx.scene.control.ButtonType.CANCEL);
        if (getScene() != null) {
            a.initOwner(getScene().getWindow());
        }
        a.showAndWait().filter(delete::equals).ifPresent(x -> vm.delete(s));
    }

    /** A setup: name and summary, Start, and the menu of the rest. */
    private final class SetupCell extends ListCell<Setup> {
        private final Label name = new Label();
        private final Label summary = new Label();
        private final Button start = new Button("Start");
        private final MenuButton more = new MenuButton("⋯");
        private final VBox box;

        SetupCell() {
            name.getStyleClass().add(Styles.TEXT_BOLD);
            summary.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            for (Label l : new Label[] {name, summary}) {
                l.setWrapText(true);
                l.setMinHeight(Region.USE_PREF_SIZE);
            }
            start.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT);
            start.setMinWidth(Region.USE_PREF_SIZE);
            more.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
            more.setMinWidth(Region.USE_PREF_SIZE);
            // Name and buttons on top, the summary under them across the whole width (as a local container's row):
            // a wrapped summary beside the buttons made the row shorter than its text, which the list then cut off.
            name.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(name, Priority.ALWAYS);
            HBox top = new HBox(6, name, start, more);
            top.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(1, top, summary);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Setup s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setGraphic(null);
                setContextMenu(null);
                return;
            }
            name.setText(dev.ponte.ui.common.Format.breakable(s.name()));
            summary.setText(SetupsViewModel.summary(s));
            start.setId("startSetup-" + s.name().replaceAll("[^A-Za-z0-9_-]", "_"));
            start.setOnAction(e -> SetupsView.this.start(s));
            Tips.set(start, "Connect if needed, run " + s.run().container() + " and bridge it again (Enter)");
            start.setAccessibleText("Start setup " + s.name());
            more.setAccessibleText("More actions for setup " + s.name());
            Tips.set(more, "Edit, duplicate, export or delete " + s.name());
            more.getItems().setAll(items(s));
            setContextMenu(new ContextMenu(items(s).toArray(MenuItem[]::new)));
            setAccessibleText("Setup " + s.name() + ": " + summary.getText());
            setGraphic(box);
        }

        private List<MenuItem> items(Setup s) {
            MenuItem edit = new MenuItem("Edit…");
            edit.setOnAction(e -> new EditSetupDialog(vm, s, getScene() == null ? null : getScene().getWindow(), dark.get()).show());
            MenuItem duplicate = new MenuItem("Duplicate");
            duplicate.setOnAction(e -> vm.duplicate(s));
            MenuItem export = new MenuItem("Export…");
            export.setOnAction(e -> export(s));
            MenuItem delete = new MenuItem("Delete…");
            delete.setOnAction(e -> confirmDelete(s));
            return List.of(edit, duplicate, export, delete);
        }
    }
}
