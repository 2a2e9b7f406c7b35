package dev.ponte.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Ponte prepares beside the toolkit's start, on the way to the first frame, does not set up Jackson's data binding
 * (about 400 classes and 0.2 s of CPU on a cold JVM, beside the toolkit on two cores): the settings are read with the
 * streaming parser, and the ports' mappers are made at their first use. The window's view-models are built there too,
 * without the toolkit, their hand-overs to the UI thread kept for the window ({@link UiHandOver}). A JVM of its own,
 * whose class loading is logged: in this one other tests have long loaded data binding.
 */
class PrepareBeforeFirstFrameTest {
    @TempDir
    Path dir;

    @Test
    void preparingTheWindowReadsTheSettingsWithoutDataBinding() throws Exception {
        Path classes = dir.resolve("classes.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classes, "-Dponte.home=" + dir.resolve("home"), "-Dponte.preload=false",
                "-Duser.home=" + dir.resolve("user"), "-cp", System.getProperty("java.class.path"),
                PrepareProbe.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        // the settings were read (a file with lists, maps, numbers, booleans and an unknown field)
        assertTrue(out.contains("lastContext kind-dev"), out);
        assertTrue(out.contains("theme DARK"), out);
        assertTrue(out.contains("mtu 1380"), out);
        assertTrue(out.contains("closeToTray false"), out);
        // the window's view-models were built there too, without the toolkit (Platform.runLater would have thrown):
        // their first snapshots (connections, local containers, setups, the main view-model's) wait for the window
        assertTrue(out.contains("view-models true"), out);
        java.util.regex.Matcher waiting = java.util.regex.Pattern.compile("waiting for the window (-?\\d+)").matcher(out);
        assertTrue(waiting.find(), out);
        assertTrue(Integer.parseInt(waiting.group(1)) >= 3, out);
        assertFalse(out.contains("Toolkit not initialized"), out);

        String log = Files.readString(classes, StandardCharsets.UTF_8);
        assertTrue(log.contains(" com.fasterxml.jackson.core.JsonFactory "), "the streaming parser is used");
        assertTrue(log.contains(" dev.ponte.app.CoreServices "), "the core services were built");
        assertFalse(log.contains(" com.sun.javafx.tk.Toolkit "), "the view-models started the UI toolkit");
        assertFalse(log.contains(" com.fasterxml.jackson.databind.ObjectMapper "),
                "data binding was set up before the first frame; who did it: run the probe with"
                        + " -XX:+UnlockDiagnosticVMOptions -XX:LogClassLoadingCauseFor=com.fasterxml.jackson.databind.ObjectMapper"
                        + " -Xlog:class+load+cause");
    }
}
