package dev.ponte.ui.logs;

import dev.ponte.core.logs.Severity;
import javafx.geometry.Insets;
import javafx.scene.Group;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.CornerRadii;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;

/**
 * The theme's colours for the log's text, read once from CSS instead of matched per drawn run: a hidden group
 * of probe {@link Text} nodes styled by {@code logs.css} ({@code .log-palette .ansi-1} and so on) sits in the
 * view; rows set the resolved fills directly. Before, every run carried style classes, so each frame of a
 * fast log re-ran CSS matching for hundreds of new nodes. When the theme changes, the probes' fills change and
 * {@code onChange} runs, so the view can redraw its rows.
 */
final class LogPalette {
    private final Group probes = new Group();
    private final Text plain = probe("plain");
    private final Text time = probe("time");
    private final Text error = probe("sev-error");
    private final Text warn = probe("sev-warn");
    private final Text debug = probe("sev-debug");
    private final Text notice = probe("notice");
    private final Text[] ansi = new Text[16];
    private final Text[] rowFills = new Text[Row.values().length];
    private final Text[] stripeFills = new Text[Row.values().length];
    private final Background[] backgrounds = new Background[Row.values().length];
    private final Border[] stripes = new Border[Row.values().length];
    private final Paint[] backgroundsOf = new Paint[Row.values().length];
    private final Paint[] stripesOf = new Paint[Row.values().length];

    /** How a row looks: its background and the stripe at its left. */
    enum Row { PLAIN, SELECTED, CURRENT_HIT, HIT, NOTICE, ERROR, WARN }

    LogPalette(Runnable onChange) {
        for (int i = 0; i < ansi.length; i++) {
            ansi[i] = probe("ansi-" + i);
        }
        for (Row r : Row.values()) {
            String name = r.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            rowFills[r.ordinal()] = probe("row-" + name);
            stripeFills[r.ordinal()] = probe("stripe-" + name);
        }
        probes.getStyleClass().add("log-palette");
        probes.setManaged(false);
        probes.setVisible(false);
        probes.getChildren().forEach(n -> ((Text) n).fillProperty().addListener((o, a, b) -> onChange.run()));
    }

    private Text probe(String styleClass) {
        Text t = new Text("x");
        t.getStyleClass().add(styleClass);
        probes.getChildren().add(t);
        return t;
    }

    /** Add this to the view (hidden) so the probes get the theme's styles. */
    Group node() {
        return probes;
    }

    /** Unstyled text of a line with this severity (or a viewer notice). */
    Paint text(Severity severity, boolean isNotice) {
        if (isNotice) {
            return notice.getFill();
        }
        return switch (severity) {
            case ERROR -> error.getFill();
            case WARN -> warn.getFill();
            case DEBUG, TRACE -> debug.getFill();
            default -> plain.getFill();
        };
    }

    Paint time() {
        return time.getFill();
    }

    /** One of the sixteen basic ANSI colours, as the theme gives it. */
    Paint ansi(int index) {
        return ansi[index].getFill();
    }

    /** A row's background (one object per colour, so a row can tell by identity whether it changes). */
    Background rowBackground(Row row) {
        int i = row.ordinal();
        Paint fill = rowFills[i].getFill();
        if (backgrounds[i] == null || backgroundsOf[i] != fill) {
            backgroundsOf[i] = fill;
            backgrounds[i] = fill == null || Color.TRANSPARENT.equals(fill) ? Background.EMPTY
                    : new Background(new BackgroundFill(fill, CornerRadii.EMPTY, Insets.EMPTY));
        }
        return backgrounds[i];
    }

    /** The stripe at a row's left: 3 px, transparent for most rows. */
    Border rowStripe(Row row) {
        int i = row.ordinal();
        Paint fill = stripeFills[i].getFill();
        if (stripes[i] == null || stripesOf[i] != fill) {
            stripesOf[i] = fill;
            Paint p = fill == null ? Color.TRANSPARENT : fill;
            stripes[i] = new Border(new BorderStroke(Color.TRANSPARENT, Color.TRANSPARENT, Color.TRANSPARENT, p,
                    BorderStrokeStyle.NONE, BorderStrokeStyle.NONE, BorderStrokeStyle.NONE, BorderStrokeStyle.SOLID,
                    CornerRadii.EMPTY, new BorderWidths(0, 0, 0, 3), Insets.EMPTY));
        }
        return stripes[i];
    }

    /** A 256-palette or true colour: the log's own, not the theme's. */
    static Color fixed(int rgb) {
        return Color.rgb(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
    }
}
