package dev.ponte.ui.tray;

/**
 * Makes a notification's title and body inert before they go to the desktop's notification server. Context names
 * and reasons come from kubeconfigs and clusters: the body is Pango markup for most servers (the spec's
 * "body-markup" capability), so {@code & < > " '} are escaped there; the summary is plain text for GNOME Shell,
 * which escapes it itself (an escaped {@code &amp;} would show as such), yet markup for dunst with
 * {@code markup = full} — so in the title {@code & < >} become look-alikes that no server parses. Control characters
 * and bidi overrides go from both.
 */
public final class NotificationText {
    private NotificationText() {
    }

    /** The summary: one line, and nothing a server could read as markup. */
    public static String title(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append('\uFF06'); // FULLWIDTH AMPERSAND
                case '<' -> sb.append('\u2039'); // SINGLE LEFT-POINTING ANGLE QUOTATION MARK
                case '>' -> sb.append('\u203A');
                case '\n', '\r', '\t' -> sb.append(' ');
                default -> {
                    if (!invisible(c)) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The body for a server that reads markup: escaped; line breaks stay. */
    public static String body(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\n' -> sb.append('\n');
                case '\t' -> sb.append(' ');
                default -> {
                    if (!invisible(c)) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The body for a server that shows text as it is: only control characters go. */
    public static String plainBody(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                sb.append(c);
            } else if (c == '\t') {
                sb.append(' ');
            } else if (!invisible(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Control characters (C0, DEL, C1) and the bidi controls that could make a text read as something else. */
    private static boolean invisible(char c) {
        return Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }
}
