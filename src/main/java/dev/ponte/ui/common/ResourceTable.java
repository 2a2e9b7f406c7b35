package dev.ponte.ui.common;

import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Builds one generic, sortable {@link TableView} from {@link ColumnSpec}s. */
public final class ResourceTable {
    /** Header: the cell padding, the sort arrow and its gap. */
    static final double HEADER_PADDING = 30;
    static final double CELL_PADDING = 22;

    private ResourceTable() {
    }

    /** How wide {@code text} is in the table's font (the theme's 14 px), for a column's narrowest width. */
    public static double textWidth(String text) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text);
        t.setFont(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(), 14));
        return t.getLayoutBounds().getWidth();
    }

    /**
     * @param observe for rows whose content changes in place: the observable the cells re-read
     *                (null when rows are immutable)
     * @param unwrap  from the row object to what the specs read
     */
    public static <R, T> TableView<R> create(String id, ObservableList<R> rows, List<ColumnSpec<T, ?>> specs,
                                              Function<R, T> unwrap, Function<R, ObservableValue<?>> observe) {
        TableView<R> table = new TableView<>();
        table.setId(id);
        for (ColumnSpec<T, ?> spec : specs) {
            table.getColumns().add(column(spec, unwrap, observe));
        }
        if (!table.getColumns().isEmpty()) {
            table.getSortOrder().add(table.getColumns().getFirst());
        }
        SortedList<R> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    private static <R, T, V> TableColumn<R, V> column(ColumnSpec<T, V> spec, Function<R, T> unwrap,
                                                     Function<R, ObservableValue<?>> observe) {
        TableColumn<R, V> col = new TableColumn<>(spec.title());
        col.setId("col-" + spec.id());
        col.setPrefWidth(spec.width());
        // Never narrower than its header (with room for the sort arrow) and its known values: no "R…", no "Dep…".
        double min = textWidth(spec.title()) + HEADER_PADDING;
        for (String t : spec.fits()) {
            min = Math.max(min, textWidth(t) + CELL_PADDING);
        }
        col.setMinWidth(Math.ceil(min));
        col.setComparator(spec.comparator());
        col.setCellValueFactory(cd -> {
            R row = cd.getValue();
            if (observe == null) {
                return Bindings.createObjectBinding(() -> spec.value().apply(unwrap.apply(row)));
            }
            return Bindings.createObjectBinding(() -> spec.value().apply(unwrap.apply(row)), observe.apply(row));
        });
        col.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            private String style;

            {
                setWrapText(spec.wrap());
            }

            @Override
            protected void updateItem(V item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : spec.text().apply(item));
                String tip = empty || item == null ? null : spec.tooltip().apply(item);
                Tips.set(this, tip);
                setAccessibleText(tip == null ? null : getText() + ", " + tip);
                // Only a different tone touches the style classes: each change re-styles the cell in the next pulse,
                // and a row inserted above shifts every visible cell to a new item, mostly of the same tone.
                String next = empty || item == null ? null : spec.styleClass().apply(item);
                if (!java.util.Objects.equals(next, style)) {
                    if (style != null) {
                        getStyleClass().remove(style);
                    }
                    style = next;
                    if (style != null) {
                        getStyleClass().add(style);
                    }
                }
            }
        });
        return col;
    }
}
