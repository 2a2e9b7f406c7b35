package dev.ponte.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.testsupport.PrivateXvfb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The software choice on a real X server (a private Xvfb, which has no GPU): a child JVM shows a JavaFX window with
 * GTK's glass, as Ponte does, once with the choice applied and once without, and reports the pipeline JavaFX used
 * ({@code prism.verbose}) and the GL libraries it mapped. With the choice: the software pipeline and no libGL or LLVM
 * in the process. Without it (the control, where Mesa's libGL is installed, as on CI): JavaFX loads libGL and ends on
 * the same software pipeline. Skips when {@code Xvfb} is not installed, except on CI ({@code PONTE_EXPECT_TRAY=1},
 * set once CI's Xvfb and tray are up), where it fails instead.
 */
class GraphicsChoiceOnXvfbTest {
    private static final String SW = "Initialized prism pipeline: com.sun.prism.sw.SWPipeline";
    @RegisterExtension
    static final PrivateXvfb XVFB = new PrivateXvfb("the choice is made on Linux only");

    @TempDir
    static Path dir;

    private static String probe(String mode) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dprism.verbose=true", "-cp",
                System.getProperty("java.class.path"), GraphicsChoiceProbe.class.getName()));
        if (mode != null) {
            cmd.add(mode);
        }
        Path out = dir.resolve("probe-" + mode + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("DISPLAY", XVFB.display());
        pb.environment().remove("GDK_GL");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().put("HOME", dir.toString()); // JavaFX unpacks its native libraries under ~/.openjfx
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "the probe JVM failed:\n" + log);
        return log;
    }

    @Test
    void theChoiceDrawsInSoftwareWithoutLoadingGl() throws Exception {
        String log = probe("software");
        assertTrue(log.contains(SW), "software pipeline:\n" + log);
        assertTrue(log.contains("Prism pipeline init order: sw \n") || log.contains("Prism pipeline init order: sw\n"),
                "es2 not even tried:\n" + log);
        assertTrue(log.contains("libGL false"), "no libGL mapped:\n" + log);
        assertTrue(log.contains("libLLVM false"), "no LLVM mapped:\n" + log);
        assertTrue(log.contains("C GDK_GL disable"), "GTK saw GDK_GL=disable:\n" + log);
        assertTrue(log.contains("Java GDK_GL null"), "Java's copy of the environment (children's) unchanged:\n" + log);
    }

    @Test
    void withoutItJavaFxLoadsGlAndStillDrawsInSoftware() throws Exception {
        boolean libGl = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libGL.so.1"))
                || Files.exists(Path.of("/usr/lib64/libGL.so.1")) || Files.exists(Path.of("/usr/lib/libGL.so.1"));
        Assumptions.assumeTrue(libGl, "the control needs Mesa's libGL installed");
        String log = probe(null);
        assertTrue(log.contains(SW), "JavaFX ends on the software pipeline on Xvfb:\n" + log);
        assertTrue(log.contains("libGL true"), "and loaded libGL to find that out:\n" + log);
        assertTrue(log.contains("C GDK_GL null"), log);
    }
}
