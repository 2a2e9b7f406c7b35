package dev.ponte.core.logs;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the user typed into the filter (or search) box: plain text or a regular expression, matched
 * case-insensitively unless asked, optionally inverted (show lines that do NOT match).
 */
public record LogFilter(String query, boolean regex, boolean caseSensitive, boolean inverse) {
    public static final LogFilter NONE = new LogFilter("", false, false, false);
    /** What an empty filter compiles to: every line passes (views then skip testing lines at all). */
    public static final Predicate<LogLine> ALL = line -> true;

    public LogFilter {
        query = query == null ? "" : query;
    }

    public boolean isEmpty() {
        return query.isEmpty();
    }

    /** The filter ready to test lines, or an error for an invalid regular expression. */
    public Compiled compile() {
        if (query.isEmpty()) {
            return new Compiled(ALL, null, null);
        }
        Pattern pattern;
        if (regex) {
            try {
                pattern = Pattern.compile(query, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                return new Compiled(null, null, "Not a valid regular expression: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " at position " + (e.getIndex() + 1) : "") + ". The filter is not applied.");
            }
        } else {
            pattern = null;
        }
        Predicate<String> test;
        if (pattern != null) {
            test = text -> pattern.matcher(text).find();
        } else if (caseSensitive) {
            test = text -> text.contains(query);
        } else {
            String q = query.toLowerCase(Locale.ROOT);
            test = text -> containsIgnoreCase(text, q);
        }
        Predicate<LogLine> matches = line -> line.isNotice() || test.test(line.text()) != inverse;
        return new Compiled(matches, new Finder(pattern, caseSensitive ? query : query.toLowerCase(Locale.ROOT), caseSensitive), null);
    }

    /** Plain case-insensitive search without lower-casing the whole line first (it runs per line). */
    static boolean containsIgnoreCase(String text, String lowerQuery) {
        int n = lowerQuery.length();
        if (n == 0) {
            return true;
        }
        char first = lowerQuery.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        for (int i = 0, last = text.length() - n; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == first || c == firstUpper) && text.regionMatches(true, i, lowerQuery, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param matches null when the query is invalid
     * @param finder  finds match ranges for highlighting; null when empty or invalid
     * @param error   what is wrong with the query, for the user; null when valid
     */
    public record Compiled(Predicate<LogLine> matches, Finder finder, String error) {
        public boolean valid() {
            return error == null;
        }
    }

    /** Finds where the query occurs in a text (for highlighting and search hits). */
    public record Finder(Pattern pattern, String query, boolean caseSensitive) {
        /** Start and end of the first match at or after {@code from}, or null. */
        public int[] find(String text, int from) {
            if (pattern != null) {
                var m = pattern.matcher(text);
                return m.find(from) && m.end() > m.start() ? new int[] {m.start(), m.end()} : null;
            }
            for (int i = from, last = text.length() - query.length(); i <= last; i++) {
                if (text.regionMatches(!caseSensitive, i, query, 0, query.length())) {
                    return new int[] {i, i + query.length()};
                }
            }
            return null;
        }

        public boolean occursIn(String text) {
            if (pattern != null) {
                return pattern.matcher(text).find();
            }
            return caseSensitive ? text.contains(query) : containsIgnoreCase(text, query);
        }
    }
}
