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
 * @param fits       texts the column must show whole (its header always): its narrowest width fits the widest
 * @param wrap       free text (names, images): wraps onto more lines instead of being cut when the column is narrow
 * @param tooltip    a cell's tooltip (and accessible text) per value, or null for none
 */
public record ColumnSpec<T, V>(String id, String title, double width, Function<T, V> value,
                               Function<V, String> text, Comparator<V> comparator, Function<V, String> styleClass,
                               java.util.List<String> fits, boolean wrap, Function<V, String> tooltip) {

    public ColumnSpec {
        fits = fits == null ? java.util.List.of() : java.util.List.copyOf(fits);
    }

    public ColumnSpec(String id, String title, double width, Function<T, V> value, Function<V, String> text,
                      Comparator<V> comparator) {
        this(id, title, width, value, text, comparator, v -> null, java.util.List.of(), false, v -> null);
    }

    /** The same column with a CSS style class per value (null for none), e.g. for a status tone. */
    public ColumnSpec<T, V> styled(Function<V, String> style) {
        return new ColumnSpec<>(id, title, width, value, text, comparator, style, fits, wrap, tooltip);
    }

    /** The same column, never narrower than the widest of {@code texts} (a short, known set of values). */
    public ColumnSpec<T, V> fitting(java.util.List<String> texts) {
        return new ColumnSpec<>(id, title, width, value, text, comparator, styleClass, texts, wrap, tooltip);
    }

    /** The same column with its text wrapped onto more lines when it is narrow. */
    public ColumnSpec<T, V> wrapping() {
        return new ColumnSpec<>(id, title, width, value, text, comparator, styleClass, fits, true, tooltip);
    }

    /** The same column with a tooltip per value (what a short text or a colour stands for). */
    public ColumnSpec<T, V> explained(Function<V, String> tip) {
        return new ColumnSpec<>(id, title, width, value, text, comparator, styleClass, fits, wrap, tip);
    }

    public static <T> ColumnSpec<T, String> text(String id, String title, double width, Function<T, String> value) {
        return new ColumnSpec<>(id, title, width, value, v -> v == null ? "" : v,
                Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));
    }

    public String render(T row) {
        return text.apply(value.apply(row));
    }
}
