package dev.ponte.core.logs;

import java.util.List;

/**
 * A line with its ANSI escape sequences removed: the plain text and the styled runs that cover it.
 * Understands SGR ({@code ESC[…m}: reset, bold, italic, underline, the 16 colours, 256-palette
 * {@code 38;5;n} and true colour {@code 38;2;r;g;b}, also with colons, foreground and background). Every
 * other escape (cursor moves, erase, OSC titles and links, charset switches) is removed without effect. A
 * malformed or cut-off sequence is dropped up to where it stops making sense; text is never lost.
 */
public final class AnsiText {
    private static final char ESC = '\u001b';
    private static final int BOLD = 1;
    private static final int ITALIC = 2;
    private static final int UNDERLINE = 4;
    private static final int FG = 0;
    private static final int BG = 1;
    private static final int FLAGS = 2;

    private final String text;
    /** {@link LogLine#RUN} ints a run (start, end, fg, bg, flags); null when the line had no styling at all. */
    private final int[] runs;

    private AnsiText(String text, int[] runs) {
        this.text = text;
        this.runs = runs;
    }

    public String text() {
        return text;
    }

    /** The styled runs covering the text; empty when the line had no styling at all (the common case). */
    public List<Segment> segments() {
        return LogLine.segments(runs);
    }

    /** The runs as {@link LogLine} stores them; null when unstyled. */
    int[] runs() {
        return runs;
    }

    public static AnsiText parse(String raw) {
        return parse(raw, 0);
    }

    /**
     * Parses {@code raw} from {@code from} on (after a timestamp prefix, without cutting it off first). Works on ints
     * (colours and flags), not style objects: it runs for every coloured line of a flood.
     */
    public static AnsiText parse(String raw, int from) {
        int esc = raw.indexOf(ESC, from);
        if (esc < 0) {
            return new AnsiText(from == 0 ? raw : raw.substring(from), null);
        }
        int n = raw.length();
        StringBuilder out = new StringBuilder(n - from);
        out.append(raw, from, esc);
        int[] runs = new int[4 * LogLine.RUN];
        int count = 0; // ints used in runs
        boolean styled = false;
        int[] style = {TextStyle.DEFAULT_COLOR, TextStyle.DEFAULT_COLOR, 0};
        int[] next = new int[3];
        int runStart = 0;
        int i = esc;
        while (i < n) {
            char c = raw.charAt(i);
            if (c != ESC) {
                int stop = raw.indexOf(ESC, i);
                if (stop < 0) {
                    stop = n;
                }
                out.append(raw, i, stop);
                i = stop;
                continue;
            }
            if (i + 1 >= n) {
                break; // a lone ESC at the end
            }
            char kind = raw.charAt(i + 1);
            if (kind == '[') {
                int end = i + 2;
                while (end < n && !isFinalByte(raw.charAt(end))) {
                    if (!isParameterByte(raw.charAt(end))) {
                        break;
                    }
                    end++;
                }
                if (end >= n || !isFinalByte(raw.charAt(end))) {
                    i = end; // cut off or broken: drop what was read, keep the text after it
                    continue;
                }
                if (raw.charAt(end) == 'm') {
                    next[FG] = style[FG];
                    next[BG] = style[BG];
                    next[FLAGS] = style[FLAGS];
                    applySgr(next, raw, i + 2, end);
                    if (next[FG] != style[FG] || next[BG] != style[BG] || next[FLAGS] != style[FLAGS]) {
                        if (out.length() > runStart) {
                            runs = addRun(runs, count, runStart, out.length(), style);
                            styled |= !isDefault(style);
                            count += LogLine.RUN;
                            runStart = out.length();
                        }
                        int[] t = style;
                        style = next;
                        next = t;
                    }
                }
                i = end + 1;
            } else if (kind == ']') {
                i = skipOsc(raw, i + 2);
            } else if (kind == '(' || kind == ')' || kind == '#' || kind == '%') {
                i = Math.min(n, i + 3);
            } else {
                i += 2;
            }
        }
        if (out.length() > runStart) {
            runs = addRun(runs, count, runStart, out.length(), style);
            styled |= !isDefault(style);
            count += LogLine.RUN;
        }
        return new AnsiText(out.toString(), styled ? java.util.Arrays.copyOf(runs, count) : null);
    }

    /**
     * {@link #parse(String, int)} for a line of ASCII bytes, {@code src[from, to)} with an ESC at {@code esc}: writes
     * the text without the escapes into {@code batch}'s bytes at {@code at} (room for {@code to - from} reserved) and
     * its runs into the batch's scratch; returns the text's length. Positions are byte offsets, which for ASCII are
     * the same as the string's char offsets. Allocates nothing but a larger scratch for a line with many runs.
     */
    static int parse(byte[] src, int from, int to, int esc, LineBatch batch, int at) {
        byte[] out = batch.bytes;
        int o = at;
        System.arraycopy(src, from, out, o, esc - from);
        o += esc - from;
        int[] runs = batch.runs;
        int count = 0;
        boolean styled = false;
        int[] style = batch.style;
        int[] next = batch.nextStyle;
        reset(style);
        int runStart = 0;
        int i = esc;
        while (i < to) {
            byte c = src[i];
            if (c != ESC) {
                int stop = i + 1;
                while (stop < to && src[stop] != ESC) {
                    stop++;
                }
                System.arraycopy(src, i, out, o, stop - i);
                o += stop - i;
                i = stop;
                continue;
            }
            if (i + 1 >= to) {
                break; // a lone ESC at the end
            }
            byte kind = src[i + 1];
            if (kind == '[') {
                int end = i + 2;
                while (end < to && !isFinalByte((char) src[end])) {
                    if (!isParameterByte((char) src[end])) {
                        break;
                    }
                    end++;
                }
                if (end >= to || !isFinalByte((char) src[end])) {
                    i = end; // cut off or broken: drop what was read, keep the text after it
                    continue;
                }
                if (src[end] == 'm') {
                    next[FG] = style[FG];
                    next[BG] = style[BG];
                    next[FLAGS] = style[FLAGS];
                    applySgr(next, src, i + 2, end, batch.params);
                    if (next[FG] != style[FG] || next[BG] != style[BG] || next[FLAGS] != style[FLAGS]) {
                        int length = o - at;
                        if (length > runStart) {
                            runs = addRun(runs, count, runStart, length, style);
                            styled |= !isDefault(style);
                            count += LogLine.RUN;
                            runStart = length;
                        }
                        int[] t = style;
                        style = next;
                        next = t;
                    }
                }
                i = end + 1;
            } else if (kind == ']') {
                i = skipOsc(src, i + 2, to);
            } else if (kind == '(' || kind == ')' || kind == '#' || kind == '%') {
                i = Math.min(to, i + 3);
            } else {
                i += 2;
            }
        }
        int length = o - at;
        if (length > runStart) {
            runs = addRun(runs, count, runStart, length, style);
            styled |= !isDefault(style);
            count += LogLine.RUN;
        }
        batch.runs = runs;
        batch.runCount = styled ? count : 0;
        return length;
    }

    private static int skipOsc(byte[] raw, int i, int to) {
        for (; i < to; i++) {
            byte c = raw[i];
            if (c == 7) {
                return i + 1;
            }
            if (c == ESC && i + 1 < to && raw[i + 1] == '\\') {
                return i + 2;
            }
        }
        return to;
    }

    /** {@link #applySgr(int[], String, int, int)} over ASCII bytes. */
    private static void applySgr(int[] style, byte[] raw, int from, int to, int[] v) {
        if (!applySimple(style, raw, from, to, v)) {
            applySgr(style, new String(raw, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1), 0, to - from);
        }
    }

    private static boolean applySimple(int[] style, byte[] raw, int from, int to, int[] v) {
        if (from == to) {
            return false;
        }
        int n = 0;
        int value = 0;
        for (int i = from; i < to; i++) {
            byte c = raw[i];
            if (c >= '0' && c <= '9') {
                value = Math.min(value * 10 + (c - '0'), 100_000);
            } else if (c == ';') {
                if (n == 15) {
                    return false;
                }
                v[n++] = value;
                value = 0;
            } else {
                return false;
            }
        }
        v[n++] = value;
        applyValues(style, v, n);
        return true;
    }

    private static boolean isDefault(int[] style) {
        return style[FG] == TextStyle.DEFAULT_COLOR && style[BG] == TextStyle.DEFAULT_COLOR && style[FLAGS] == 0;
    }

    private static int[] addRun(int[] runs, int count, int start, int end, int[] style) {
        if (count + LogLine.RUN > runs.length) {
            runs = java.util.Arrays.copyOf(runs, runs.length * 2);
        }
        runs[count] = start;
        runs[count + 1] = end;
        runs[count + 2] = style[FG];
        runs[count + 3] = style[BG];
        runs[count + 4] = style[FLAGS];
        return runs;
    }

    /** OSC runs to BEL or ESC \ (string terminator); unterminated, it swallows the rest of the line. */
    private static int skipOsc(String raw, int i) {
        for (; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\u0007') {
                return i + 1;
            }
            if (c == ESC && i + 1 < raw.length() && raw.charAt(i + 1) == '\\') {
                return i + 2;
            }
        }
        return raw.length();
    }

    private static boolean isFinalByte(char c) {
        return c >= 0x40 && c <= 0x7e;
    }

    private static boolean isParameterByte(char c) {
        return c >= 0x20 && c <= 0x3f;
    }

    /** Applies one SGR sequence's parameters to {@code style} (fg, bg, flags), in place. */
    static void applySgr(int[] style, String raw, int from, int to) {
        if (applySimple(style, raw, from, to)) {
            return;
        }
        int[][] p = params(raw, from, to);
        if (p.length == 0) {
            reset(style);
            return;
        }
        for (int k = 0; k < p.length; k++) {
            int[] group = p[k];
            int v = group[0];
            if (group.length > 1) {
                applyColonGroup(style, group);
                continue;
            }
            if (v == 38 || v == 48) {
                int[] color = {TextStyle.DEFAULT_COLOR};
                k = extended(p, k, color);
                if (color[0] != TextStyle.DEFAULT_COLOR) {
                    style[v == 38 ? FG : BG] = color[0];
                }
            } else {
                applyCode(style, v);
            }
        }
    }

    /**
     * The common case without building arrays of arrays: digits and ';' only (no colon sub-parameters), at most 16
     * parameters. Returns false when the sequence is not of that kind (the general path then reads it).
     */
    private static boolean applySimple(int[] style, String raw, int from, int to) {
        if (from == to) {
            return false;
        }
        int[] v = new int[16];
        int n = 0;
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                value = Math.min(value * 10 + (c - '0'), 100_000);
            } else if (c == ';') {
                if (n == 15) {
                    return false;
                }
                v[n++] = value;
                value = 0;
            } else {
                return false;
            }
        }
        v[n++] = value;
        applyValues(style, v, n);
        return true;
    }

    /** Applies {@code n} SGR parameters without sub-parameters. */
    private static void applyValues(int[] style, int[] v, int n) {
        for (int k = 0; k < n; k++) {
            int code = v[k];
            if (code == 38 || code == 48) {
                int color = TextStyle.DEFAULT_COLOR;
                if (k + 1 >= n) {
                    k = n - 1;
                } else if (v[k + 1] == 5 && k + 2 < n) {
                    if (v[k + 2] <= 255) {
                        color = v[k + 2];
                    }
                    k += 2;
                } else if (v[k + 1] == 2 && k + 4 < n) {
                    color = TextStyle.rgb(v[k + 2], v[k + 3], v[k + 4]);
                    k += 4;
                } else {
                    k = n - 1; // malformed: the rest cannot be read reliably
                }
                if (color != TextStyle.DEFAULT_COLOR) {
                    style[code == 38 ? FG : BG] = color;
                }
            } else {
                applyCode(style, code);
            }
        }
    }

    /** One SGR code other than the extended colours 38/48. */
    private static void applyCode(int[] style, int code) {
        switch (code) {
            case 0 -> reset(style);
            case 1 -> style[FLAGS] |= BOLD;
            case 3 -> style[FLAGS] |= ITALIC;
            case 4 -> style[FLAGS] |= UNDERLINE;
            case 21, 22 -> style[FLAGS] &= ~BOLD;
            case 23 -> style[FLAGS] &= ~ITALIC;
            case 24 -> style[FLAGS] &= ~UNDERLINE;
            case 39 -> style[FG] = TextStyle.DEFAULT_COLOR;
            case 49 -> style[BG] = TextStyle.DEFAULT_COLOR;
            default -> {
                if (code >= 30 && code <= 37) {
                    style[FG] = code - 30;
                } else if (code >= 90 && code <= 97) {
                    style[FG] = code - 90 + 8;
                } else if (code >= 40 && code <= 47) {
                    style[BG] = code - 40;
                } else if (code >= 100 && code <= 107) {
                    style[BG] = code - 100 + 8;
                }
                // anything else (blink, inverse, fonts…) is ignored
            }
        }
    }

    private static void reset(int[] style) {
        style[FG] = TextStyle.DEFAULT_COLOR;
        style[BG] = TextStyle.DEFAULT_COLOR;
        style[FLAGS] = 0;
    }

    /**
     * One parameter with colon sub-parameters (ITU T.416): {@code 38:5:n}, {@code 38:2:cs:r:g:b} where the colour
     * space {@code cs} is usually empty ({@code 38:2::r:g:b}), and the common variant without it,
     * {@code 38:2:r:g:b}; {@code 4:n} underline styles (0 is off). The sub-parameters never spill into the next
     * parameter, unlike the semicolon form.
     */
    private static void applyColonGroup(int[] style, int[] g) {
        int v = g[0];
        if (v == 38 || v == 48) {
            int color = TextStyle.DEFAULT_COLOR;
            if (g[1] == 5 && g.length >= 3 && g[2] >= 0 && g[2] <= 255) {
                color = g[2];
            } else if (g[1] == 2 && g.length >= 6) {
                color = TextStyle.rgb(g[3], g[4], g[5]);
            } else if (g[1] == 2 && g.length == 5) {
                color = TextStyle.rgb(g[2], g[3], g[4]);
            }
            if (color != TextStyle.DEFAULT_COLOR) {
                style[v == 38 ? FG : BG] = color;
            }
            return;
        }
        if (v == 4) {
            style[FLAGS] = g[1] != 0 ? style[FLAGS] | UNDERLINE : style[FLAGS] & ~UNDERLINE;
        }
        // other sub-parameter forms (underline colour 58:…) are ignored
    }

    /** Reads {@code 5;n} or {@code 2;r;g;b} after a 38/48 at {@code k}; returns the index of its last parameter. */
    private static int extended(int[][] p, int k, int[] color) {
        if (k + 1 >= p.length) {
            return p.length - 1;
        }
        if (p[k + 1][0] == 5 && k + 2 < p.length) {
            if (p[k + 2][0] >= 0 && p[k + 2][0] <= 255) {
                color[0] = p[k + 2][0];
            }
            return k + 2;
        }
        if (p[k + 1][0] == 2 && k + 4 < p.length) {
            color[0] = TextStyle.rgb(p[k + 2][0], p[k + 3][0], p[k + 4][0]);
            return k + 4;
        }
        return p.length - 1; // malformed: the rest cannot be read reliably
    }

    /**
     * Parameters split at ';', each with its sub-parameters split at ':' (a plain parameter is a group of one);
     * an empty one counts as 0 (as terminals do); private-mode markers make the sequence unusable.
     */
    private static int[][] params(String raw, int from, int to) {
        if (from == to) {
            return new int[0][];
        }
        int count = 1;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == ';') {
                count++;
            } else if (c != ':' && (c < '0' || c > '9')) {
                return new int[][] {{-1}};
            }
        }
        int[][] out = new int[count][];
        int k = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || raw.charAt(i) == ';') {
                out[k++] = subParams(raw, start, i);
                start = i + 1;
            }
        }
        return out;
    }

    private static int[] subParams(String raw, int from, int to) {
        int count = 1;
        for (int i = from; i < to; i++) {
            if (raw.charAt(i) == ':') {
                count++;
            }
        }
        int[] out = new int[count];
        int k = 0;
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == ':') {
                out[k++] = v;
                v = 0;
            } else {
                v = Math.min(v * 10 + (c - '0'), 100_000);
            }
        }
        out[k] = v;
        return out;
    }
}
