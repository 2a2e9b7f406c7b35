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
        if (n < 1 || n > 9) {
            return null;
        }
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = Character.toUpperCase(s.charAt(from + i));
        }
        return switch (new String(c)) {
            case "ERROR", "ERR", "FATAL", "PANIC", "CRITICAL", "CRIT", "SEVERE", "EMERG", "ALERT" -> ERROR;
            case "WARN", "WARNING" -> WARN;
            case "INFO", "NOTICE" -> INFO;
            case "DEBUG", "DBG", "FINE" -> DEBUG;
            case "TRACE", "FINER", "FINEST" -> TRACE;
            default -> null;
        };
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
