package dev.ponte.core.logs;

/**
 * The look of a run of text after ANSI SGR codes. Colours are ints so a line costs little memory:
 * {@link #DEFAULT_COLOR} (-1) is the theme's colour, 0–255 an indexed colour (0–15 the basic and bright
 * sixteen, which the UI maps to theme colours), and {@link #RGB_FLAG}{@code | 0xRRGGBB} a true colour.
 */
public record TextStyle(int fg, int bg, boolean bold, boolean italic, boolean underline) {
    public static final int DEFAULT_COLOR = -1;
    public static final int RGB_FLAG = 0x1000000;
    public static final TextStyle DEFAULT = new TextStyle(DEFAULT_COLOR, DEFAULT_COLOR, false, false, false);

    public static boolean isRgb(int color) {
        return color >= 0 && (color & RGB_FLAG) != 0;
    }

    public static int rgb(int r, int g, int b) {
        return RGB_FLAG | (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    /** The RGB value (0xRRGGBB) of a 256-palette index ≥ 16 or a true colour; for 0–15 the UI decides. */
    public static int toRgb(int color) {
        if (isRgb(color)) {
            return color & 0xFFFFFF;
        }
        if (color >= 232) {
            int v = 8 + (color - 232) * 10;
            return (v << 16) | (v << 8) | v;
        }
        if (color >= 16) {
            int i = color - 16;
            return (cube(i / 36) << 16) | (cube(i / 6 % 6) << 8) | cube(i % 6);
        }
        throw new IllegalArgumentException("basic colour " + color + " has no fixed RGB; the theme gives it");
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }

    TextStyle withFg(int c) {
        return new TextStyle(c, bg, bold, italic, underline);
    }

    TextStyle withBg(int c) {
        return new TextStyle(fg, c, bold, italic, underline);
    }

    TextStyle withBold(boolean b) {
        return new TextStyle(fg, bg, b, italic, underline);
    }

    TextStyle withItalic(boolean b) {
        return new TextStyle(fg, bg, bold, b, underline);
    }

    TextStyle withUnderline(boolean b) {
        return new TextStyle(fg, bg, bold, italic, b);
    }

    private static int cube(int level) {
        return level == 0 ? 0 : 55 + level * 40;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
