package dev.ponte.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.app.GraphicsChoice.Decision;
import dev.ponte.app.GraphicsChoice.Here;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The decision, against a folder standing in for {@code /dev}. */
class GraphicsChoiceTest {
    @TempDir
    Path dev;

    private Here linux() {
        return new Here(true, null, null, null, dev);
    }

    @Test
    void withoutAnyGpuDeviceTheSoftwarePipelineIsChosenUpFront() {
        Decision d = GraphicsChoice.decide(linux());
        assertTrue(d.software(), d.why());
        assertTrue(d.why().contains("no GPU device under " + dev), d.why());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dri", "nvidiactl", "nvidia0", "dxg", "kfd"})
    void anyGpuDeviceLeavesTheChoiceToJavaFx(String node) throws IOException {
        if (node.equals("dri")) {
            Files.createDirectory(dev.resolve(node));
        } else {
            Files.createFile(dev.resolve(node));
        }
        Decision d = GraphicsChoice.decide(linux());
        assertFalse(d.software(), d.why());
        assertTrue(d.why().contains(dev.resolve(node).toString()), d.why());
    }

    @Test
    void whatTheUserSetWins() {
        assertFalse(GraphicsChoice.decide(new Here(true, "es2,sw", null, null, dev)).software(), "-Dprism.order");
        assertFalse(GraphicsChoice.decide(new Here(true, "sw", null, null, dev)).software(),
                "-Dprism.order=sw: the user's, GDK_GL untouched");
        assertFalse(GraphicsChoice.decide(new Here(true, null, "true", null, dev)).software(), "-Dprism.forceGPU=true");
        assertTrue(GraphicsChoice.decide(new Here(true, null, "false", null, dev)).software(), "forceGPU=false: no GPU");
        assertFalse(GraphicsChoice.decide(new Here(true, null, null, "", dev)).software(), "GDK_GL set, even empty");
    }

    @Test
    void windowsAndMacAreUntouched() {
        Decision d = GraphicsChoice.decide(new Here(false, null, null, null, dev));
        assertFalse(d.software(), d.why());
    }

    @Test
    void choosingNothingChangesNothing() {
        String before = System.getProperty("prism.order");
        Decision kept = new Decision(false, "a GPU");
        assertTrue(GraphicsChoice.apply(kept) == kept);
        assertTrue(java.util.Objects.equals(before, System.getProperty("prism.order")), "prism.order untouched");
    }
}
