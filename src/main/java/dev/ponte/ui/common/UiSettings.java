package dev.ponte.ui.common;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Ponte remembers across restarts. A plain bean (public fields) so the settings store can
 * read and write it as JSON; unknown fields in a newer file are ignored, and {@link #repair()} turns what a damaged
 * file left null or unusable back into defaults. Only the FX thread touches it.
 */
public class UiSettings {
    public Theme theme = Theme.SYSTEM;
    public WindowGeometry window;
    /** Divider positions by split pane id. */
    public Map<String, double[]> dividers = new LinkedHashMap<>();
    public String lastContext;
    /** Last namespace per context name. */
    public Map<String, String> lastNamespace = new LinkedHashMap<>();
    /** Namespaces pinned on top of the list (★), per context name. */
    public Map<String, List<String>> favouriteNamespaces = new LinkedHashMap<>();
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
    /** Per context: the MTU applied to its connection (upstream's --mtu; the diagnostics' Apply MTU), 576 to 9000. */
    public Map<String, Integer> connectionMtus = new LinkedHashMap<>();
    /** Closing the window while connections are up hides it to the tray (where there is one) instead of asking. */
    public boolean closeToTray = true;
    /** The "Ponte is still running" hint was shown (once, the first time the window hid to the tray). */
    public boolean trayHintShown;

    public enum Theme { LIGHT, DARK, SYSTEM }

    /**
     * Replaces what a hand-edited or damaged file left unusable with the default, so no reader meets a null or a
     * value it cannot use: null lists and maps, null or blank entries, paths that are no paths (a NUL), divider
     * positions outside 0..1, a window without a size, texts with control characters.
     *
     * @return what was dropped or reset, one line each (for the log; never a value, which may be a secret)
     */
    public List<String> repair() {
        List<String> fixed = new ArrayList<>();
        if (theme == null) {
            theme = Theme.SYSTEM;
            fixed.add("theme was empty; Follow system is used");
        }
        if (window != null && !window.usable()) {
            window = null;
            fixed.add("window size and position were not usable; the default size is used");
        }
        dividers = repairMap(dividers, "dividers", fixed, (k, v) -> v != null && v.length > 0 && allFractions(v));
        lastNamespace = repairMap(lastNamespace, "lastNamespace", fixed, (k, v) -> text(v) != null);
        favouriteNamespaces = repairMap(favouriteNamespaces, "favouriteNamespaces", fixed,
                (k, v) -> v != null && v.stream().allMatch(ns -> text(ns) != null));
        extraKubeconfigs = repairPaths(extraKubeconfigs, fixed);
        lastContext = repairText(lastContext, "lastContext", fixed);
        gefyraRegistry = repairText(gefyraRegistry, "gefyraRegistry", fixed);
        operatorImage = repairText(operatorImage, "operatorImage", fixed);
        stowawayImage = repairText(stowawayImage, "stowawayImage", fixed);
        carrier2Image = repairText(carrier2Image, "carrier2Image", fixed);
        cargoImage = repairText(cargoImage, "cargoImage", fixed);
        engineEndpoint = repairText(engineEndpoint, "engineEndpoint", fixed);
        cargoEndpoint = repairText(cargoEndpoint, "cargoEndpoint", fixed);
        connectionMtus = repairMap(connectionMtus, "connectionMtus", fixed, (k, v) -> v != null && v >= 576 && v <= 9000);
        return fixed;
    }

    private static <V> Map<String, V> repairMap(Map<String, V> map, String name, List<String> fixed,
                                                java.util.function.BiPredicate<String, V> usable) {
        if (map == null) {
            fixed.add(name + " was empty; reset");
            return new LinkedHashMap<>();
        }
        Map<String, V> copy = new LinkedHashMap<>();
        int dropped = 0;
        for (Map.Entry<String, V> e : map.entrySet()) {
            if (text(e.getKey()) != null && usable.test(e.getKey(), e.getValue())) {
                copy.put(e.getKey(), e.getValue());
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            fixed.add(name + ": " + dropped + " unusable entr" + (dropped == 1 ? "y" : "ies") + " dropped");
        }
        return copy;
    }

    private static List<String> repairPaths(List<String> paths, List<String> fixed) {
        if (paths == null) {
            fixed.add("extraKubeconfigs was empty; reset");
            return new ArrayList<>();
        }
        Set<String> kept = new LinkedHashSet<>();
        int dropped = 0;
        for (String p : paths) {
            if (usablePath(p)) {
                kept.add(p);
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            fixed.add("extraKubeconfigs: " + dropped + " entr" + (dropped == 1 ? "y that is" : "ies that are") + " not a file path dropped");
        }
        return new ArrayList<>(kept);
    }

    /** True for a non-blank text that names a path on this system. */
    public static boolean usablePath(String p) {
        if (text(p) == null) {
            return false;
        }
        try {
            Path.of(p);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String repairText(String value, String name, List<String> fixed) {
        if (value != null && text(value) == null) {
            fixed.add(name + " was not usable text; the default is used");
            return null;
        }
        return value;
    }

    /** The text when it is non-blank and holds no control character (a NUL, a line break), else null. */
    private static String text(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return null;
            }
        }
        return s;
    }

    private static boolean allFractions(double[] values) {
        for (double d : values) {
            if (!(d >= 0 && d <= 1)) { // also false for NaN
                return false;
            }
        }
        return true;
    }

    public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
        /** Finite numbers and a size a window can have. */
        boolean usable() {
            return Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(width) && Double.isFinite(height)
                    && width > 0 && height > 0 && width < 100_000 && height < 100_000;
        }
    }
}
