package dev.ponte.ui.common;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.collections.ObservableList;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.Skin;
import javafx.scene.control.SkinBase;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;

/**
 * A {@link ListView} that, while it is empty and has a placeholder, draws only that placeholder and builds JavaFX's
 * own list skin (its virtual flow, two scroll bars with their skins, the list behaviour's input map) the first time it
 * has an item, takes the focus or is pressed. The window's four side lists are empty in the first frame, and their
 * list skins were 84 of its 268 nodes, the first one with ~130 classes and lambdas to load (README, Benchmarks).
 * While empty it looks and measures as the list skin does then: the same {@code placeholder}
 * pane with the placeholder centred in it, the list's own border and background, a preferred height of 400 and a
 * preferred width of the placeholder's. It is a list in every other way (items, selection, cell factory, focus
 * traversal, context menu): only the skin waits.
 */
public class LazyListView<T> extends ListView<T> {
    private final InvalidationListener contentListener = o -> buildWhenNeeded();
    private final WeakInvalidationListener weakContent = new WeakInvalidationListener(contentListener);
    private ObservableList<T> watched;

    public LazyListView() {
        // Not a change listener: it is not told when one empty list replaces another (they are equal).
        itemsProperty().addListener((javafx.beans.Observable o) -> watch(getItems()));
        watch(getItems());
        focusedProperty().addListener((o, a, f) -> buildWhenNeeded());
    }

    private void watch(ObservableList<T> items) {
        if (watched != null) {
            watched.removeListener(weakContent);
        }
        watched = items;
        if (items != null) {
            items.addListener(weakContent);
        }
        buildWhenNeeded();
    }

    /** True once JavaFX's list skin is (or is to be) used. */
    public boolean listSkinBuilt() {
        return getSkin() != null && !(getSkin() instanceof PlaceholderSkin);
    }

    private boolean placeholderWillDo() {
        return getPlaceholder() != null && (getItems() == null || getItems().isEmpty()) && !isFocused();
    }

    private void buildWhenNeeded() {
        if (getSkin() instanceof PlaceholderSkin && !placeholderWillDo()) {
            setSkin(super.createDefaultSkin());
        }
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        // ListView's own, not named here: naming ListViewSkin would load it when this class is verified.
        return placeholderWillDo() ? new PlaceholderSkin<>(this) : super.createDefaultSkin();
    }

    /** The style sheets' rules for lists ({@code ListView} type selectors included) apply as to any list. */
    @Override
    public String getTypeSelector() {
        return "ListView";
    }

    /** The empty list as {@code ListViewSkin} draws it: its {@code placeholder} pane over the whole content area. */
    private static final class PlaceholderSkin<T> extends SkinBase<LazyListView<T>> {
        private final StackPane placeholderRegion = new StackPane();
        /**
         * Where the list skin keeps its hidden virtual flow: at 0,0 and never laid out while the list is empty, it
         * widens the list's minimum size by the border's inset (SkinBase's minimum spans every managed child).
         */
        private final javafx.scene.layout.Region flowStandIn = new javafx.scene.layout.Region();
        private final javafx.event.EventHandler<MouseEvent> onPress = this::pressed;

        PlaceholderSkin(LazyListView<T> list) {
            super(list);
            placeholderRegion.getStyleClass().setAll("placeholder");
            showPlaceholder();
            flowStandIn.setVisible(false);
            getChildren().addAll(flowStandIn, placeholderRegion);
            registerChangeListener(list.placeholderProperty(), o -> {
                showPlaceholder();
                list.buildWhenNeeded();
            });
            // The list behaviour takes the focus on a press; here the press builds the list skin through the focus.
            list.addEventHandler(MouseEvent.MOUSE_PRESSED, onPress);
        }

        private void pressed(MouseEvent e) {
            LazyListView<T> list = getSkinnable();
            if (list != null && list.getSkin() == this && list.isFocusTraversable()) {
                list.requestFocus();
            }
        }

        private void showPlaceholder() {
            Node p = getSkinnable().getPlaceholder();
            if (p == null) {
                placeholderRegion.getChildren().clear();
            } else {
                placeholderRegion.getChildren().setAll(p);
            }
        }

        @Override
        public void dispose() {
            LazyListView<T> list = getSkinnable();
            if (list != null) {
                list.removeEventHandler(MouseEvent.MOUSE_PRESSED, onPress);
            }
            placeholderRegion.getChildren().clear(); // the list skin puts the placeholder in its own pane
            getChildren().removeAll(flowStandIn, placeholderRegion);
            super.dispose();
        }

        @Override
        protected void layoutChildren(double x, double y, double w, double h) {
            placeholderRegion.setVisible(w > 0 && h > 0);
            placeholderRegion.resizeRelocate(x, y, w, h);
        }

        @Override
        protected double computePrefWidth(double height, double topInset, double rightInset, double bottomInset,
                double leftInset) {
            return placeholderRegion.prefWidth(height) + leftInset + rightInset;
        }

        @Override
        protected double computePrefHeight(double width, double topInset, double rightInset, double bottomInset,
                double leftInset) {
            return 400;
        }

        @Override
        protected Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
            return switch (attribute) {
                case ITEM_COUNT -> 0;
                case FOCUS_ITEM -> placeholderRegion.getChildren().isEmpty() ? null : placeholderRegion.getChildren().getFirst();
                default -> super.queryAccessibleAttribute(attribute, parameters);
            };
        }
    }
}
