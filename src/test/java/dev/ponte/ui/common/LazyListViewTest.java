package dev.ponte.ui.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.testsupport.Pixels;
import dev.ponte.testsupport.Wait;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The side lists are empty in the first frame: {@link LazyListView} draws its placeholder without JavaFX's list skin
 * (virtual flow, scroll bars, behaviour) until it has an item, the focus or a press, and looks, measures and takes
 * the keyboard's focus as a {@link ListView} does.
 */
@ExtendWith(ApplicationExtension.class)
class LazyListViewTest {
    private ListView<String> plain;
    private LazyListView<String> lazy;
    private Button before;
    private Button after;

    @Start
    void start(Stage stage) {
        plain = new ListView<>();
        lazy = new LazyListView<>();
        before = new Button("before");
        after = new Button("after");
        javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
        plain.setId("plain");
        lazy.setId("lazy");
        plain.setPlaceholder(new Label("Reading kubeconfig…"));
        lazy.setPlaceholder(new Label("Reading kubeconfig…"));
        VBox left = new VBox(new Button("before"), plain, new Button("after")); // the same column on both sides
        VBox right = new VBox(before, lazy, after);
        VBox.setVgrow(plain, Priority.ALWAYS);
        VBox.setVgrow(lazy, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(250);
        right.setPrefWidth(250);
        left.setMinWidth(250);
        right.setMinWidth(250);
        Scene scene = new Scene(new HBox(left, right), 500, 360);
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void emptyItDrawsAndMeasuresAsAListViewWithoutBuildingTheListSkin(FxRobot robot) {
        robot.interact(() -> plain.setPrefHeight(300));
        robot.interact(() -> lazy.setPrefHeight(300));
        assertFalse(lazy.listSkinBuilt());
        assertTrue(lazy.lookupAll(".virtual-flow").isEmpty(), "no virtual flow");
        assertTrue(lazy.lookupAll(".scroll-bar").isEmpty(), "no scroll bars");
        assertFalse(plain.lookupAll(".virtual-flow").isEmpty(), "the plain list has its flow (the comparison is fair)");
        robot.interact(() -> {
            assertEquals(plain.minWidth(-1), lazy.minWidth(-1));
            assertEquals(plain.minHeight(-1), lazy.minHeight(-1));
            assertEquals(plain.prefWidth(-1), lazy.prefWidth(-1));
            assertEquals(plain.prefHeight(-1), lazy.prefHeight(-1));
            assertEquals(plain.getWidth(), lazy.getWidth());
            assertEquals(plain.getHeight(), lazy.getHeight());
            assertArrayEquals(Pixels.of(plain), Pixels.of(lazy), "the same pixels as the list skin's placeholder");
        });
    }

    @Test
    void anItemBuildsTheListSkinAndShowsIt(FxRobot robot) {
        robot.interact(() -> lazy.getItems().add("kind-dev"));
        assertTrue(lazy.listSkinBuilt());
        Wait.until("the item's cell", () -> robot.lookup("#lazy .list-cell").queryAll().stream()
                .anyMatch(c -> "kind-dev".equals(((javafx.scene.control.ListCell<?>) c).getText())));
        robot.interact(() -> lazy.getItems().clear());
        assertTrue(lazy.listSkinBuilt(), "built once, kept");
        Wait.until("the placeholder again", () -> robot.lookup("#lazy .placeholder").tryQuery().map(Node::isVisible)
                .orElse(false));
    }

    @Test
    void otherItemsBuildTheListSkinToo(FxRobot robot) {
        robot.interact(() -> lazy.setItems(FXCollections.observableArrayList()));
        assertFalse(lazy.listSkinBuilt(), "still empty");
        robot.interact(() -> lazy.setItems(FXCollections.observableArrayList("default")));
        assertTrue(lazy.listSkinBuilt());
    }

    @Test
    void aSortedFilteredListFillingLaterBuildsTheListSkin(FxRobot robot) {
        javafx.collections.ObservableList<String> source = FXCollections.observableArrayList();
        javafx.collections.transformation.FilteredList<String> filtered = source.filtered(n -> n.startsWith("p"));
        robot.interact(() -> lazy.setItems(new javafx.collections.transformation.SortedList<>(filtered)));
        robot.interact(() -> source.setAll("default", "kube-system"));
        assertFalse(lazy.listSkinBuilt(), "nothing shown yet");
        robot.interact(() -> source.setAll("default", "payments", "platform"));
        assertTrue(lazy.listSkinBuilt());
    }

    @Test
    void theKeyboardReachesItInItsPlaceAndItsBehaviourIsThere(FxRobot robot) {
        robot.interact(before::requestFocus);
        robot.type(KeyCode.TAB);
        Wait.until("the list focused", lazy::isFocused);
        assertTrue(lazy.listSkinBuilt(), "focus builds the list skin, with its keyboard behaviour");
        robot.type(KeyCode.TAB);
        Wait.until("the next button focused", after::isFocused);
        robot.interact(() -> lazy.getItems().addAll("a", "b"));
        robot.interact(lazy::requestFocus);
        robot.type(KeyCode.DOWN);
        Wait.until("the arrow key selects in the list", () -> lazy.getSelectionModel().getSelectedIndex() >= 0);
    }

    @Test
    void aPressFocusesItAsAListDoes(FxRobot robot) {
        robot.interact(before::requestFocus);
        robot.clickOn(lazy);
        Wait.until("the list focused", lazy::isFocused);
        assertTrue(lazy.listSkinBuilt());
        assertSame(lazy, lazy.getScene().getFocusOwner());
    }
}
