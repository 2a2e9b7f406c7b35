package dev.ponte.app;

import dev.ponte.core.files.PrivateDirectory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Ponte keeps its files, per OS; {@code -Dponte.home=DIR} puts everything under one
 * folder (tests, screenshots, benchmarks).
 *
 * @param config     settings
 * @param logs       Ponte's own log files
 * @param state      what Ponte keeps between runs that is not a setting (the journal, the single-instance lock)
 * @param privateDir the folder for files holding credentials and the single-instance socket:
 *                   {@code $XDG_RUNTIME_DIR/ponte}, else {@code private} under {@code state}
 *                   (see {@link PrivateDirectory}; created when first used)
 */
public record AppPaths(Path config, Path logs, Path state, Path privateDir) {
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
            return new AppPaths(root.resolve("config"), root.resolve("logs"), root.resolve("state"), root.resolve("private"));
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path appData = Path.of(env.getOrDefault("APPDATA", home.resolve("AppData/Roaming").toString()));
            Path local = Path.of(env.getOrDefault("LOCALAPPDATA", home.resolve("AppData/Local").toString()));
            return of(appData.resolve("Ponte"), local.resolve("Ponte/logs"), local.resolve("Ponte"), env);
        }
        if (os.contains("mac")) {
            Path support = home.resolve("Library/Application Support/Ponte");
            return of(support, home.resolve("Library/Logs/Ponte"), support, env);
        }
        Path config = env.containsKey("XDG_CONFIG_HOME") ? Path.of(env.get("XDG_CONFIG_HOME")) : home.resolve(".config");
        Path state = env.containsKey("XDG_STATE_HOME") ? Path.of(env.get("XDG_STATE_HOME")) : home.resolve(".local/state");
        return of(config.resolve("ponte"), state.resolve("ponte/logs"), state.resolve("ponte"), env);
    }

    private static AppPaths of(Path config, Path logs, Path state, Map<String, String> env) {
        return new AppPaths(config, logs, state, PrivateDirectory.defaultLocation(env, state));
    }

    /** The journal of what Ponte created (connections' parts), owner-only. */
    public Path journalFile() {
        return state.resolve("journal.json");
    }

    /** Saved setups and the run specs "Save as setup…" needs, owner-only, no secrets. */
    public Path setupsFile() {
        return state.resolve("setups.json");
    }

    public Path settingsFile() {
        return config.resolve("settings.json");
    }
}
