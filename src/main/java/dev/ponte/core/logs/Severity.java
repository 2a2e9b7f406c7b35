package dev.ponte.core.logs;

/** How serious a log line is, as far as its text tells; {@link #NONE} when it says nothing. */
public enum Severity {
    ERROR, WARN, INFO, DEBUG, TRACE, NONE;

    /**
     * Reads a level name as loggers write it: {@code error}, {@code ERR}, {@code fatal}, {@code warning},
     * {@code notice}, ... in any case; null when it is not one.
     */
    public static Severity ofName(CharSequence s, int from, int to) {
        int n = to - from;
        if (n < 3 || n > 8) {
            return null;
        }
        // Without building a string (it runs for every candidate word of every line): first letter, then the rest.
        return switch (Character.toUpperCase(s.charAt(from))) {
            case 'E' -> is(s, from, n, "ERROR") || is(s, from, n, "ERR") || is(s, from, n, "EMERG") ? ERROR : null;
            case 'F' -> is(s, from, n, "FATAL") ? ERROR : is(s, from, n, "FINE") ? DEBUG
                    : is(s, from, n, "FINER") || is(s, from, n, "FINEST") ? TRACE : null;
            case 'P' -> is(s, from, n, "PANIC") ? ERROR : null;
            case 'C' -> is(s, from, n, "CRITICAL") || is(s, from, n, "CRIT") ? ERROR : null;
            case 'S' -> is(s, from, n, "SEVERE") ? ERROR : null;
            case 'A' -> is(s, from, n, "ALERT") ? ERROR : null;
            case 'W' -> is(s, from, n, "WARN") || is(s, from, n, "WARNING") ? WARN : null;
            case 'I' -> is(s, from, n, "INFO") ? INFO : null;
            case 'N' -> is(s, from, n, "NOTICE") ? INFO : null;
            case 'D' -> is(s, from, n, "DEBUG") || is(s, from, n, "DBG") ? DEBUG : null;
            case 'T' -> is(s, from, n, "TRACE") ? TRACE : null;
            default -> null;
        };
    }

    /** {@link #ofName(CharSequence, int, int)} over ASCII bytes. */
    static Severity ofName(byte[] s, int from, int to) {
        int n = to - from;
        if (n < 3 || n > 8) {
            return null;
        }
        return switch (upper(s[from])) {
            case 'E' -> is(s, from, n, "ERROR") || is(s, from, n, "ERR") || is(s, from, n, "EMERG") ? ERROR : null;
            case 'F' -> is(s, from, n, "FATAL") ? ERROR : is(s, from, n, "FINE") ? DEBUG
                    : is(s, from, n, "FINER") || is(s, from, n, "FINEST") ? TRACE : null;
            case 'P' -> is(s, from, n, "PANIC") ? ERROR : null;
            case 'C' -> is(s, from, n, "CRITICAL") || is(s, from, n, "CRIT") ? ERROR : null;
            case 'S' -> is(s, from, n, "SEVERE") ? ERROR : null;
            case 'A' -> is(s, from, n, "ALERT") ? ERROR : null;
            case 'W' -> is(s, from, n, "WARN") || is(s, from, n, "WARNING") ? WARN : null;
            case 'I' -> is(s, from, n, "INFO") ? INFO : null;
            case 'N' -> is(s, from, n, "NOTICE") ? INFO : null;
            case 'D' -> is(s, from, n, "DEBUG") || is(s, from, n, "DBG") ? DEBUG : null;
            case 'T' -> is(s, from, n, "TRACE") ? TRACE : null;
            default -> null;
        };
    }

    private static char upper(byte c) {
        return (char) (c >= 'a' && c <= 'z' ? c - 32 : c);
    }

    private static boolean is(byte[] s, int from, int n, String upper) {
        if (n != upper.length()) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            if (upper(s[from + i]) != upper.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean is(CharSequence s, int from, int n, String upper) {
        if (n != upper.length()) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            if (Character.toUpperCase(s.charAt(from + i)) != upper.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A numeric level (pino/bunyan: 10 trace … 60 fatal; syslog 0–7 is too ambiguous to guess). */
    static Severity ofNumber(int level) {
        if (level >= 50) {
            return ERROR;
        }
        if (level >= 40) {
            return WARN;
        }
        if (level >= 30) {
            return INFO;
        }
        if (level >= 20) {
            return DEBUG;
        }
        return level >= 10 ? TRACE : null;
    }
}
