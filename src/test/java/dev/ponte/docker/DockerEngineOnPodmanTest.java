package dev.ponte.docker;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The port on Podman's Docker-compatible API ({@code unix:///run/podman/podman.sock}); upstream's privileged Cargo runs here. */
class DockerEngineOnPodmanTest extends EngineContractTest {

    @Override
    EngineTestSupport.Engine which() {
        return EngineTestSupport.Engine.PODMAN;
    }

    @Test
    void upstreamPrivilegedCargoRunsAtDot149AndLeavesNoTrace(@TempDir Path dir) throws IOException {
        new CargoRoundTrip(engine, which()).startsAndIsRemovedWithoutATrace(true, dir);
    }

    @Test
    void unprivilegedCargoRunsToo(@TempDir Path dir) throws IOException {
        new CargoRoundTrip(engine, which()).startsAndIsRemovedWithoutATrace(false, dir);
    }
}
