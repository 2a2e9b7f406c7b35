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
    private ResourceTable() {
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

            @Override
            protected void updateItem(V item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : spec.text().apply(item));
                if (style != null) {
                    getStyleClass().remove(style);
                }
                style = empty || item == null ? null : spec.styleClass().apply(item);
                if (style != null) {
                    getStyleClass().add(style);
                }
            }
        });
        return col;
    }
}
