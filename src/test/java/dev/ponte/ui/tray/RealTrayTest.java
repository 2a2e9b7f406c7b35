package dev.ponte.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The tray icon in a real system tray: Xvfb with {@code trayer} as the tray host (shared/testing.md). The AWT side
 * runs in a JVM of its own ({@link TrayProbe}): this JVM is AWT-headless by Surefire's settings.
 *
 * <p>Where: with {@code PONTE_EXPECT_TRAY=1} (set by {@code .ci/services.d/40-tray.sh} once trayer runs on CI's
 * {@code DISPLAY}) it uses {@code $DISPLAY} and fails if anything is missing. Otherwise it starts a private Xvfb with
 * trayer (so nothing appears on a developer's desktop), and skips when {@code Xvfb} or {@code trayer} is not installed
 * ({@code apt-get install --no-install-recommends xvfb trayer}).
 *
 * <p>Screenshot of the menu ({@code docs/tray-menu.png}): run {@code TrayProbe <file> --hold} on a display with trayer
 * and right-click the icon, e.g. {@code xdotool mousemove X Y click 3; import -window root shot.png}.
 */
@Tag("tray")
class RealTrayTest {
    private static final List<Process> STARTED = new ArrayList<>();
    private static Map<String, String> seen;
    private static String log = "";

    @TempDir
    static Path dir;

    static java.util.Optional<Path> onPath(String path, String name) {
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return java.util.Optional.of(Path.of(d, name));
            }
        }
        return java.util.Optional.empty();
    }

    @BeforeAll
    static void runTheProbe() throws Exception {
        boolean expected = "1".equals(System.getenv("PONTE_EXPECT_TRAY"));
        String display;
        if (expected) {
            display = System.getenv("DISPLAY");
            assertNotNull(display, "PONTE_EXPECT_TRAY=1 but DISPLAY is not set (.ci/run starts Xvfb, 40-tray.sh trayer)");
        } else {
            List<String> missing = new ArrayList<>();
            for (String tool : List.of("Xvfb", "trayer")) {
                if (onPath(System.getenv().getOrDefault("PATH", ""), tool).isEmpty()) {
                    missing.add(tool);
                }
            }
            Assumptions.assumeTrue(missing.isEmpty(), "the real tray test needs " + String.join(" and ", missing)
                    + " (apt-get install --no-install-recommends xvfb trayer)");
            display = startXvfbWithTrayer();
        }
        Path result = dir.resolve("result.properties");
        Path output = dir.resolve("probe.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=false", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                TrayProbe.class.getName(), result.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("DISPLAY", display);
        Process probe = pb.start();
        boolean ended = probe.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            probe.destroyForcibly();
        }
        log = Files.exists(output) ? tail(Files.readString(output)) : "";
        assertTrue(ended, "the tray probe did not end within 90 s; its output:\n" + log);
        seen = read(result);
        if (seen.containsKey("error")) {
            fail("the tray probe failed: " + seen.get("error") + "\nits output:\n" + log);
        }
    }

    @AfterAll
    static void stopDisplay() {
        for (Process p : STARTED.reversed()) {
            p.destroy();
        }
    }

    @Test
    void theIconIsInstalledInTheTray() {
        assertEquals("true", seen.get("supported"), log);
        assertEquals("true", seen.get("installed"), "SystemTray.getTrayIcons() holds our icon");
        assertEquals("true", seen.get("iconIsConnected"), "the icon shows CONNECTED");
        assertEquals("Ponte — kind-dev: Connected", seen.get("tooltip"));
    }

    @Test
    void theX11ProbeSeesTheTrayHostThatAwtSees() {
        assertEquals("OWNER", seen.get("xembed"), "XEmbedTray's answer where SystemTray.isSupported() is true");
    }

    @Test
    void theMenuIsTheModelDrawnByAwt() {
        assertEquals(String.join("\\n", "Open Ponte", "--", "kind-dev: Connected (disabled)", "Disconnect kind-dev", "--",
                "api (default) → api-local (disabled)", "Unbridge api (default)", "--",
                "[x] " + TrayMenuBuilder.KEEP_RUNNING, "Quit Ponte…"), seen.get("menu"));
    }

    @Test
    void menuActionsReachTheAppOnTheFxThread() {
        assertEquals("open@fx,disconnect kind-dev@fx,unbridge api-bridge@fx,closeToTray false@fx,quit@fx", seen.get("calls"));
    }

    @Test
    void aDroppedTunnelTurnsTheIconRedAndNotifies() {
        assertEquals("Ponte — kind-dev: Down", seen.get("tooltipAfterDrop"));
        assertTrue(seen.get("menuAfterDrop").contains("kind-dev: Down — Cargo is gone (disabled)"), seen.get("menuAfterDrop"));
        assertEquals("kind-dev: tunnel down", seen.get("notified"));
    }

    @Test
    void closingRemovesTheIcon() {
        assertEquals("true", seen.get("removed"));
    }

    /** A private display with a tray host; returns its name (":N"). */
    private static String startXvfbWithTrayer() throws Exception {
        Path fd = dir.resolve("xvfb.display");
        // -displayfd picks a free display number and writes it once the server is ready.
        Process xvfb = new ProcessBuilder("sh", "-c", "exec Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>" + fd)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        STARTED.add(xvfb);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> (Files.exists(fd) && Files.size(fd) > 0) || !xvfb.isAlive());
        assertTrue(xvfb.isAlive(), "Xvfb exited at start");
        String display = ":" + Files.readString(fd).strip();
        ProcessBuilder trayer = new ProcessBuilder("trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel",
                "--width", "200", "--height", "24").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        trayer.environment().put("DISPLAY", display);
        STARTED.add(trayer.start());
        return display;
    }

    private static Map<String, String> read(Path file) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        return m;
    }

    private static String tail(String s) {
        String[] lines = s.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
    }
}
