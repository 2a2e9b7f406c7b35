package dev.ponte.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A styled column's cells carry their value's tone, and only a different tone touches their style classes. */
@ExtendWith(ApplicationExtension.class)
class ResourceTableToneTest {
    private final ObservableList<String> rows = FXCollections.observableArrayList("b-ok", "c-ok", "d-bad");
    private TableView<String> table;

    @Start
    void start(Stage stage) {
        table = ResourceTable.create("toneTable", rows, List.of(ColumnSpec.<String>text("v", "Value", 120, s -> s)
                .styled(s -> s.endsWith("-ok") ? "tone-success" : "tone-danger")), s -> s, null);
        stage.setScene(new Scene(table, 300, 300));
        stage.show();
    }

    private TableCell<?, ?> cellOf(FxRobot robot, String text) {
        return robot.lookup(".table-cell").match((TableCell<?, ?> c) -> text.equals(c.getText())).query();
    }

    @Test
    void aRowInsertedAboveShiftsTheCellsWithoutRestylingThoseWhoseToneStays(FxRobot robot) {
        TableCell<?, ?> first = cellOf(robot, "b-ok");
        assertTrue(first.getStyleClass().contains("tone-success"));
        List<String> changes = new ArrayList<>();
        robot.interact(() -> first.getStyleClass().addListener((ListChangeListener<String>) c -> changes.add(c.toString())));
        robot.interact(() -> rows.add("a-ok")); // sorts first: every cell moves to the row above's item
        robot.interact(() -> { });
        assertEquals("a-ok", first.getText(), "the top cell now shows the new row");
        assertEquals(List.of(), changes, "same tone, no style change");

        robot.interact(() -> rows.add("c-bad")); // c-bad sorts between c-ok and d-bad: the fourth cell turns danger
        robot.interact(() -> { });
        TableCell<?, ?> bad = cellOf(robot, "c-bad");
        assertEquals(1, bad.getStyleClass().stream().filter(s -> s.startsWith("tone-")).count(), bad.getStyleClass().toString());
        assertTrue(bad.getStyleClass().contains("tone-danger"), bad.getStyleClass().toString());
        assertEquals(List.of("tone-success"), cellOf(robot, "c-ok").getStyleClass().stream()
                .filter(s -> s.startsWith("tone-")).toList());
        TableCell<?, ?> last = cellOf(robot, "d-bad");
        assertEquals(List.of("tone-danger"), last.getStyleClass().stream().filter(s -> s.startsWith("tone-")).toList());
    }
}
