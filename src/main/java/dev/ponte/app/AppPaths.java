package dev.ponte.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Ponte keeps its files, per OS; {@code -Dponte.home=DIR} puts everything under one
 * folder (tests, screenshots, benchmarks).
 */
public record AppPaths(Path config, Path logs, Path state) {
    public static AppPaths detect(Map<String, String> env) {
        return forHome(env, Path.of(System.getProperty("user.home")));
    }

    /**
     * The folders for a given home. {@code -Dponte.home} moves the folders of the user's real home; a test that
     * gives Ponte a home of its own gets the folders inside that home, so no two tests share a journal.
     */
    public static AppPaths forHome(Map<String, String> env, Path home) {
        String override = System.getProperty("ponte.home");
        boolean realHome = home.toAbsolutePath().normalize().equals(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize());
        if (override != null && !override.isBlank() && realHome) {
            Path root = Path.of(override);
            return new AppPaths(root.resolve("config"), root.resolve("logs"), root.resolve("state"));
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path appData = Path.of(env.getOrDefault("APPDATA", home.resolve("AppData/Roaming").toString()));
            Path local = Path.of(env.getOrDefault("LOCALAPPDATA", home.resolve("AppData/Local").toString()));
            return new AppPaths(appData.resolve("Ponte"), local.resolve("Ponte/logs"), local.resolve("Ponte/state"));
        }
        if (os.contains("mac")) {
            return new AppPaths(home.resolve("Library/Application Support/Ponte"), home.resolve("Library/Logs/Ponte"),
                    home.resolve("Library/Application Support/Ponte/state"));
        }
        Path config = env.containsKey("XDG_CONFIG_HOME") ? Path.of(env.get("XDG_CONFIG_HOME")) : home.resolve(".config");
        Path state = env.containsKey("XDG_STATE_HOME") ? Path.of(env.get("XDG_STATE_HOME")) : home.resolve(".local/state");
        return new AppPaths(config.resolve("ponte"), state.resolve("ponte/logs"), state.resolve("ponte"));
    }

    /** The journal of what Ponte created (connections' parts), owner-only. */
    public Path journalFile() {
        return state.resolve("journal.json");
    }

    public Path settingsFile() {
        return config.resolve("settings.json");
    }
}
