package dev.ponte.ui.logs;

import dev.ponte.core.logs.Severity;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;

/**
 * The theme's colours for the log's text, read once from CSS instead of matched per drawn run: a hidden group
 * of probe {@link Text} nodes styled by {@code logs.css} ({@code .log-palette .ansi-1} and so on) sits in the
 * view; cells set the resolved fills directly. Before, every run carried style classes, so each frame of a
 * fast log re-ran CSS matching for hundreds of new nodes. When the theme changes, the probes' fills change and
 * {@code onChange} runs, so the view can redraw its cells.
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

    LogPalette(Runnable onChange) {
        for (int i = 0; i < ansi.length; i++) {
            ansi[i] = probe("ansi-" + i);
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

    /** A 256-palette or true colour: the log's own, not the theme's. */
    static Color fixed(int rgb) {
        return Color.rgb(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
    }
}
