package dev.ponte.core.logs;

/**
 * Finds a line's severity without regular expressions (it runs for every line): a JSON {@code level} /
 * {@code severity} / {@code lvl} field (names or pino's numbers), logfmt {@code level=warn}, a klog header
 * ({@code E0501 12:00:00.000 …}), or an upper-case level word ({@code ERROR}, {@code [WARN]}) near the
 * start. Lower-case words in prose ("no error") are not taken as a level.
 */
public final class SeverityDetector {
    /** Only the head of a line is searched: levels sit there, and long lines must stay cheap. */
    static final int HEAD = 160;
    private static final String[] JSON_KEYS = {"\"level\"", "\"severity\"", "\"lvl\"", "\"loglevel\""};
    private static final String[] KV_KEYS = {"level", "lvl", "severity"};

    private SeverityDetector() {
    }

    public static Severity detect(String text, boolean json) {
        if (text.isEmpty()) {
            return Severity.NONE;
        }
        Severity s = json ? fromJson(text) : null;
        if (s == null) {
            s = fromKeyValue(text);
        }
        if (s == null) {
            s = fromKlog(text);
        }
        if (s == null) {
            s = fromWords(text);
        }
        return s == null ? Severity.NONE : s;
    }

    static Severity fromJson(String text) {
        for (String key : JSON_KEYS) {
            int k = text.indexOf(key);
            if (k < 0) {
                continue;
            }
            int i = skipSpaces(text, k + key.length());
            if (i >= text.length() || text.charAt(i) != ':') {
                continue;
            }
            i = skipSpaces(text, i + 1);
            if (i >= text.length()) {
                return null;
            }
            if (text.charAt(i) == '"') {
                int end = text.indexOf('"', i + 1);
                if (end > 0) {
                    Severity s = Severity.ofName(text, i + 1, end);
                    if (s != null) {
                        return s;
                    }
                }
            } else {
                int end = i;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                if (end > i && end - i <= 3) {
                    Severity s = Severity.ofNumber(Integer.parseInt(text, i, end, 10));
                    if (s != null) {
                        return s;
                    }
                }
            }
        }
        return null;
    }

    private static Severity fromKeyValue(String text) {
        int limit = Math.min(text.length(), 400);
        for (int eq = text.indexOf('='); eq >= 0 && eq < limit; eq = text.indexOf('=', eq + 1)) {
            int start = eq;
            while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
                start--;
            }
            if (!isLevelKey(text, start, eq - start)) {
                continue;
            }
            int i = eq + 1;
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
            }
            int end = i;
            while (end < text.length() && Character.isLetter(text.charAt(end))) {
                end++;
            }
            Severity s = Severity.ofName(text, i, end);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static boolean isLevelKey(String s, int at, int n) {
        for (String key : KV_KEYS) {
            if (key.length() == n && s.regionMatches(true, at, key, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /** klog: one of I/W/E/F, then MMDD and a space, e.g. {@code E0501 12:00:00.123456 1 main.go:10] …}. */
    private static Severity fromKlog(String text) {
        if (text.length() < 6 || text.charAt(5) != ' ') {
            return null;
        }
        for (int i = 1; i < 5; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return null;
            }
        }
        return switch (text.charAt(0)) {
            case 'E', 'F' -> Severity.ERROR;
            case 'W' -> Severity.WARN;
            case 'I' -> Severity.INFO;
            default -> null;
        };
    }

    private static Severity fromWords(String text) {
        int limit = Math.min(text.length(), HEAD);
        int i = 0;
        while (i < limit) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z' && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) >= 'A' && text.charAt(end) <= 'Z') {
                    end++;
                }
                if (end - i >= 3 && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                    Severity s = Severity.ofName(text, i, end);
                    if (s != null) {
                        return s;
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return null;
    }

    // ---- the same over ASCII bytes b[from, to), for the parser's byte path (no String per line)

    private static final byte[][] JSON_KEY_BYTES = bytes(JSON_KEYS);
    private static final byte[][] KV_KEY_BYTES = bytes(KV_KEYS);
    private static final long EQUALS = Bytes.repeated((byte) '=');

    /**
     * {@link #detect(String, boolean)} for the ASCII text {@code b[from, to)}; {@code eqFrom}: no '=' before it (the
     * parser's scan saw where the first is).
     */
    static Severity detect(byte[] b, int from, int to, boolean json, int eqFrom) {
        if (from == to) {
            return Severity.NONE;
        }
        Severity s = json ? fromJson(b, from, to) : null;
        if (s == null) {
            s = fromKeyValue(b, from, to, eqFrom);
        }
        if (s == null) {
            s = fromKlog(b, from, to);
        }
        if (s == null) {
            s = fromWords(b, from, to);
        }
        return s == null ? Severity.NONE : s;
    }

    private static Severity fromJson(byte[] b, int from, int to) {
        for (byte[] key : JSON_KEY_BYTES) {
            int k = indexOf(b, from, to, key);
            if (k < 0) {
                continue;
            }
            int i = skipSpaces(b, k + key.length, to);
            if (i >= to || b[i] != ':') {
                continue;
            }
            i = skipSpaces(b, i + 1, to);
            if (i >= to) {
                return null;
            }
            if (b[i] == '"') {
                int end = i + 1;
                while (end < to && b[end] != '"') {
                    end++;
                }
                if (end < to) {
                    Severity s = Severity.ofName(b, i + 1, end);
                    if (s != null) {
                        return s;
                    }
                }
            } else {
                int end = i;
                int value = 0;
                while (end < to && isDigit(b[end])) {
                    if (end - i < 4) {
                        value = value * 10 + (b[end] - '0');
                    }
                    end++;
                }
                if (end > i && end - i <= 3) {
                    Severity s = Severity.ofNumber(value);
                    if (s != null) {
                        return s;
                    }
                }
            }
        }
        return null;
    }

    private static Severity fromKeyValue(byte[] b, int from, int to, int eqFrom) {
        int limit = Math.min(to, from + 400);
        for (int eq = Bytes.indexOf(b, Math.max(from, eqFrom), limit, (byte) '=', EQUALS); eq < limit;
                eq = Bytes.indexOf(b, eq + 1, limit, (byte) '=', EQUALS)) {
            int start = eq;
            while (start > from && isLetter(b[start - 1])) {
                start--;
            }
            if (!isLevelKey(b, start, eq - start)) {
                continue;
            }
            int i = eq + 1;
            if (i < to && b[i] == '"') {
                i++;
            }
            int end = i;
            while (end < to && isLetter(b[end])) {
                end++;
            }
            Severity s = Severity.ofName(b, i, end);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static boolean isLevelKey(byte[] b, int at, int n) {
        for (byte[] key : KV_KEY_BYTES) {
            if (key.length == n) {
                int i = 0;
                while (i < n && (b[at + i] | 0x20) == key[i]) {
                    i++;
                }
                if (i == n) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Severity fromKlog(byte[] b, int from, int to) {
        if (to - from < 6 || b[from + 5] != ' ') {
            return null;
        }
        for (int i = 1; i < 5; i++) {
            if (!isDigit(b[from + i])) {
                return null;
            }
        }
        return switch (b[from]) {
            case 'E', 'F' -> Severity.ERROR;
            case 'W' -> Severity.WARN;
            case 'I' -> Severity.INFO;
            default -> null;
        };
    }

    private static Severity fromWords(byte[] b, int from, int to) {
        int limit = Math.min(to, from + HEAD);
        int i = from;
        while (i < limit) {
            byte c = b[i];
            if (c >= 'A' && c <= 'Z' && (i == from || !isLetterOrDigit(b[i - 1]))) {
                int end = i + 1;
                while (end < to && b[end] >= 'A' && b[end] <= 'Z') {
                    end++;
                }
                if (end - i >= 3 && (end == to || !isLetterOrDigit(b[end]))) {
                    Severity s = Severity.ofName(b, i, end);
                    if (s != null) {
                        return s;
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return null;
    }

    private static int indexOf(byte[] b, int from, int to, byte[] key) {
        byte first = key[0];
        for (int i = from, last = to - key.length; i <= last; i++) {
            if (b[i] == first) {
                int k = 1;
                while (k < key.length && b[i + k] == key[k]) {
                    k++;
                }
                if (k == key.length) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int skipSpaces(byte[] b, int i, int to) {
        while (i < to && b[i] == ' ') {
            i++;
        }
        return i;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(byte c) {
        int l = c | 0x20;
        return l >= 'a' && l <= 'z';
    }

    private static boolean isLetterOrDigit(byte c) {
        return isLetter(c) || isDigit(c);
    }

    private static byte[][] bytes(String[] keys) {
        byte[][] out = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            out[i] = keys[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return out;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
