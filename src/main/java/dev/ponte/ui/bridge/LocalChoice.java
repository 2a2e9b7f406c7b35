package dev.ponte.ui.bridge;

import dev.ponte.core.run.LocalContainer;

/**
 * A local container as the Local container page lists it.
 *
 * @param reason why traffic cannot go to it, or null when it can
 */
public record LocalChoice(LocalContainer container, String reason) {
    static LocalChoice of(LocalContainer c) {
        String reason = null;
        if (!c.running()) {
            reason = "Not running (" + (c.state() == null ? "unknown" : c.state()) + "): start it, or run a new one";
        } else if (c.ip() == null || c.ip().isBlank()) {
            reason = "Not on this connection's network: run it with Ponte (Run locally…) so Cargo can reach it";
        }
        return new LocalChoice(c, reason);
    }

    public boolean usable() {
        return reason == null;
    }

    public String name() {
        return container.name();
    }
}
