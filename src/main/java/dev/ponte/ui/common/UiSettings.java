package dev.ponte.ui.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Ponte remembers across restarts. A plain bean (public fields) so the settings store can
 * read and write it as JSON; unknown fields in a newer file are ignored. Only the FX thread
 * touches it.
 */
public class UiSettings {
    public Theme theme = Theme.SYSTEM;
    public WindowGeometry window;
    /** Divider positions by split pane id. */
    public Map<String, double[]> dividers = new LinkedHashMap<>();
    public String lastContext;
    /** Last namespace per context name. */
    public Map<String, String> lastNamespace = new LinkedHashMap<>();
    /** Kubeconfig files the user opened in Ponte, merged after the standard ones. */
    public List<String> extraKubeconfigs = new ArrayList<>();
    /** Gefyra image registry (air-gapped mirrors); null = quay.io/gefyra. */
    public String gefyraRegistry;
    /** Per-image overrides (e.g. locally built test images); null = from the registry. */
    public String operatorImage;
    public String stowawayImage;
    public String carrier2Image;
    public String cargoImage;
    /** The container engine to use (e.g. unix:///run/podman/podman.sock); null = discover. */
    public String engineEndpoint;
    /** Where Cargo reaches Stowaway, host:port; null = detect (docker0 address on Linux, else host.docker.internal). */
    public String cargoEndpoint;
    /** Per context: where Cargo reaches that cluster's Stowaway (each cluster has its own), over {@link #cargoEndpoint}. */
    public Map<String, String> cargoEndpoints = new LinkedHashMap<>();
    /** Closing the window while connections are up hides it to the tray (where there is one) instead of asking. */
    public boolean closeToTray = true;
    /** The "Ponte is still running" hint was shown (once, the first time the window hid to the tray). */
    public boolean trayHintShown;

    public enum Theme { LIGHT, DARK, SYSTEM }

    public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    }
}
