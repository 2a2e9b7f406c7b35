package dev.ponte.testsupport;

import javafx.scene.control.TextInputControl;
import org.testfx.api.FxRobot;

/**
 * Types into a text field the way a user does, robustly: the window's layout may move while a
 * background task's row appears in the task drawer, so the click is repeated until the field has
 * focus, and the text is awaited before going on.
 */
public final class Typing {
    private Typing() {
    }

    public static void into(FxRobot robot, String id, String text) {
        TextInputControl field = robot.lookup(id).queryAs(TextInputControl.class);
        Wait.until(id + " to take the focus", () -> {
            if (!field.isFocused()) {
                robot.interact(field::requestFocus);
            }
            return field.isFocused();
        });
        robot.interact(() -> field.positionCaret(field.getLength()));
        robot.write(text);
        Wait.until(id + " to show '" + text + "'", () -> field.getText().endsWith(text),
                () -> "; it shows '" + field.getText() + "'");
    }
}
