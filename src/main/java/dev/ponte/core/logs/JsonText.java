package dev.ponte.core.logs;

/**
 * JSON log lines: a cheap test whether a line is a JSON object, and a tolerant pretty-printer that
 * re-indents the text without building a tree (so odd or cut-off JSON still prints as well as it can, and
 * numbers and key order stay exactly as written).
 */
public final class JsonText {
    private JsonText() {
    }

    /** A JSON object or array: starts with '{' or '[' and ends with the matching bracket (spaces aside). */
    public static boolean looksLikeJson(String text) {
        int a = 0;
        int b = text.length() - 1;
        while (a <= b && text.charAt(a) == ' ') {
            a++;
        }
        while (b >= a && (text.charAt(b) == ' ' || text.charAt(b) == '\r')) {
            b--;
        }
        if (b - a < 1) {
            return false;
        }
        char first = text.charAt(a);
        char last = text.charAt(b);
        return (first == '{' && last == '}') || (first == '[' && last == ']' && b - a > 1
                && (text.charAt(a + 1) == '{' || text.charAt(a + 1) == '"'));
    }

    /** {@link #looksLikeJson(String)} for ASCII bytes {@code b[from, to)}. */
    static boolean looksLikeJson(byte[] b, int from, int to) {
        int a = from;
        int z = to - 1;
        while (a <= z && b[a] == ' ') {
            a++;
        }
        while (z >= a && (b[z] == ' ' || b[z] == '\r')) {
            z--;
        }
        if (z - a < 1) {
            return false;
        }
        byte first = b[a];
        byte last = b[z];
        return (first == '{' && last == '}') || (first == '[' && last == ']' && z - a > 1
                && (b[a + 1] == '{' || b[a + 1] == '"'));
    }

    /** Two-space indentation, one member per line, {@code "key": value}. */
    public static String pretty(String json) {
        StringBuilder out = new StringBuilder(json.length() + json.length() / 2);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < json.length()) {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    int next = nextNonSpace(json, i + 1);
                    char closing = c == '{' ? '}' : ']';
                    if (next < json.length() && json.charAt(next) == closing) {
                        out.append(c).append(closing);
                        i = next;
                    } else {
                        out.append(c);
                        newline(out, ++depth);
                    }
                }
                case '}', ']' -> {
                    depth = Math.max(0, depth - 1);
                    newline(out, depth);
                    out.append(c);
                }
                case ',' -> {
                    out.append(c);
                    newline(out, depth);
                }
                case ':' -> out.append(": ");
                case ' ', '\t', '\r', '\n' -> {
                    // whitespace outside strings is replaced by the layout
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static int nextNonSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n');
        out.append("  ".repeat(depth));
    }
}
