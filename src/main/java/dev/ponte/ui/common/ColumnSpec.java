package dev.ponte.ui.common;

import java.util.Comparator;
import java.util.function.Function;

/**
 * One column of a generic resource table: pure display logic, testable without a toolkit.
 *
 * @param id         stable id (node id {@code col-<id>}, remembered widths)
 * @param value      the cell's value, also what the column sorts by
 * @param text       how the value is shown
 * @param comparator how values sort
 */
public record ColumnSpec<T, V>(String id, String title, double width, Function<T, V> value,
                               Function<V, String> text, Comparator<V> comparator, Function<V, String> styleClass) {

    public ColumnSpec(String id, String title, double width, Function<T, V> value, Function<V, String> text,
                      Comparator<V> comparator) {
        this(id, title, width, value, text, comparator, v -> null);
    }

    /** The same column with a CSS style class per value (null for none), e.g. for a status tone. */
    public ColumnSpec<T, V> styled(Function<V, String> style) {
        return new ColumnSpec<>(id, title, width, value, text, comparator, style);
    }

    public static <T> ColumnSpec<T, String> text(String id, String title, double width, Function<T, String> value) {
        return new ColumnSpec<>(id, title, width, value, v -> v == null ? "" : v,
                Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));
    }

    public String render(T row) {
        return text.apply(value.apply(row));
    }
}
