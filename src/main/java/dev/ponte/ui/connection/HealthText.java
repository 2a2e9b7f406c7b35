package dev.ponte.ui.connection;

import dev.ponte.core.health.TunnelHealth;
import java.time.Duration;

/** Health in words and numbers, for the panel, the status bar and the tray. */
public final class HealthText {
    private HealthText() {
    }

    /** "handshake 4 s ago · ↓ 1.2 MB ↑ 340 kB". */
    public static String numbers(TunnelHealth h) {
        return "handshake " + age(h.handshakeAge()) + " · ↓ " + bytes(h.rxBytes()) + " ↑ " + bytes(h.txBytes());
    }

    static String age(Duration d) {
        if (d == null) {
            return "never";
        }
        long s = d.toSeconds();
        return s < 120 ? s + " s ago" : d.toMinutes() + " min ago";
    }

    static String bytes(long b) {
        if (b < 1000) {
            return b + " B";
        }
        if (b < 1_000_000) {
            return String.format("%.1f kB", b / 1000.0);
        }
        if (b < 1_000_000_000) {
            return String.format("%.1f MB", b / 1_000_000.0);
        }
        return String.format("%.2f GB", b / 1_000_000_000.0);
    }
}
