package dev.ponte.ui.common;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Context names with CJK characters or emoji render as glyphs, not as the "missing glyph" box: each character is drawn
 * in the app's font (with its fallback fonts) and compared with the others and with a character no font has — a box
 * for every one of them would make them all alike. Needs a font with those characters on the machine; .ci installs
 * the ones the README names (fonts-droid-fallback for CJK, fonts-symbola for emoji).
 */
@ExtendWith(ApplicationExtension.class)
class FontFallbackTest {
    private final List<Label> labels = new ArrayList<>();
    /** U+E000 is in the private use area: no font here has a glyph for it, so it draws the missing-glyph box. */
    private static final String MISSING = "\uE000";
    private static final String[] CJK = {"开", "发", "集", "群", "本", "番"};
    private static final String[] EMOJI = {"🚀", "🔥", "🐳", "⭐"};

    @Start
    void start(Stage stage) {
        HBox box = new HBox(8);
        for (String s : concat(new String[] {MISSING}, concat(CJK, EMOJI))) {
            Label l = new Label(s);
            l.setStyle("-fx-font-size: 28px; -fx-text-fill: black;");
            labels.add(l);
            box.getChildren().add(l);
        }
        Scene scene = new Scene(box, 600, 80, Color.WHITE);
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void cjkAndEmojiInAContextNameDrawRealGlyphs(FxRobot robot) {
        List<String> pictures = new ArrayList<>();
        robot.interact(() -> labels.forEach(l -> pictures.add(picture(l))));
        String missing = pictures.getFirst();
        List<String> boxes = new ArrayList<>();
        for (int i = 1; i < pictures.size(); i++) {
            if (pictures.get(i).equals(missing) || pictures.get(i).isEmpty()) {
                boxes.add(labels.get(i).getText());
            }
        }
        assertTrue(boxes.isEmpty(), "drawn as a missing-glyph box or not at all: " + boxes
                + " — install a fallback font (Debian: fonts-droid-fallback, fonts-symbola)");
        // Different characters look different (a font drawing every one as the same shape would pass the first check).
        assertTrue(pictures.subList(1, 1 + CJK.length).stream().distinct().count() == CJK.length, "CJK glyphs differ");
        assertTrue(pictures.subList(1 + CJK.length, pictures.size()).stream().distinct().count() == EMOJI.length, "emoji differ");
    }

    /** The label's pixels, dark or not, as a string (equal strings: equal pictures). */
    private static String picture(Label l) {
        WritableImage img = l.snapshot(new SnapshotParameters(), null);
        PixelReader r = img.getPixelReader();
        StringBuilder b = new StringBuilder();
        boolean any = false;
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                boolean dark = r.getColor(x, y).getBrightness() < 0.6 || r.getColor(x, y).getSaturation() > 0.4;
                any |= dark;
                b.append(dark ? '#' : '.');
            }
            b.append('\n');
        }
        return any ? b.toString() : "";
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
