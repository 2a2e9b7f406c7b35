package dev.ponte.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ponte.testsupport.Wait;
import javafx.geometry.Point2D;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A tooltip is made when the pointer first enters its control; before that its text is there for tests and screen readers. */
@ExtendWith(ApplicationExtension.class)
class TipsTest {
    private Button away;
    private Button tipped;

    @Start
    void start(Stage stage) {
        away = new Button("elsewhere");
        tipped = new Button("⟳");
        Tips.set(tipped, "Read the list again");
        stage.setScene(new Scene(new HBox(40, away, tipped), 400, 120));
        stage.show();
    }

    @Test
    void theTooltipIsMadeOnTheFirstHoverAndShows(FxRobot robot) throws Exception {
        assertNull(tipped.getTooltip(), "nothing made before the pointer comes");
        assertEquals("Read the list again", Tips.text(tipped));
        assertEquals("Read the list again", org.testfx.util.WaitForAsyncUtils.asyncFx(
                () -> tipped.queryAccessibleAttribute(AccessibleAttribute.HELP)).get(), "screen readers read it at once");

        robot.moveTo(away).moveTo(tipped);
        Wait.until("the tooltip made", () -> tipped.getTooltip() != null);
        Tooltip made = tipped.getTooltip();
        assertEquals("Read the list again", made.getText());
        Point2D centre = robot.point(tipped).query();
        robot.moveTo(centre.add(3, 1)).moveTo(centre.add(-2, 2)); // a move inside starts its delay, as for any tooltip
        Wait.until("the tooltip showing", made::isShowing);

        robot.interact(() -> Tips.set(tipped, "Read both lists again"));
        assertSame(made, tipped.getTooltip(), "a new text reuses the tooltip");
        assertEquals("Read both lists again", made.getText());
        robot.interact(() -> Tips.set(tipped, null));
        assertNull(tipped.getTooltip());
        assertNull(Tips.text(tipped));
    }

    @Test
    void aControlWhoseTipWasRemovedBeforeAnyHoverGetsNone(FxRobot robot) {
        robot.interact(() -> Tips.set(tipped, null));
        robot.moveTo(away).moveTo(tipped);
        robot.interact(() -> { }); // the enter event has been handled
        assertNull(tipped.getTooltip());
        robot.interact(() -> Tips.set(tipped, "back"));
        robot.moveTo(away).moveTo(tipped);
        Wait.until("the tooltip made", () -> tipped.getTooltip() != null);
        assertNotNull(tipped.getTooltip());
        assertEquals("back", tipped.getTooltip().getText());
    }
}
