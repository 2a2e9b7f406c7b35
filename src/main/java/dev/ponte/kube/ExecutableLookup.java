package dev.ponte.kube;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Finds out whether a command (an exec credential plugin) could be started, like a shell's PATH lookup. */
final class ExecutableLookup {
    private ExecutableLookup() {
    }

    /** @see KubeconfigLoader#findMissingExecutable(String, Map) */
    static Optional<String> findMissing(String command, Map<String, String> env, boolean windows) {
        if (command == null || command.isBlank()) {
            return Optional.empty();
        }
        List<String> suffixes = windows ? windowsSuffixes(command, envValue(env, "PATHEXT")) : List.of("");
        try {
            boolean hasSeparator = command.indexOf('/') >= 0 || command.indexOf(File.separatorChar) >= 0
                    || (windows && command.indexOf('\\') >= 0);
            if (hasSeparator) {
                return suffixes.stream().anyMatch(s -> isExecutable(Path.of(command + s)))
                        ? Optional.empty() : Optional.of(command);
            }
            String pathVar = envValue(env, "PATH");
            for (String dir : pathVar == null ? new String[0] : pathVar.split(Pattern.quote(File.pathSeparator))) {
                if (dir.isBlank()) {
                    continue;
                }
                for (String suffix : suffixes) {
                    try {
                        if (isExecutable(Path.of(dir).resolve(command + suffix))) {
                            return Optional.empty();
                        }
                    } catch (InvalidPathException e) {
                        // a PATH entry that is not a valid path cannot hold the command
                    }
                }
            }
        } catch (InvalidPathException e) {
            // not a valid path: it cannot be run
        }
        return Optional.of(command);
    }

    private static List<String> windowsSuffixes(String command, String pathExt) {
        List<String> exts = new ArrayList<>();
        for (String ext : (pathExt == null || pathExt.isBlank() ? ".COM;.EXE;.BAT;.CMD" : pathExt).split(";")) {
            if (!ext.isBlank()) {
                exts.add(ext.strip());
            }
        }
        String lower = command.toLowerCase(Locale.ROOT);
        boolean hasExt = exts.stream().anyMatch(e -> lower.endsWith(e.toLowerCase(Locale.ROOT)));
        List<String> suffixes = new ArrayList<>();
        if (hasExt) {
            suffixes.add("");
        }
        suffixes.addAll(exts);
        return suffixes;
    }

    private static boolean isExecutable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }

    /** An environment variable, looked up ignoring case when the exact name is absent (Windows has "Path"). */
    private static String envValue(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v != null) {
            return v;
        }
        return env.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
