package dev.ponte.ui.common;

import javafx.css.PseudoClass;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Dialog windows that look like the main window: its stylesheets and its light/dark state. */
public final class ChildWindows {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private ChildWindows() {
    }

    /** A window owned by {@code owner} (may be null in tests), modal to it when {@code modal}. */
    public static Stage create(Window owner, String title, Parent root, double width, double height, boolean modal) {
        Stage stage = new Stage();
        stage.setTitle(title);
        Scene scene = new Scene(root, width, height);
        if (owner != null) {
            stage.initOwner(owner);
            if (modal) {
                stage.initModality(Modality.WINDOW_MODAL);
            }
            Scene ownerScene = owner.getScene();
            if (ownerScene != null) {
                scene.getStylesheets().setAll(ownerScene.getStylesheets());
                boolean dark = ownerScene.getRoot() != null && ownerScene.getRoot().getPseudoClassStates().contains(DARK);
                root.pseudoClassStateChanged(DARK, dark);
                stage.getIcons().setAll(owner instanceof Stage s ? s.getIcons() : java.util.List.of());
            }
        }
        stage.setScene(scene);
        // Opened from the keyboard (Ctrl+R, Ctrl+B, the palette), it must take the keyboard: not every window
        // manager (nor the headless one of the tests) gives a new window the focus by itself.
        stage.setOnShown(e -> {
            stage.toFront();
            stage.requestFocus();
            javafx.application.Platform.runLater(stage::requestFocus); // again after the key events that opened it
        });
        return stage;
    }
}
