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
}
