package dev.ponte.ui.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.testsupport.Pixels;
import dev.ponte.testsupport.Wait;
import javafx.application.Application;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.PickResult;
import javafx.scene.input.ScrollEvent;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * The connection panel's scroll pane is in the first frame with content that fits: {@link LazyScrollPane} lays it out
 * and draws it as a {@link ScrollPane} does with no scroll bar showing, without JavaFX's scroll skin, and builds that
 * skin once the content outgrows the viewport, the pane takes the focus or is scrolled, or its value moves.
 */
@ExtendWith(ApplicationExtension.class)
class LazyScrollPaneTest {
    private ScrollPane plain;
    private LazyScrollPane lazy;
    private VBox plainContent;
    private VBox lazyContent;
    private Button before;
    private Button inside;
    private Button after;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
        plainContent = content(new Button("Connect"));
        inside = new Button("Connect");
        lazyContent = content(inside);
        plain = new ScrollPane(plainContent);
        lazy = new LazyScrollPane(lazyContent);
        for (ScrollPane p : new ScrollPane[] {plain, lazy}) { // as MainView sets up the connection panel's
            p.setFitToWidth(true);
            p.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
            p.getStyleClass().add("edge-to-edge");
            VBox.setVgrow(p, Priority.ALWAYS);
        }
        plain.setId("plain");
        lazy.setId("lazy");
        before = new Button("before");
        after = new Button("after");
        VBox left = new VBox(new Button("before"), plain, new Button("after")); // the same column on both sides
        VBox right = new VBox(before, lazy, after);
        for (VBox column : new VBox[] {left, right}) {
            HBox.setHgrow(column, Priority.ALWAYS);
            column.setPrefWidth(250);
            column.setMinWidth(250);
        }
        Scene scene = new Scene(new HBox(left, right), 500, 420);
        scene.getStylesheets().add(getClass().getResource("/dev/ponte/ui/ponte.css").toExternalForm());
        stage.setScene(scene);
        stage.sizeToScene(); // the stage is the same in every test: one test shrinks it
        stage.show();
    }

    /** Lines that wrap (a width-dependent height, as the connection panel's) and a button. */
    private static VBox content(Button button) {
        VBox box = new VBox(8);
        box.setStyle("-fx-padding: 8");
        for (int i = 0; i < 3; i++) {
            Label l = new Label("Not connected: choose a context on the left and connect to bridge its workloads " + i);
            l.setWrapText(true);
            box.getChildren().add(l);
        }
        box.getChildren().add(button);
        return box;
    }

    private static void addLines(VBox content, int n) {
        for (int i = 0; i < n; i++) {
            content.getChildren().add(new Label("Step " + i));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fittingItDrawsAndMeasuresAsAScrollPaneWithoutTheScrollSkin(boolean dark, FxRobot robot) {
        if (dark) {
            robot.interact(() -> Application.setUserAgentStylesheet(
                    new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS()));
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertFalse(lazy.scrollSkinBuilt());
        assertTrue(lazy.lookupAll(".scroll-bar").isEmpty(), "no scroll bars");
        assertFalse(plain.lookupAll(".scroll-bar").isEmpty(), "the plain pane has its bars (the comparison is fair)");
        robot.interact(() -> {
            assertEquals(plain.minWidth(-1), lazy.minWidth(-1));
            assertEquals(plain.minHeight(-1), lazy.minHeight(-1));
            assertEquals(plain.prefWidth(-1), lazy.prefWidth(-1));
            assertEquals(plain.prefHeight(-1), lazy.prefHeight(-1));
            assertEquals(plain.prefHeight(250), lazy.prefHeight(250));
            assertEquals(plain.getLayoutBounds(), lazy.getLayoutBounds());
            assertEquals(plain.getViewportBounds(), lazy.getViewportBounds());
            assertEquals(inPane(plainContent, plain), inPane(lazyContent, lazy), "the content at the same place and size");
            Node plainViewport = plain.lookup(".viewport");
            Node lazyViewport = lazy.lookup(".viewport");
            assertNotNull(lazyViewport, "a viewport child as the scroll skin's");
            assertEquals(inPane(plainViewport, plain), inPane(lazyViewport, lazy));
            assertEquals(plainViewport.getClip().getLayoutBounds(), lazyViewport.getClip().getLayoutBounds());
            assertArrayEquals(Pixels.of(plain), Pixels.of(lazy), "the same pixels as the scroll skin's");
        });
    }

    @Test
    void keyboardTraversalGoesThroughTheContentAndLeavesThePaneLight(FxRobot robot) {
        assertFalse(lazy.isFocusTraversable(), "as a ScrollPane: not focus-traversable");
        robot.interact(before::requestFocus);
        robot.type(KeyCode.TAB);
        Wait.until("the button in the pane focused", inside::isFocused);
        robot.type(KeyCode.TAB);
        Wait.until("the next button focused", after::isFocused);
        assertFalse(lazy.scrollSkinBuilt(), "the pane itself never had the focus");
    }

    @Test
    void contentGrowingPastTheViewportBuildsTheScrollSkinWithAWorkingBar(FxRobot robot) {
        assertFalse(lazy.scrollSkinBuilt());
        robot.interact(() -> {
            addLines(plainContent, 20);
            addLines(lazyContent, 20);
        });
        Wait.until("the scroll skin", lazy::scrollSkinBuilt);
        ScrollBar bar = verticalBar(robot, "#lazy");
        Wait.until("the vertical bar showing", bar::isVisible);
        robot.interact(() -> assertArrayEquals(Pixels.of(plain), Pixels.of(lazy), "drawn as the plain pane, bar included"));
        // A wheel down on a line (made here: the headless robot's wheel directions are the other way round).
        robot.interact(() -> {
            Node line = lazyContent.getChildren().getFirst();
            Event.fireEvent(line, wheelDown(line));
        });
        assertTrue(lazy.getVvalue() > 0, "the wheel scrolled: vvalue " + lazy.getVvalue());
        double wheeled = lazy.getVvalue();
        robot.clickOn(bar.lookup(".increment-button"));
        Wait.until("the bar's arrow scrolled", () -> lazy.getVvalue() > wheeled, () -> "vvalue " + lazy.getVvalue());
    }

    @Test
    void aWindowSmallerThanTheContentBuildsTheScrollSkin(FxRobot robot) {
        robot.interact(() -> addLines(lazyContent, 3));
        assertFalse(lazy.scrollSkinBuilt(), "still fits");
        robot.interact(() -> stage.setHeight(stage.getHeight() / 3));
        Wait.until("the scroll skin", lazy::scrollSkinBuilt);
        Wait.until("the vertical bar showing", () -> verticalBar(robot, "#lazy").isVisible());
    }

    @Test
    void aWheelOnTheContentBuildsTheScrollSkin(FxRobot robot) {
        assertFalse(lazy.scrollSkinBuilt());
        robot.moveTo(inside);
        robot.scroll(1, VerticalDirection.DOWN);
        Wait.until("the scroll skin", lazy::scrollSkinBuilt);
    }

    @Test
    void aWheelJustAfterTheContentGrewScrollsIt(FxRobot robot) {
        assertFalse(lazy.scrollSkinBuilt());
        robot.interact(() -> {
            addLines(lazyContent, 30); // no layout yet: the light skin is still in place when the wheel comes
            Label line = (Label) lazyContent.getChildren().getFirst();
            Event.fireEvent(line, wheelDown(line));
        });
        assertTrue(lazy.scrollSkinBuilt());
        assertTrue(lazy.getVvalue() > 0, "the wheel was not lost: vvalue " + lazy.getVvalue());
    }

    @Test
    void movingTheValueBuildsTheScrollSkin(FxRobot robot) {
        assertFalse(lazy.scrollSkinBuilt());
        robot.interact(() -> lazy.setVvalue(0.5));
        assertTrue(lazy.scrollSkinBuilt());
    }

    @Test
    void theFocusBuildsTheScrollSkin(FxRobot robot) {
        assertFalse(lazy.scrollSkinBuilt());
        robot.interact(lazy::requestFocus);
        assertTrue(lazy.scrollSkinBuilt());
        assertSame(lazy, lazy.getScene().getFocusOwner());
    }

    @Test
    void aPressOnTheContentFocusesThePaneAsAScrollPaneDoes(FxRobot robot) {
        int[] passedOn = new int[2]; // presses that reach the pane's parent, as the scroll pane's behaviour lets them
        plain.getParent().addEventHandler(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> passedOn[0]++);
        lazy.getParent().addEventHandler(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> passedOn[1]++);
        robot.clickOn(plainContent.getChildren().getFirst());
        Wait.until("the plain pane focused by the press", plain::isFocused);
        assertFalse(lazy.scrollSkinBuilt());
        robot.clickOn(lazyContent.getChildren().getFirst());
        Wait.until("the lazy pane focused by the press", lazy::isFocused);
        assertTrue(lazy.scrollSkinBuilt());
        assertEquals(passedOn[0], passedOn[1], "the press goes on to the parent as from a ScrollPane");
    }

    @Test
    void otherPoliciesBuildTheScrollSkin(FxRobot robot) {
        assertFalse(lazy.scrollSkinBuilt());
        robot.interact(() -> lazy.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED));
        assertTrue(lazy.scrollSkinBuilt());
    }

    @Test
    void anotherContentBuildsTheScrollSkinAndShowsIt(FxRobot robot) {
        assertFalse(lazy.scrollSkinBuilt());
        Label other = new Label("Connected");
        robot.interact(() -> lazy.setContent(other));
        assertTrue(lazy.scrollSkinBuilt());
        Wait.until("the new content shown in the viewport", () -> other.getScene() != null && other.getWidth() > 0);
        assertEquals(null, lazyContent.getScene(), "the old content is out");
    }

    @Test
    void aScreenReaderAskingForTheBarGetsTheScrollSkins(FxRobot robot) {
        assertFalse(lazy.scrollSkinBuilt());
        Object[] bar = new Object[1];
        robot.interact(() -> bar[0] = lazy.queryAccessibleAttribute(javafx.scene.AccessibleAttribute.VERTICAL_SCROLLBAR));
        assertTrue(lazy.scrollSkinBuilt());
        assertTrue(bar[0] instanceof ScrollBar, "the scroll skin's vertical bar: " + bar[0]);
    }

    private static ScrollBar verticalBar(FxRobot robot, String pane) {
        return robot.lookup(pane + " .scroll-bar").queryAllAs(ScrollBar.class).stream()
                .filter(b -> b.getOrientation() == Orientation.VERTICAL).findFirst().orElseThrow();
    }

    private static ScrollEvent wheelDown(Node target) {
        Bounds b = target.localToScene(target.getLayoutBounds());
        double x = b.getCenterX();
        double y = b.getCenterY();
        return new ScrollEvent(ScrollEvent.SCROLL, x, y, x, y, false, false, false, false, false, false, 0, -40, 0, -40,
                ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0,
                new PickResult(target, x, y));
    }

    private static Bounds inPane(Node n, Node pane) {
        return pane.sceneToLocal(n.localToScene(n.getLayoutBounds()));
    }
}
