package dev.ponte.ui.common;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.css.converter.PaintConverter;
import javafx.event.EventHandler;
import javafx.geometry.NodeOrientation;
import javafx.scene.AccessibleAttribute;
import javafx.scene.control.Skin;
import javafx.scene.control.SkinBase;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * A {@link TextField} that, while it is empty, unfocused and has a prompt, only draws that prompt, and builds JavaFX's
 * own text field skin (with its behaviour: ~100 classes and ~100 lambdas the first time in a process) the first time it
 * has text, takes the focus or is pressed. The first frame's only text field is the namespace filter, empty and
 * unfocused; its skin cost ~30-40 ms of the cold start (issue 15).
 * While waiting it draws and measures as {@code TextFieldSkin} does then: the prompt in a clipped pane, on the same
 * baseline and left edge, in the {@code -fx-prompt-text-fill} of the style sheets; a preferred width of
 * {@code prefColumnCount} 'W's, a height of one text line, plus the insets. It is a text field in every other way
 * (type selector, style class, text, accessibility, focus traversal): only the skin waits.
 */
public class LazyTextField extends TextField {

    public LazyTextField() {
        textProperty().addListener((Observable o) -> buildWhenNeeded());
        promptTextProperty().addListener((Observable o) -> buildWhenNeeded());
        focusedProperty().addListener((Observable o) -> buildWhenNeeded());
        effectiveNodeOrientationProperty().addListener((Observable o) -> buildWhenNeeded());
    }

    /** True once JavaFX's text field skin is (or is to be) used. */
    public boolean textSkinBuilt() {
        return getSkin() != null && !(getSkin() instanceof PromptSkin);
    }

    /** Builds JavaFX's skin now, for code that needs it (it is built by itself on text, focus or a press). */
    public void buildTextSkin() {
        if (getSkin() instanceof PromptSkin) {
            setSkin(super.createDefaultSkin());
        }
    }

    private boolean promptWillDo() {
        String text = getText();
        String prompt = getPromptText();
        // Right to left mirrors the text nodes; the prompt skin only knows left to right.
        return (text == null || text.isEmpty()) && prompt != null && !prompt.isEmpty() && !isFocused()
                && getEffectiveNodeOrientation() != NodeOrientation.RIGHT_TO_LEFT;
    }

    private void buildWhenNeeded() {
        if (getSkin() instanceof PromptSkin && !promptWillDo()) {
            buildTextSkin();
        }
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        // TextField's own, not named here: naming TextFieldSkin would load it (and its behaviour) with this class.
        return promptWillDo() ? new PromptSkin(this) : super.createDefaultSkin();
    }

    /** The style sheets' rules for text fields ({@code TextField} type selectors included) apply as to any field. */
    @Override
    public String getTypeSelector() {
        return "TextField";
    }

    /**
     * The empty, unfocused field as {@code TextFieldSkin} draws it: a clipped pane over the content area holding the
     * prompt and the (empty) text node, which gives the line's height and baseline.
     */
    private static final class PromptSkin extends SkinBase<LazyTextField> {
        private static final CssMetaData<TextInputControl, Paint> PROMPT_TEXT_FILL =
                new CssMetaData<>("-fx-prompt-text-fill", PaintConverter.getInstance(), Color.GRAY) {
                    @Override
                    public boolean isSettable(TextInputControl field) {
                        // Between the switch to JavaFX's skin and the CSS pass that follows it, this rule is stale.
                        return field.getSkin() instanceof PromptSkin skin && !skin.promptTextFill.isBound();
                    }

                    @Override
                    public StyleableProperty<Paint> getStyleableProperty(TextInputControl field) {
                        // A stale caller after the switch (resetting old values) gets a property that goes nowhere.
                        return field.getSkin() instanceof PromptSkin skin ? skin.promptTextFill
                                : new javafx.css.SimpleStyleableObjectProperty<>(this);
                    }
                };
        private static final List<CssMetaData<? extends Styleable, ?>> STYLEABLES;

        static {
            List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(SkinBase.getClassCssMetaData());
            all.add(PROMPT_TEXT_FILL);
            STYLEABLES = List.copyOf(all);
        }

        private final StyleableObjectProperty<Paint> promptTextFill = new StyleableObjectProperty<>(Color.GRAY) {
            @Override
            public Object getBean() {
                return PromptSkin.this;
            }

            @Override
            public String getName() {
                return "promptTextFill";
            }

            @Override
            public CssMetaData<TextInputControl, Paint> getCssMetaData() {
                return PROMPT_TEXT_FILL;
            }
        };
        private final Pane textGroup = new Pane();
        private final Rectangle clip = new Rectangle();
        private final Text textNode = new Text();
        private final Text promptNode = new Text();
        /** Measures a 'W' as the text skin's font metrics do, for the preferred width in columns. */
        private final Text columnW = new Text("W");
        private final EventHandler<MouseEvent> onPress = this::pressed;

        PromptSkin(LazyTextField field) {
            super(field);
            clip.setSmooth(false);
            clip.widthProperty().bind(textGroup.widthProperty());
            clip.heightProperty().bind(textGroup.heightProperty());
            textGroup.setClip(clip);

            for (Text t : new Text[] {promptNode, textNode}) {
                t.setManaged(false);
                t.getStyleClass().add("text");
                t.fontProperty().bind(field.fontProperty());
            }
            promptNode.textProperty().bind(field.promptTextProperty());
            promptNode.fillProperty().bind(promptTextFill);
            // The text skin shows no prompt node at all in a transparent fill.
            promptNode.visibleProperty().bind(promptTextFill.isNotEqualTo(Color.TRANSPARENT));
            columnW.fontProperty().bind(field.fontProperty());
            textGroup.getChildren().addAll(promptNode, textNode);
            getChildren().add(textGroup);

            registerInvalidationListener(field.fontProperty(), o -> field.requestLayout());
            registerInvalidationListener(field.prefColumnCountProperty(), o -> field.requestLayout());
            registerInvalidationListener(field.alignmentProperty(), o -> field.requestLayout());
            // A centred or right-aligned prompt moves with its width.
            registerInvalidationListener(field.promptTextProperty(), o -> field.requestLayout());
            // A filter, so that JavaFX's skin is there when the press reaches the field's handlers: its behaviour
            // then takes the focus and places the caret as on any text field.
            field.addEventFilter(MouseEvent.MOUSE_PRESSED, onPress);
        }

        private void pressed(MouseEvent e) {
            LazyTextField field = getSkinnable();
            if (field != null && field.getSkin() == this) {
                field.buildTextSkin();
            }
        }

        @Override
        public void dispose() {
            LazyTextField field = getSkinnable();
            if (field == null) {
                return;
            }
            field.removeEventFilter(MouseEvent.MOUSE_PRESSED, onPress);
            getChildren().remove(textGroup);
            super.dispose();
        }

        @Override
        protected void layoutChildren(double x, double y, double w, double h) {
            super.layoutChildren(x, y, w, h); // the group over the content area
            double ascent = textNode.getBaselineOffset();
            double descent = textNode.getLayoutBounds().getHeight() - ascent;
            double baseline = switch (getSkinnable().getAlignment().getVpos()) {
                case TOP -> ascent;
                case CENTER -> (ascent + textGroup.getHeight() - descent) / 2;
                default -> textGroup.getHeight() - descent;
            };
            textNode.setY(baseline);
            promptNode.setY(baseline);
            // The text skin's caret is 0 wide until it is first shown, so the prompt starts at the left edge.
            double right = textGroup.getWidth();
            double promptWidth = promptNode.getLayoutBounds().getWidth();
            promptNode.setLayoutX(switch (getSkinnable().getAlignment().getHpos()) {
                case CENTER -> right / 2 - promptWidth / 2;
                case RIGHT -> right - promptWidth;
                default -> 0;
            });
        }

        @Override
        protected double computePrefWidth(double height, double topInset, double rightInset, double bottomInset,
                double leftInset) {
            return getSkinnable().getPrefColumnCount() * columnW.getLayoutBounds().getWidth() + leftInset + rightInset;
        }

        @Override
        protected double computeMinHeight(double width, double topInset, double rightInset, double bottomInset,
                double leftInset) {
            return computePrefHeight(width, topInset, rightInset, bottomInset, leftInset);
        }

        @Override
        protected double computePrefHeight(double width, double topInset, double rightInset, double bottomInset,
                double leftInset) {
            return topInset + textNode.getLayoutBounds().getHeight() + bottomInset;
        }

        @Override
        protected double computeMaxHeight(double width, double topInset, double rightInset, double bottomInset,
                double leftInset) {
            return getSkinnable().prefHeight(width);
        }

        @Override
        public double computeBaselineOffset(double topInset, double rightInset, double bottomInset, double leftInset) {
            return topInset + textNode.getBaselineOffset();
        }

        @Override
        protected Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
            return switch (attribute) {
                // Screen readers asking where text lies get the answer of the skin that lays text out.
                case BOUNDS_FOR_RANGE, OFFSET_AT_POINT -> {
                    LazyTextField field = getSkinnable();
                    field.buildTextSkin();
                    yield field.queryAccessibleAttribute(attribute, parameters);
                }
                default -> super.queryAccessibleAttribute(attribute, parameters);
            };
        }

        @Override
        public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
            return STYLEABLES;
        }
    }
}
