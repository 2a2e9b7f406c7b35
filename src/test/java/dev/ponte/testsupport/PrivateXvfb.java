package dev.ponte.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An Xvfb of a test class's own, on a display number it picks itself ({@code -displayfd}), so the test sees neither a
 * developer's desktop nor CI's display (where {@code .ci/services.d/40-tray.sh} runs a tray host). Register it as a
 * static {@code @RegisterExtension} field: it starts before the class's tests (640 × 480, no TCP) and stops after them.
 * Linux only; skips when {@code Xvfb} is not on the PATH, except on CI ({@code PONTE_EXPECT_TRAY=1}, set once CI's
 * Xvfb and tray are up), where it fails instead.
 */
public final class PrivateXvfb implements BeforeAllCallback, AfterAllCallback {
    private final String whyLinux;
    private Process process;
    private Path folder;
    private String display;

    /** @param whyLinux the skip message off Linux ("the XEmbed probe is for Linux") */
    public PrivateXvfb(String whyLinux) {
        this.whyLinux = whyLinux;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"), whyLinux);
        boolean installed = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "Xvfb")));
        if (!"1".equals(System.getenv("PONTE_EXPECT_TRAY"))) {
            Assumptions.assumeTrue(installed, "needs Xvfb (apt-get install --no-install-recommends xvfb)");
        }
        assertTrue(installed, "PONTE_EXPECT_TRAY=1 but Xvfb is not on the PATH");
        folder = Files.createTempDirectory("ponte-xvfb");
        Path fd = folder.resolve("display");
        // -displayfd picks a free display number and writes it once the server accepts connections.
        Process p = new ProcessBuilder("sh", "-c", "exec Xvfb -displayfd 3 -screen 0 640x480x24 -nolisten tcp 3>" + fd)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process = p;
        Wait.polling("Xvfb to write its display number", () -> (Files.exists(fd) && Files.size(fd) > 0) || !p.isAlive());
        assertTrue(p.isAlive(), "Xvfb exited at start");
        display = ":" + Files.readString(fd).strip();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
        if (folder != null) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(folder);
        }
    }

    /** {@code :N}, for {@code DISPLAY}. */
    public String display() {
        return display;
    }
}
