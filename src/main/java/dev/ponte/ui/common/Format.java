package dev.ponte.ui.common;

import java.time.Duration;
import java.time.Instant;

/** Short human formats, kubectl-style. */
public final class Format {
    private Format() {
    }

    /** Age like kubectl: 45s, 12m, 5h, 3d, 2y. Empty when unknown. */
    public static String age(Instant created, Instant now) {
        if (created == null) {
            return "";
        }
        Duration d = Duration.between(created, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long s = d.toSeconds();
        if (s < 120) {
            return s + "s";
        }
        if (s < 2 * 3600) {
            return d.toMinutes() + "m";
        }
        if (s < 2 * 86400) {
            return d.toHours() + "h";
        }
        if (d.toDays() < 730) {
            return d.toDays() + "d";
        }
        return d.toDays() / 365 + "y";
    }

    /** Where a long name may break: after these, and inside any run this long without one. */
    private static final String BREAK_AFTER = "-._/:@";
    static final int LONGEST_RUN = 16;

    /**
     * A name (context, workload, image, container) as a wrapped label shows it: a zero-width space after each
     * {@code - . _ / : @} and inside long unbroken runs, so a name wider than its panel breaks onto the next line
     * instead of being cut with "…". For display only: copies and commands use the name itself.
     */
    public static String breakable(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(name.length() + 8);
        int run = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c);
            run = Character.isWhitespace(c) ? 0 : run + 1;
            boolean last = i == name.length() - 1;
            if (!last && (BREAK_AFTER.indexOf(c) >= 0 || run >= LONGEST_RUN)) {
                b.append('\u200B');
                run = 0;
            }
        }
        return b.toString();
    }
}
