package dev.ponte.ui.common;

import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.geometry.BoundingBox;
import javafx.geometry.Orientation;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Skin;
import javafx.scene.control.SkinBase;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;

/**
 * A {@link ScrollPane} that, while its content fits, lays it out and draws it without JavaFX's scroll skin, and builds
 * that skin (its viewport, two scroll bars with their skins and behaviours, ~60 lambdas) the first time the content
 * is taller or wider than the viewport, the pane takes the focus or is scrolled, its vvalue or hvalue leaves the
 * minimum, or its settings are ones the light skin does not lay out. The connection panel's pane is in the first
 * frame, its content fits there, and its scroll skin cost ~15-20 ms of the cold start (issue 15).
 * While it fits it looks and measures as the scroll skin does with no scroll bar showing: the same {@code viewport}
 * child with its clip, the content at 0,0 in the viewport's width and its own height, the same preferred and minimum
 * sizes. Only the policies Ponte uses are laid out light (fit to width, no horizontal bar, a vertical bar as needed);
 * for any other the scroll skin is built up front.
 */
public class LazyScrollPane extends ScrollPane {
    public LazyScrollPane() {
        this(null);
    }

    public LazyScrollPane(Node content) {
        super(content);
        InvalidationListener check = o -> buildWhenNeeded();
        for (Observable p : new Observable[] {contentProperty(), fitToWidthProperty(), fitToHeightProperty(),
                hbarPolicyProperty(), vbarPolicyProperty(), pannableProperty(), prefViewportWidthProperty(),
                prefViewportHeightProperty(), minViewportWidthProperty(), minViewportHeightProperty(),
                hvalueProperty(), vvalueProperty(), hminProperty(), vminProperty(), focusedProperty()}) {
            p.addListener(check);
        }
    }

    /** True once JavaFX's scroll skin is (or is to be) used. */
    public boolean scrollSkinBuilt() {
        return getSkin() != null && !(getSkin() instanceof FittingSkin);
    }

    /** The settings the light skin lays out as the scroll skin does; the content's size is checked at each layout. */
    private boolean lightWillDo(Node content) {
        return content != null && content.isResizable()
                && isFitToWidth() && !isFitToHeight() && !isPannable()
                && getHbarPolicy() == ScrollBarPolicy.NEVER && getVbarPolicy() == ScrollBarPolicy.AS_NEEDED
                && getPrefViewportWidth() <= 0 && getPrefViewportHeight() <= 0
                && getMinViewportWidth() <= 0 && getMinViewportHeight() <= 0
                && getHvalue() == getHmin() && getVvalue() == getVmin()
                && !isFocused()
                // With touch the scroll skin shows its bars only while scrolling and lays out differently.
                && !Platform.isSupported(ConditionalFeature.INPUT_TOUCH);
    }

    private void buildWhenNeeded() {
        // Another content: the scroll skin takes it (the light skin holds the one it was made with).
        if (getSkin() instanceof FittingSkin s && (s.content != getContent() || !lightWillDo(s.content))) {
            buildScrollSkin();
        }
    }

    private void buildScrollSkin() {
        // ScrollPane's own, not named here: naming ScrollPaneSkin would load it when this class is verified.
        setSkin(super.createDefaultSkin());
    }

    /**
     * Builds the scroll skin in the middle of a layout or an event: styled and laid out at once, so that this frame
     * draws its scroll bar and a scroll event re-sent now finds the content's height.
     */
    private void buildScrollSkinNow(boolean inLayout) {
        buildScrollSkin();
        applyCss();
        if (inLayout) {
            layoutChildren(); // this pane is laying out already: layout() would return at once
        } else {
            layout();
        }
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return lightWillDo(getContent()) ? new FittingSkin(this) : super.createDefaultSkin();
    }

    /** The style sheets' rules for scroll panes ({@code ScrollPane} type selectors included) apply as to any. */
    @Override
    public String getTypeSelector() {
        return "ScrollPane";
    }

    /** The scroll skin's layout with no scroll bar showing: its viewport, clip and corner, and no bars. */
    private static final class FittingSkin extends SkinBase<LazyScrollPane> {
        private final Node content;
        private final StackPane viewport = new StackPane();
        private final Rectangle clip = new Rectangle();
        private final StackPane holder = new Holder();
        /** Never shown (it shows where two bars meet); the scroll skin's minimum size is three times its own. */
        private final StackPane corner = new StackPane();
        private final EventHandler<MouseEvent> onPress = this::pressed;
        private final EventHandler<ScrollEvent> onScroll = this::scrolled;
        private double nodeWidth;
        private double nodeHeight;
        private boolean nodeSizeInvalid = true;

        FittingSkin(LazyScrollPane pane) {
            super(pane);
            content = pane.getContent();
            // Layout requests from inside the content stop at the viewport, as in the scroll skin; Holder passes
            // them on to the pane, which checks then whether the content still fits.
            viewport.setManaged(false);
            viewport.setCache(true);
            viewport.getStyleClass().add("viewport");
            viewport.setClip(clip);
            viewport.nodeOrientationProperty().bind(content.nodeOrientationProperty());
            viewport.getChildren().add(holder);
            holder.getChildren().add(content);
            corner.getStyleClass().setAll("corner");
            corner.setVisible(false);
            getChildren().setAll(viewport, corner);
            // The scroll skin lets mouse events through to the pane's parents; so does this one.
            consumeMouseEvents(false);
            pane.addEventHandler(MouseEvent.MOUSE_PRESSED, onPress);
            // A filter: the event must be re-sent before the content's handlers see it.
            pane.addEventFilter(ScrollEvent.SCROLL, onScroll);
        }

        /** The scroll pane's behaviour focuses the pane on a press that reaches it; the focus builds the scroll skin. */
        private void pressed(MouseEvent e) {
            LazyScrollPane pane = getSkinnable();
            if (pane != null && pane.getSkin() == this) {
                pane.requestFocus();
                e.consume();
            }
        }

        /**
         * A wheel on the content: the scroll skin takes over and gets the event itself (a copy, to the same target),
         * so it scrolls if the content has just outgrown the viewport and the layout has not run yet.
         */
        private void scrolled(ScrollEvent e) {
            LazyScrollPane pane = getSkinnable();
            if (pane == null || pane.getSkin() != this) {
                return;
            }
            e.consume();
            pane.buildScrollSkinNow(false);
            Event.fireEvent(e.getTarget(), e.copyFor(e.getSource(), e.getTarget()));
        }

        @Override
        public void dispose() {
            LazyScrollPane pane = getSkinnable();
            if (pane == null) {
                return;
            }
            pane.removeEventHandler(MouseEvent.MOUSE_PRESSED, onPress);
            pane.removeEventFilter(ScrollEvent.SCROLL, onScroll);
            viewport.nodeOrientationProperty().unbind();
            // The scroll skin has taken the content into its own viewport already; what is left here is stale.
            holder.getChildren().remove(content);
            getChildren().removeAll(viewport, corner);
            super.dispose();
        }

        /** The content's size as the scroll skin computes it with fit to width: the viewport's width, its height. */
        private void computeNodeSize(double width) {
            if (content.getContentBias() == Orientation.VERTICAL) {
                nodeHeight = snapSizeY(bounded(content.prefHeight(-1), content.minHeight(-1), content.maxHeight(-1)));
                nodeWidth = snapSizeX(bounded(width, content.minWidth(nodeHeight), content.maxWidth(nodeHeight)));
            } else {
                nodeWidth = snapSizeX(bounded(width, content.minWidth(-1), content.maxWidth(-1)));
                double forWidth = content.getContentBias() == Orientation.HORIZONTAL ? nodeWidth : -1;
                nodeHeight = snapSizeY(bounded(content.prefHeight(forWidth), content.minHeight(forWidth),
                        content.maxHeight(forWidth)));
            }
            nodeSizeInvalid = false;
        }

        private static double bounded(double size, double min, double max) {
            return Math.min(Math.max(size, min), Math.max(min, max));
        }

        private boolean fits(double w, double h) {
            return nodeWidth <= w && nodeHeight <= h;
        }

        @Override
        protected void layoutChildren(double x, double y, double w, double h) {
            computeNodeSize(w);
            if (!fits(w, h)) {
                getSkinnable().buildScrollSkinNow(true);
                return;
            }
            double vw = snapSizeX(w);
            double vh = snapSizeY(h);
            viewport.resizeRelocate(snappedLeftInset(), snappedTopInset(), vw, vh);
            clip.setWidth(vw);
            clip.setHeight(vh);
            holder.setLayoutX(0);
            holder.setLayoutY(0);
            getSkinnable().setViewportBounds(new BoundingBox(0, 0, vw, vh));
        }

        @Override
        protected double computePrefWidth(double height, double topInset, double rightInset, double bottomInset,
                double leftInset) {
            return content.prefWidth(height) + snappedLeftInset() + snappedRightInset();
        }

        @Override
        protected double computePrefHeight(double width, double topInset, double rightInset, double bottomInset,
                double leftInset) {
            return content.prefHeight(width) + snappedTopInset() + snappedBottomInset();
        }

        @Override
        protected double computeMinWidth(double height, double topInset, double rightInset, double bottomInset,
                double leftInset) {
            double c = corner.minWidth(-1);
            return c > 0 ? 3 * c : 36;
        }

        @Override
        protected double computeMinHeight(double width, double topInset, double rightInset, double bottomInset,
                double leftInset) {
            double c = corner.minHeight(-1);
            return c > 0 ? 3 * c : 36;
        }

        @Override
        protected Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
            return switch (attribute) {
                // A screen reader asks for the bars to read the position: it gets the scroll skin's.
                case VERTICAL_SCROLLBAR, HORIZONTAL_SCROLLBAR -> {
                    LazyScrollPane pane = getSkinnable();
                    pane.buildScrollSkin();
                    yield pane.queryAccessibleAttribute(attribute, parameters);
                }
                default -> super.queryAccessibleAttribute(attribute, parameters);
            };
        }

        /** The scroll skin's inner pane: sizes the content and passes its layout requests on to the scroll pane. */
        private final class Holder extends StackPane {
            @Override
            public void requestLayout() {
                nodeSizeInvalid = true;
                super.requestLayout();
                LazyScrollPane pane = getSkinnable();
                if (pane != null) {
                    pane.requestLayout();
                }
            }

            @Override
            protected void layoutChildren() {
                if (nodeSizeInvalid) {
                    computeNodeSize(getWidth());
                }
                content.resize(nodeWidth, nodeHeight);
                content.relocate(0, 0);
                if (!fits(getWidth(), getHeight()) && getSkinnable() != null) {
                    getSkinnable().requestLayout();
                }
            }
        }
    }
}
