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
        char first = Character.toUpperCase(s.charAt(from));
        String[] names = Names.starting(first);
        for (int k = 0; k < names.length; k++) {
            if (is(s, from, n, names[k])) {
                return Names.SEVERITY[first - 'A'][k];
            }
        }
        return null;
    }

    /** {@link #ofName(CharSequence, int, int)} over ASCII bytes. */
    static Severity ofName(byte[] s, int from, int to) {
        int n = to - from;
        if (n < 3 || n > 8) {
            return null;
        }
        char first = upper(s[from]);
        String[] names = Names.starting(first);
        for (int k = 0; k < names.length; k++) {
            if (is(s, from, n, names[k])) {
                return Names.SEVERITY[first - 'A'][k];
            }
        }
        return null;
    }

    /** The level names both {@code ofName}s read, by first letter (upper case), with the severity each means. */
    private static final class Names {
        private static final String[] NONE_STARTING = {};
        static final String[][] NAMES = new String[26][];
        static final Severity[][] SEVERITY = new Severity[26][];

        static {
            add('E', "ERROR", ERROR, "ERR", ERROR, "EMERG", ERROR);
            add('F', "FATAL", ERROR, "FINE", DEBUG, "FINER", TRACE, "FINEST", TRACE);
            add('P', "PANIC", ERROR);
            add('C', "CRITICAL", ERROR, "CRIT", ERROR);
            add('S', "SEVERE", ERROR);
            add('A', "ALERT", ERROR);
            add('W', "WARN", WARN, "WARNING", WARN);
            add('I', "INFO", INFO);
            add('N', "NOTICE", INFO);
            add('D', "DEBUG", DEBUG, "DBG", DEBUG);
            add('T', "TRACE", TRACE);
        }

        private static void add(char letter, Object... nameThenSeverity) {
            int count = nameThenSeverity.length / 2;
            NAMES[letter - 'A'] = new String[count];
            SEVERITY[letter - 'A'] = new Severity[count];
            for (int k = 0; k < count; k++) {
                NAMES[letter - 'A'][k] = (String) nameThenSeverity[2 * k];
                SEVERITY[letter - 'A'][k] = (Severity) nameThenSeverity[2 * k + 1];
            }
        }

        /** The names that start with {@code upper}, or none. */
        static String[] starting(char upper) {
            String[] names = upper >= 'A' && upper <= 'Z' ? NAMES[upper - 'A'] : null;
            return names == null ? NONE_STARTING : names;
        }
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
