package dev.ponte.ui.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.testsupport.Pixels;
import dev.ponte.testsupport.Wait;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.TextInputControlSkin;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The namespace filter is the first frame's only text field, empty and unfocused: {@link LazyTextField} draws its
 * prompt without JavaFX's text field skin and behaviour until it has text, the focus or a press, and looks, measures
 * and takes the keyboard as a {@link TextField} does.
 */
@ExtendWith(ApplicationExtension.class)
class LazyTextFieldTest {
    private static final String PROMPT = "Filter namespaces";
    private TextField plain;
    private LazyTextField lazy;
    private Button before;
    private Button after;
    private HBox root;
    private final List<String> lazySkins = new ArrayList<>();

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
        plain = new TextField();
        lazy = new LazyTextField();
        lazy.skinProperty().subscribe(s -> {
            if (s != null) {
                lazySkins.add(s.getClass().getName());
            }
        });
        before = new Button("before");
        after = new Button("after");
        plain.setId("plain");
        lazy.setId("lazy");
        plain.setPromptText(PROMPT);
        lazy.setPromptText(PROMPT);
        // The same column on both sides, as the namespaces pane lays the filter out.
        VBox left = new VBox(6, new Button("before"), plain, new Button("after"));
        VBox right = new VBox(6, before, lazy, after);
        for (VBox column : List.of(left, right)) {
            HBox.setHgrow(column, Priority.ALWAYS);
            column.setPrefWidth(250);
            column.setMinWidth(250);
        }
        root = new HBox(left, right);
        Scene scene = new Scene(root, 500, 200);
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void emptyItDrawsAndMeasuresAsATextFieldInBothThemes(boolean dark, FxRobot robot) {
        robot.interact(() -> {
            Application.setUserAgentStylesheet(dark ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS()
                    : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
            root.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), dark);
        });
        robot.interact(() -> { }); // a pulse with the theme's rules applied
        assertFalse(lazy.textSkinBuilt());
        robot.interact(() -> {
            assertEquals(plain.minWidth(-1), lazy.minWidth(-1), "min width");
            assertEquals(plain.minHeight(-1), lazy.minHeight(-1), "min height");
            assertEquals(plain.prefWidth(-1), lazy.prefWidth(-1), "pref width");
            assertEquals(plain.prefHeight(-1), lazy.prefHeight(-1), "pref height");
            assertEquals(plain.maxHeight(-1), lazy.maxHeight(-1), "max height");
            assertEquals(plain.maxWidth(-1), lazy.maxWidth(-1), "max width");
            assertEquals(plain.getBaselineOffset(), lazy.getBaselineOffset(), "baseline");
            assertEquals(plain.getWidth(), lazy.getWidth());
            assertEquals(plain.getHeight(), lazy.getHeight());
            assertArrayEquals(Pixels.of(plain), Pixels.of(lazy), "the same pixels as the text field's prompt");
        });
    }

    @Test
    void alignedOrResizedItStillDrawsAsATextField(FxRobot robot) {
        for (Pos pos : List.of(Pos.CENTER, Pos.BOTTOM_RIGHT, Pos.TOP_LEFT)) {
            robot.interact(() -> {
                plain.setAlignment(pos);
                lazy.setAlignment(pos);
                plain.setMinHeight(50);
                lazy.setMinHeight(50);
                plain.setFont(javafx.scene.text.Font.font(17));
                lazy.setFont(javafx.scene.text.Font.font(17));
                plain.setPrefColumnCount(7);
                lazy.setPrefColumnCount(7);
            });
            robot.interact(() -> {
                assertEquals(plain.prefWidth(-1), lazy.prefWidth(-1), "pref width " + pos);
                assertEquals(plain.getHeight(), lazy.getHeight());
                assertArrayEquals(Pixels.of(plain), Pixels.of(lazy), "the same pixels, " + pos);
            });
        }
        robot.interact(() -> {
            plain.setAlignment(Pos.CENTER_RIGHT);
            lazy.setAlignment(Pos.CENTER_RIGHT);
        });
        robot.interact(() -> {
            plain.setPromptText("Filter");
            lazy.setPromptText("Filter");
        });
        robot.interact(() -> assertArrayEquals(Pixels.of(plain), Pixels.of(lazy), "a shorter prompt, still on the right"));
        assertFalse(lazy.textSkinBuilt());
    }

    @Test
    void afterTheFirstPulseItHasNeverHadJavaFxsTextSkin(FxRobot robot) {
        robot.interact(() -> { });
        assertFalse(lazy.getSkin() instanceof TextInputControlSkin<?>, "not JavaFX's skin: " + lazy.getSkin());
        assertFalse(lazySkins.isEmpty(), "a skin was made");
        assertTrue(lazySkins.stream().noneMatch(n -> n.contains("TextFieldSkin")), "skins: " + lazySkins);
        assertNull(lazy.getInputMethodRequests(), "no text skin installed its input method support");
        assertTrue(plain.getSkin() instanceof TextInputControlSkin<?>, "the plain field has it (the test is fair)");
    }

    @Test
    void itIsATextFieldToStyleSheetsAndScreenReaders(FxRobot robot) {
        assertEquals("TextField", lazy.getTypeSelector());
        assertTrue(lazy.getStyleClass().contains("text-field"));
        robot.interact(() -> {
            assertEquals(AccessibleRole.TEXT_FIELD, lazy.queryAccessibleAttribute(AccessibleAttribute.ROLE));
            assertEquals(plain.queryAccessibleAttribute(AccessibleAttribute.TEXT),
                    lazy.queryAccessibleAttribute(AccessibleAttribute.TEXT));
            assertEquals(PROMPT, lazy.queryAccessibleAttribute(AccessibleAttribute.TEXT));
        });
        assertFalse(lazy.textSkinBuilt());
    }

    @Test
    void textFromABindingBuildsTheTextSkinAndShowsIt(FxRobot robot) {
        StringProperty restored = new SimpleStringProperty("");
        robot.interact(() -> lazy.textProperty().bindBidirectional(restored));
        assertFalse(lazy.textSkinBuilt(), "still empty");
        robot.interact(() -> restored.set("payments"));
        assertTrue(lazy.textSkinBuilt());
        Wait.until("the text drawn", () -> lazy.lookupAll(".text").stream()
                .anyMatch(t -> t.isVisible() && "payments".equals(((javafx.scene.text.Text) t).getText())));
        robot.interact(() -> restored.set(""));
        assertTrue(lazy.textSkinBuilt(), "built once, kept");
    }

    @Test
    void tabIntoItFocusesItAndTheKeysThatFollowAreTyped(FxRobot robot) {
        robot.interact(before::requestFocus);
        robot.type(KeyCode.TAB);
        Wait.until("the field focused", lazy::isFocused);
        assertTrue(lazy.textSkinBuilt(), "focus builds the text skin, with its keyboard behaviour");
        robot.write("kube");
        Wait.until("the keys typed", () -> "kube".equals(lazy.getText()), () -> "'" + lazy.getText() + "'");
        robot.type(KeyCode.TAB);
        Wait.until("the next button focused", after::isFocused);
    }

    @Test
    void aClickFocusesItPlacesTheCaretAndTheKeysThatFollowAreTyped(FxRobot robot) {
        robot.interact(before::requestFocus);
        robot.clickOn(lazy);
        Wait.until("the field focused", lazy::isFocused);
        assertTrue(lazy.textSkinBuilt());
        assertSame(lazy, lazy.getScene().getFocusOwner());
        assertEquals(0, lazy.getCaretPosition());
        robot.write("pay");
        Wait.until("the keys typed", () -> "pay".equals(lazy.getText()), () -> "'" + lazy.getText() + "'");
        assertEquals(3, lazy.getCaretPosition());
    }

    @Test
    void aRightClickOpensTheTextFieldsContextMenu(FxRobot robot) {
        rightClick(robot, lazy);
        Wait.until("the field's context menu", () -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w instanceof javafx.scene.control.ContextMenu m && m.isShowing()
                        && m.getOwnerNode() == lazy && !m.getItems().isEmpty()));
        assertTrue(lazy.textSkinBuilt());
        robot.type(KeyCode.ESCAPE);
    }

    /** The press by the robot; the menu request as the platform sends it after (headless Monocle sends none). */
    private static void rightClick(FxRobot robot, Node node) {
        robot.moveTo(node);
        robot.press(javafx.scene.input.MouseButton.SECONDARY);
        robot.release(javafx.scene.input.MouseButton.SECONDARY);
        robot.interact(() -> {
            javafx.geometry.Point2D screen = node.localToScreen(10, 10);
            node.fireEvent(new javafx.scene.input.ContextMenuEvent(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                    10, 10, screen.getX(), screen.getY(), false, null));
        });
    }

    @Test
    void aFocusRequestBuildsTheTextSkin(FxRobot robot) {
        robot.interact(lazy::requestFocus);
        assertTrue(lazy.isFocused());
        assertTrue(lazy.textSkinBuilt());
    }
}
