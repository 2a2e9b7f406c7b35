package dev.ponte.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * An Xvfb of a test's own, on a display number it picks itself ({@code -displayfd}), so the test sees neither a
 * developer's desktop nor CI's display (where {@code .ci/services.d/40-tray.sh} runs a tray host).
 */
public final class PrivateXvfb implements AutoCloseable {
    private final Process process;
    private final String display;

    private PrivateXvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /**
     * Skips the test when {@code Xvfb} is not on the PATH, except on CI ({@code PONTE_EXPECT_TRAY=1}, set once CI's
     * Xvfb and tray are up), where it fails instead.
     */
    public static void assumeInstalled() {
        boolean installed = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "Xvfb")));
        if (!"1".equals(System.getenv("PONTE_EXPECT_TRAY"))) {
            Assumptions.assumeTrue(installed, "needs Xvfb (apt-get install --no-install-recommends xvfb)");
        }
        assertTrue(installed, "PONTE_EXPECT_TRAY=1 but Xvfb is not on the PATH");
    }

    /** Starts one (640 × 480, no TCP) and returns once it accepts connections; {@code dir}: a folder of the test's. */
    public static PrivateXvfb start(Path dir) throws Exception {
        Path fd = Files.createTempFile(dir, "xvfb", ".display");
        // -displayfd picks a free display number and writes it once the server accepts connections.
        Process p = new ProcessBuilder("sh", "-c", "exec Xvfb -displayfd 3 -screen 0 640x480x24 -nolisten tcp 3>" + fd)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Wait.polling("Xvfb to write its display number", () -> Files.size(fd) > 0 || !p.isAlive());
        assertTrue(p.isAlive(), "Xvfb exited at start");
        return new PrivateXvfb(p, ":" + Files.readString(fd).strip());
    }

    /** {@code :N}, for {@code DISPLAY}. */
    public String display() {
        return display;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
