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

    public enum Theme { LIGHT, DARK, SYSTEM }

    public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    }
}
