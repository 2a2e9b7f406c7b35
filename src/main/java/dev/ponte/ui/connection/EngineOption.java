package dev.ponte.ui.connection;

/**
 * One container engine Ponte found, for the picker.
 *
 * @param endpoint e.g. {@code unix:///run/podman/podman.sock}
 * @param label    what it is and its state, e.g. "Podman 4.3.1 — /run/podman/podman.sock (answers)"
 * @param usable   it answers and Ponte can talk to it
 * @param inUse    Ponte uses this one now
 */
public record EngineOption(String endpoint, String label, boolean usable, boolean inUse) {
    @Override
    public String toString() {
        return label;
    }
}
