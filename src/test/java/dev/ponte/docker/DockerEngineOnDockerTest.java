package dev.ponte.docker;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port on Docker Engine ({@code unix:///var/run/docker.sock}). Docker starts privileged containers only
 * where root keeps every capability; on Ponte's machines it lacks CAP_SYS_RESOURCE and runc fails with
 * "unable to apply caps" (shared/testing.md), so upstream's Cargo is asserted to be refused there and
 * the unprivileged variant to work.
 */
class DockerEngineOnDockerTest extends EngineContractTest {

    @Override
    EngineTestSupport.Engine which() {
        return EngineTestSupport.Engine.DOCKER;
    }

    @Test
    void unprivilegedCargoRunsAtDot149AndLeavesNoTrace(@TempDir Path dir) throws IOException {
        new CargoRoundTrip(engine, which()).startsAndIsRemovedWithoutATrace(false, dir);
    }

    @Test
    void upstreamPrivilegedCargoIsRefusedWhereRootLacksCapabilities(@TempDir Path dir) throws IOException {
        if (EngineTestSupport.hostAllowsAllCaps()) {
            // A machine where Docker can run privileged containers: upstream's spec must simply work.
            new CargoRoundTrip(engine, which()).startsAndIsRemovedWithoutATrace(true, dir);
        } else {
            new CargoRoundTrip(engine, which()).privilegedStartIsRefused(dir);
        }
    }
}
