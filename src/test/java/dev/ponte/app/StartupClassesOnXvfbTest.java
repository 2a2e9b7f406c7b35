package dev.ponte.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.testsupport.PrivateXvfb;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list {@link StartupClasses} loads beside the window still covers what the window's UI thread loads on its way
 * to the first frame: Ponte starts in a child JVM on a private Xvfb, with the preloading off and class loading logged,
 * and most of what its UI thread loaded must be on the list. When the window changes enough that it is not, this
 * fails and says to run {@code scripts/startup-classes}. Skips without Xvfb, except on CI ({@code PONTE_EXPECT_TRAY=1}),
 * where it fails instead.
 */
class StartupClassesOnXvfbTest {
    /** Of the classes the UI thread loads before the first frame, the share the list must have. */
    static final double COVERAGE = 0.85;

    @RegisterExtension
    static final PrivateXvfb XVFB = new PrivateXvfb("the list is written from a start on Linux");

    @TempDir
    static Path dir;

    @Test
    void theListCoversWhatTheWindowLoads() throws Exception {
        Path log = dir.resolve("classes.log");
        Path out = dir.resolve("app.log");
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Dponte.preload=false",
                "-Dponte.home=" + home, "-Xlog:class+load:file=" + log + ":tid", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("DISPLAY", XVFB.display());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("KUBECONFIG", dir.resolve("no-kubeconfig").toString());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(out, StandardCharsets.UTF_8).contains("first frame after")) {
                assertTrue(p.isAlive() && System.nanoTime() < deadline,
                        "no first frame; the app's log:\n" + Files.readString(out, StandardCharsets.UTF_8));
                p.waitFor(100, TimeUnit.MILLISECONDS); // returns at once if it exits
            }
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        List<String> loaded = StartupClassList.uiThreadLoads(log);
        Set<String> listed = new HashSet<>();
        try (InputStream in = StartupClasses.class.getResourceAsStream(StartupClasses.LIST)) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(listed::add);
        }
        List<String> missing = loaded.stream().filter(n -> !listed.contains(n)).toList();
        double covered = 1 - (double) missing.size() / loaded.size();
        assertTrue(loaded.size() > 500, "the UI thread loaded " + loaded.size() + " classes before the first frame");
        assertTrue(covered >= COVERAGE, String.format(
                "the list covers %.0f %% of the %d classes the UI thread loads before the first frame (at least %.0f %%"
                        + " wanted): run scripts/startup-classes. Not on it, first 20: %s", 100 * covered,
                loaded.size(), 100 * COVERAGE, missing.subList(0, Math.min(20, missing.size()))));
    }
}
