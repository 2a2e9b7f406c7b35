package dev.ponte.ui.logs;

import java.util.List;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;

/**
 * The log's monospaced fonts, set in code: the logical "Monospaced" family does not resolve everywhere
 * (headless, some Linux desktops), so the first installed family of a list of good coding fonts is used.
 */
final class LogFonts {
    static final String FAMILY = pick();
    static final double SIZE = 12;
    static final Font REGULAR = Font.font(FAMILY, FontWeight.NORMAL, FontPosture.REGULAR, SIZE);
    static final Font BOLD = Font.font(FAMILY, FontWeight.BOLD, FontPosture.REGULAR, SIZE);
    static final Font ITALIC = Font.font(FAMILY, FontWeight.NORMAL, FontPosture.ITALIC, SIZE);
    static final Font BOLD_ITALIC = Font.font(FAMILY, FontWeight.BOLD, FontPosture.ITALIC, SIZE);
    static final Font CHIP = Font.font(FAMILY, FontWeight.NORMAL, FontPosture.REGULAR, SIZE - 1);

    private LogFonts() {
    }

    static Font of(boolean bold, boolean italic) {
        return bold ? (italic ? BOLD_ITALIC : BOLD) : (italic ? ITALIC : REGULAR);
    }

    private static String pick() {
        List<String> installed = Font.getFamilies();
        for (String f : List.of("JetBrains Mono", "Cascadia Mono", "SF Mono", "Menlo", "Consolas", "DejaVu Sans Mono",
                "Liberation Mono", "Ubuntu Mono", "Noto Sans Mono", "Courier New")) {
            if (installed.contains(f)) {
                return f;
            }
        }
        return Font.font("Monospaced", SIZE).getFamily();
    }
}
