package dev.ponte.ui.palette;

import java.util.Locale;

/**
 * Fuzzy matching for the command palette: every character of the query must appear in the text in order (case
 * ignored); a match scores higher when its characters start words ("cd" finds "Connect kind-dev"), follow each other
 * ("disc" in "Disconnect") and come early. Pure.
 */
public final class FuzzyMatch {
    /** No match. */
    public static final int NONE = Integer.MIN_VALUE;

    private FuzzyMatch() {
    }

    /** The score of {@code text} for {@code query}, {@link #NONE} when it does not match; an empty query scores 0. */
    public static int score(String query, String text) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return 0;
        }
        String t = text.toLowerCase(Locale.ROOT);
        // Best of: greedy from each place the first character occurs (texts are short: titles of a palette).
        int best = NONE;
        for (int start = t.indexOf(q.charAt(0)); start >= 0; start = t.indexOf(q.charAt(0), start + 1)) {
            int s = scoreFrom(q, t, text, start);
            if (s > best) {
                best = s;
            }
        }
        return best;
    }

    private static int scoreFrom(String q, String t, String original, int start) {
        int score = 0;
        int ti = start;
        int previous = -2;
        for (int qi = 0; qi < q.length(); qi++) {
            char c = q.charAt(qi);
            if (c == ' ') {
                continue; // spaces in the query separate words; they need not match
            }
            while (ti < t.length() && t.charAt(ti) != c) {
                ti++;
            }
            if (ti >= t.length()) {
                return NONE;
            }
            score += 1;
            if (ti == 0) {
                score += 10;
            } else if (wordStart(original, ti)) {
                score += 8;
            }
            if (ti == previous + 1) {
                score += 5;
            }
            score -= Math.min(3, ti - previous - 1 < 0 ? 0 : (ti - previous - 1) / 4);
            previous = ti;
            ti++;
        }
        return score - start / 8;
    }

    private static boolean wordStart(String s, int i) {
        char before = s.charAt(i - 1);
        char c = s.charAt(i);
        return !Character.isLetterOrDigit(before) || (Character.isLowerCase(before) && Character.isUpperCase(c));
    }
}
